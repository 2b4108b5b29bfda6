"""The reviewer's table (templates/documents/step_fields/_nominees.html): one row per nominee
with its decision's form fields, what the toolbar filters on, the running counts and the rows
that a refused post sent back with reasons. A view-model: the template only lays it out."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..domain.validation import REVIEW_DECISIONS
from .forms.common import version_of
from .presenters import is_message


def search_key(text: str) -> str:
    """Lower case without Vietnamese accents ("Đỗ Thị Ánh" -> "do thi anh"): what the table's
    search box compares (static/js/review.js folds the query the same way)."""
    folded = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).lower().split())


@dataclass
class ReviewRow:
    position: int          # STT, 1-based: also the row's anchor (#decision-7)
    entry: object          # the DecisionForm subform (FormField) of the row
    nominee: object | None
    award_label: str
    status: str            # "accepted", "rejected" or "pending" as the form holds it now
    errors: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"decision-{self.position}"

    @property
    def search(self) -> str:
        return search_key(self.nominee.full_name) if self.nominee else ""


@dataclass
class ReviewTable:
    rows: list[ReviewRow]
    awards: list[tuple[str, str]]        # (code, label) of the awards the list proposes, in order
    kinds: list[str]                     # the nominee kinds present, in order
    counts: dict[str, int]               # accepted / rejected / pending
    list_errors: list[str]               # reasons about the whole list (above the table)

    @property
    def error_rows(self) -> list[ReviewRow]:
        return [r for r in self.rows if r.errors]


def _messages(errors) -> list[str]:
    if isinstance(errors, dict):
        return [m for values in errors.values() for m in _messages(values)]
    if isinstance(errors, (list, tuple)):
        return [m for e in errors for m in _messages(e)]
    return [str(errors)] if errors else []


def review_table(document, form, award_labels: dict[str, str]) -> ReviewTable:
    """The table for `form.decisions` (a fresh form or the one a refused post sent back), each
    row matched to its nominee by the id it carries, so a re-shown form keeps every value."""
    by_id = {n.id: n for n in document.nominees}
    rows, awards, kinds = [], {}, {}
    for i, entry in enumerate(form.decisions):
        sub = entry.form
        nominee = by_id.get(version_of(sub.nominee_id.data))
        status = sub.status.data if sub.status.data in REVIEW_DECISIONS else "pending"
        errors = [*_messages(sub.status.errors), *_messages(sub.note.errors),
                  *_messages(sub.votes_for.errors), *_messages(sub.votes_total.errors),
                  *_messages(getattr(sub, "row_errors", []))]
        label = award_labels.get(nominee.award, nominee.award) if nominee else ""
        if nominee:
            awards.setdefault(nominee.award, label)
            kinds.setdefault(nominee.kind, None)
        rows.append(ReviewRow(i + 1, entry, nominee, label, status, errors))
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("accepted", "rejected", "pending")}
    list_errors = [str(e) for e in form.decisions.errors if is_message(e)]
    list_errors += [str(e) for e in getattr(form.decisions, "list_errors", [])]
    return ReviewTable(rows, list(awards.items()), list(kinds), counts, list_errors)
