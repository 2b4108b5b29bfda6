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
    """Documents where `user` has at least one transition available now (the worklist)."""
    clauses = []
    seen = set()
    for definition in DEFINITIONS.values():
        for t in definition.transitions:
            if t.roles and not (set(t.roles) & user.roles):
                continue
            key = (definition.kind, t.source, t.scope, t.not_creator)
            if key in seen:
                continue
            seen.add(key)
            clause = and_(Document.kind == definition.kind, Document.state == t.source,
                          scope_clause(t.scope, user))
            if t.not_creator:
                clause = and_(clause, Document.created_by_id != user.id)
            clauses.append(clause)
    return or_(*clauses) if clauses else false()
