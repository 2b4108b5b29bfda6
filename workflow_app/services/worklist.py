"""The worklist (Plone's worklists): what waits for a user now, counted by kind and state."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import Document, DocumentCount
from . import documents
from .scope import actionable_clause


@dataclass(frozen=True)
class Count:
    kind: str
    state: str
    count: int


def counts(user) -> list[Count]:
    """How many documents wait for `user`, per (kind, state): the same rule as the buttons.

    No visibility filter, as in documents.search(actionable=True): what a user may act on
    they may always see (tests/services/test_scope.py holds the two together). Summed from the
    counts table, so the figure costs the same with 1k or 100k documents."""
    total = func.sum(DocumentCount.n)
    rows = db.session.execute(
        select(DocumentCount.kind, DocumentCount.state, total)
        .where(actionable_clause(user, DocumentCount))
        .group_by(DocumentCount.kind, DocumentCount.state)
        .having(total > 0)
        .order_by(DocumentCount.kind, DocumentCount.state)).all()
    return [Count(kind, state, count) for kind, state, count in rows]


@dataclass(frozen=True)
class Item:
    document: Document
    transitions: list[str]


def items(user, page: int = 1, per_page: int = 20) -> tuple[list[Item], documents.Page]:
    """The user's actionable documents, newest first, each with the steps open to them."""
    found = documents.search(user, actionable=True, page=page, per_page=per_page)
    return [Item(d, documents.available_transitions(d, user)) for d in found.items], found
