"""Commendation rounds (đợt khen thưởng), as the kinds that declare and answer them share them:
the kinds of target group, and whether a nominee fits a round's groups."""
from __future__ import annotations

from datetime import date

from .i18n import N_
from .validation import NOMINEE_KINDS

# A group is of a kind of nominee: every kind a nominee may be, and households (hộ gia đình).
GROUP_KINDS = tuple(dict.fromkeys((*NOMINEE_KINDS, "household")))
KIND_LABELS = {"individual": N_("Cá nhân"), "collective": N_("Tập thể"), "household": N_("Hộ gia đình")}
# How the plan editor types a round's groups in one textarea (kinds/plan/editor.py): a group's
# line is "name | kind | awards", a criterion's line starts with one of the marks. A group name
# holding the separator or starting with a mark could not be typed back: the body refuses it.
GROUP_SEPARATOR = "|"
CRITERION_MARKS = ("-", "+", "•", "*")


def one_line(text: str) -> str:
    """A round's name, a group's name, a criterion: one line wherever shown (the editor's inputs
    and its textarea lines, the printed plan), its whitespace runs one space."""
    return " ".join(text.split())


def group_name_problem(name: str) -> str | None:
    """Why the editor could not show this group name, or None."""
    if GROUP_SEPARATOR in name:
        return f"Tên nhóm không được chứa dấu “{GROUP_SEPARATOR}”."
    if name.startswith(CRITERION_MARKS):
        marks = ", ".join(f"“{m}”" for m in CRITERION_MARKS[:-1])
        return f"Tên nhóm không được bắt đầu bằng dấu {marks} hoặc “{CRITERION_MARKS[-1]}”."
    return None


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


def days_left(due: date, today: date, translate=lambda text: text) -> str:
    """How far a round's deadline is, said: "Còn 5 ngày", "Hạn cuối là hôm nay", "Hết hạn 3 ngày trước"."""
    n = (due - today).days
    if n > 0:
        return translate(N_("Còn %(n)d ngày")) % {"n": n}
    if n == 0:
        return translate(N_("Hạn cuối là hôm nay"))
    return translate(N_("Hết hạn %(n)d ngày trước")) % {"n": -n}
