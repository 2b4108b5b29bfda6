"""Who sees what (DESIGN.md §4) and what waits for whom, as SQL over documents.

Both clauses are built from the same rules as domain/workflows/authorization.py
so that the worklist shows exactly the documents where a button would work.
"""
from __future__ import annotations

from sqlalchemy import and_, false, or_, select

from ..domain.workflows import DEFINITIONS
from ..extensions import db
from ..models import Document, Organization

REVIEWING_ROLES = {"reviewer", "approver", "archivist"}


def scope_clause(scope: str, user):
    if scope == "creator":
        return Document.created_by_id == user.id
    if scope == "owner_unit":
        unit = Document.unit_id.is_(None)
        if user.unit_id is not None:
            unit = or_(unit, Document.unit_id == user.unit_id)
        return and_(Document.owner_organization_id == user.organization_id, unit)
    if scope == "issuer":
        return Document.organization_id == user.organization_id
    raise ValueError(f"unknown scope {scope!r}")


def visible_clause(user):
    """Documents `user` may see; anything else is answered as not found."""
    roles = user.roles
    org = user.organization_id
    clauses = [
        Document.created_by_id == user.id,
        and_(Document.state == "issued",
             or_(Document.organization_id == org, Document.owner_organization_id == org)),
    ]
    if user.unit_id is not None:
        clauses.append(and_(Document.owner_organization_id == org, Document.unit_id == user.unit_id))
    if "drafter" in roles:  # a document of no unit belongs to every drafter of its body
        clauses.append(and_(Document.owner_organization_id == org, Document.unit_id.is_(None)))
    if "admin" in roles:
        clauses.append(or_(Document.owner_organization_id == org, Document.organization_id == org))
    if roles & REVIEWING_ROLES:
        clauses.append(and_(Document.state != "draft", Document.organization_id == org))
    parent_id = db.session.scalar(select(Organization.parent_id).where(Organization.id == org))
    if parent_id is not None:  # an issued plan addresses the bodies below its issuer
        clauses.append(and_(Document.kind == "plan", Document.state == "issued",
                            Document.organization_id == parent_id))
    return or_(*clauses)


def actionable_clause(user):
    """Documents where `user` has at least one transition available now (the worklist).

    Grouped by (scope, four-eyes) into `state IN (...)` terms so that each term can use an
    index; a four-eyes term is dropped when the same states are open to the user anyway.
    """
    groups: dict[tuple[str, bool], set[tuple[str, str]]] = {}
    for definition in DEFINITIONS.values():
        for t in definition.transitions:
            if not t.roles or set(t.roles) & user.roles:
                groups.setdefault((t.scope, t.not_creator), set()).add((definition.kind, t.source))
    for (scope, _), pairs in list(groups.items()):
        if (scope, True) in groups:
            groups[(scope, True)] -= groups.get((scope, False), set())
    clauses = []
    all_kinds = set(DEFINITIONS)
    for (scope, not_creator), pairs in sorted(groups.items()):
        by_state: dict[str, set[str]] = {}
        for kind, state in pairs:
            by_state.setdefault(state, set()).add(kind)
        for kinds in {frozenset(k) for k in by_state.values()}:
            states = sorted(s for s, k in by_state.items() if k == kinds)
            clause = and_(scope_clause(scope, user), Document.state.in_(states))
            if kinds != all_kinds:
                clause = and_(clause, Document.kind.in_(sorted(kinds)))
            if not_creator:
                clause = and_(clause, Document.created_by_id != user.id)
            clauses.append(clause)
    return or_(*clauses) if clauses else false()
