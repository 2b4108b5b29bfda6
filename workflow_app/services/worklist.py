"""The worklist (Plone's worklists): what waits for a user now, counted by kind and state."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Document, WorkflowEvent
from . import document_pages, documents, duties
from .scope import count_actionable


@dataclass(frozen=True)
class Count:
    kind: str
    state: str
    count: int


def counts(user) -> list[Count]:
    """How many documents wait for `user` (a step forward is theirs to take), per (kind, state):
    the same rule as the buttons.

    No visibility filter, as in documents.search(actionable=True): what a user may act on
    they may always see (tests/services/test_scope.py holds the two together). Summed from the
    counts table where it can answer, so the figure costs about the same with 1k or 100k
    documents (scope.count_actionable)."""
    totals = count_actionable(user, by=("kind", "state"), forward_only=True)
    return [Count(kind, state, count) for (kind, state), count in sorted(totals.items())]


def following_count(user) -> int:
    """How many documents are in "Đang theo dõi": those where `user` could only take a step
    back (Rút lại, Trả lại), the actionable ones less those waiting for them."""
    return count_actionable(user).get((), 0) - count_actionable(user, forward_only=True).get((), 0)


@dataclass(frozen=True)
class Item:
    document: Document
    transitions: list[str]
    returned: WorkflowEvent | None = None   # a returned draft: the return, whose comment says why


def items(user, page: int = 1, per_page: int = 20, desk: str = "waiting") -> tuple[list[Item], documents.Page]:
    """The documents waiting for the user (desk "waiting": returned drafts first, then newest
    first) or those they follow ("following"), each with the steps open to them."""
    found = documents.search(user, desk=desk, page=page, per_page=per_page)
    records = duties.records(found.items, user)
    returns = document_pages.returns_of(found.items)
    return [Item(d, documents.available_transitions(d, user, records[d.id]), returns.get(d.id))
            for d in found.items], found
