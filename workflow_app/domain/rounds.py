"""Commendation rounds (đợt khen thưởng), as the kinds that declare and answer them share them:
the kinds of target group, and whether a nominee fits a round's groups."""
from __future__ import annotations

from .i18n import N_
from .validation import NOMINEE_KINDS

# A group is of a kind of nominee: every kind a nominee may be, and households (hộ gia đình).
GROUP_KINDS = tuple(dict.fromkeys((*NOMINEE_KINDS, "household")))
KIND_LABELS = {"individual": N_("Cá nhân"), "collective": N_("Tập thể"), "household": N_("Hộ gia đình")}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def misfit(groups: list[dict], kind: str, award: str, labels: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(field, reason) when a nominee of `kind` proposed for `award` fits none of a round's
    `groups` ("kind": the round has no group of that kind; "award": no group of it gives that
    award); None when it fits one. `labels`: award code -> its name, for the reason."""
    of_kind = [g for g in groups if g.get("kind") == kind]
    if not of_kind:
        allowed = ", ".join(dict.fromkeys(kind_label(g.get("kind", "")).lower() for g in groups))
        return "kind", f"đợt này không xét {kind_label(kind).lower()} (chỉ xét: {allowed})."
    if not any(award in (g.get("awards") or ()) for g in of_kind):
        label = (labels or {}).get(award, award)
        names = " hoặc ".join(f"“{g.get('name', '')}”" for g in of_kind)
        return "award", f"hình thức khen thưởng “{label}” không dành cho nhóm {names} của đợt."
    return None
