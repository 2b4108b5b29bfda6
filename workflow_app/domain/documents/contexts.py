"""Which context builder serves which master: each kind lists its masters (domain/kinds.py).

Every builder is a pure function (content, Generation) -> (context, DocMeta):
the context holds only cleaned strings, lists and dicts, ready for docxtpl.
"""
from __future__ import annotations

from ..kinds import MasterSpec, all_masters
from .context_parts import DocMeta
from .data import Generation


def template_names() -> tuple[str, ...]:
    """Every master some registered kind renders."""
    return tuple(all_masters())


def master_spec(template_name: str) -> MasterSpec:
    try:
        return all_masters()[template_name]
    except KeyError:
        known = ", ".join(all_masters())
        raise ValueError(f"unknown document template {template_name!r}; known: {known}") from None


def build_context(template_name: str, content, gen: Generation) -> tuple[dict, DocMeta]:
    master = master_spec(template_name)
    if not isinstance(content, master.accepts):
        names = " or ".join(t.__name__ for t in master.accepts)
        raise TypeError(f"{template_name} is made from {names}, not {type(content).__name__}")
    return master.build(content, gen)
