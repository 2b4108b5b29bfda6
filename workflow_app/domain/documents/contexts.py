"""Which context builder serves which master, and for which kind of content.

Every builder is a pure function (content, Generation) -> (context, DocMeta):
the context holds only cleaned strings, lists and dicts, ready for docxtpl.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .certificate_contexts import giay_khen_context, giay_khen_in_phoi_context
from .commendation_contexts import bien_ban_context, quyet_dinh_context, to_trinh_khen_thuong_context
from .context_parts import DocMeta
from .data import CommendationData, Generation, PlanData
from .plan_contexts import phieu_trinh_context, plan_context, to_trinh_ke_hoach_context


@dataclass(frozen=True)
class Kind:
    build: Callable[[object, Generation], tuple[dict, DocMeta]]
    accepts: tuple[type, ...]
    certificate: bool = False        # landscape Giấy khen: outside the ND30 format rules


KINDS: dict[str, Kind] = {
    "ke-hoach": Kind(plan_context, (PlanData,)),
    "to-trinh-ke-hoach": Kind(to_trinh_ke_hoach_context, (PlanData,)),
    "phieu-trinh": Kind(phieu_trinh_context, (PlanData, CommendationData)),
    "to-trinh-khen-thuong": Kind(to_trinh_khen_thuong_context, (CommendationData,)),
    "bien-ban-xet-khen-thuong": Kind(bien_ban_context, (CommendationData,)),
    "quyet-dinh-khen-thuong": Kind(quyet_dinh_context, (CommendationData,)),
    "giay-khen": Kind(giay_khen_context, (CommendationData,), certificate=True),
    "giay-khen-in-phoi": Kind(giay_khen_in_phoi_context, (CommendationData,), certificate=True),
}
TEMPLATE_NAMES = tuple(KINDS)


def kind_of(template_name: str) -> Kind:
    try:
        return KINDS[template_name]
    except KeyError:
        raise ValueError(f"unknown document template {template_name!r}; known: {', '.join(KINDS)}") from None


def build_context(template_name: str, content, gen: Generation) -> tuple[dict, DocMeta]:
    kind = kind_of(template_name)
    if not isinstance(content, kind.accepts):
        names = " or ".join(t.__name__ for t in kind.accepts)
        raise TypeError(f"{template_name} is made from {names}, not {type(content).__name__}")
    return kind.build(content, gen)
