"""Who sees what (DESIGN.md §4) and what waits for whom, as SQL over documents.

Both clauses are built from the same rules as domain/workflows/authorization.py
so that the worklist shows exactly the documents where a button would work.
"""
from __future__ import annotations

from sqlalchemy import and_, false, or_

from ..domain.kinds import KINDS
from ..domain.workflows import DEFINITIONS
from ..models import Document

REVIEWING_ROLES = {"reviewer", "approver", "archivist"}


def scope_clause(scope: str, user, table=Document):
    if scope == "creator":
        return table.created_by_id == user.id
    if scope == "owner_unit":
        unit = table.unit_id.is_(None)
        if user.unit_id is not None:
            unit = or_(unit, table.unit_id == user.unit_id)
        return and_(table.proposer_id == user.organization_id, unit)
    if scope == "issuer":
        return table.issuer_id == user.organization_id
    raise ValueError(f"unknown scope {scope!r}")


def visible_clause(user, table=Document):
    """Documents `user` may see; anything else is answered as not found.

    `table` is Document or DocumentCount: the clause reads only columns both have."""
    roles = user.roles
    org = user.organization_id
    clauses = [
        table.created_by_id == user.id,
        and_(table.state == "issued",
             or_(table.issuer_id == org, table.proposer_id == org)),
    ]
    if user.unit_id is not None:
        clauses.append(and_(table.proposer_id == org, table.unit_id == user.unit_id))
    if "drafter" in roles:  # a document of no unit belongs to every drafter of its body
        clauses.append(and_(table.proposer_id == org, table.unit_id.is_(None)))
    if "admin" in roles:
        clauses.append(or_(table.proposer_id == org, table.issuer_id == org))
    if roles & REVIEWING_ROLES:
        clauses.append(and_(table.state != "draft", table.issuer_id == org))
    parent_id = user.organization.parent_id   # loaded once per request, then from the session
    addressed_below = [k.name for k in KINDS.values() if k.addresses_bodies_below]
    if parent_id is not None and addressed_below:  # an issued plan addresses the bodies below its issuer
        clauses.append(and_(table.kind.in_(addressed_below), table.state == "issued",
                            table.issuer_id == parent_id))
    return or_(*clauses)


def actionable_clause(user, table=Document):
    """Documents where `user` has at least one transition available now (the worklist).

    Grouped by (scope, four-eyes) into `state IN (...)` terms so that each term can use an
    index; a four-eyes term is dropped when the same states are open to the user anyway.
    """
    groups: dict[tuple[str, bool], set[tuple[str, str]]] = {}
    for definition in DEFINITIONS.values():
        for t in definition.transitions:
            if not t.roles or set(t.roles) & user.roles:
                groups.setdefault((t.scope, t.not_creator), set()).add((definition.kind, t.source))
    for scope, _ in list(groups):
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
            clause = and_(scope_clause(scope, user, table), table.state.in_(states))
            if kinds != all_kinds:
                clause = and_(clause, table.kind.in_(sorted(kinds)))
            if not_creator:
                clause = and_(clause, table.created_by_id != user.id)
            clauses.append(clause)
    return or_(*clauses) if clauses else false()
