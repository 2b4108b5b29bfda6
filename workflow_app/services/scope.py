"""Who sees what (DESIGN.md §4) and what waits for whom, as SQL over documents.

Both clauses are built from the same rules as domain/workflows/authorization.py
so that the worklist shows exactly the documents where a button would work, and its totals
are exact (count_actionable).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, false, func, not_, or_, select
from sqlalchemy.orm import aliased

from ..domain.kinds import KINDS
from ..domain.workflows import DEFINITIONS, STATES
from ..domain.workflows.authorization import SIGNING_SCOPES
from ..domain.workflows.duties import AUTHORS, SIGNER, STEP_OF
from ..extensions import db
from ..models import Document, DocumentCount, DocumentEditor, WorkflowEvent

REVIEWING_ROLES = {"reviewer", "approver", "archivist"}
# What the issuer's reviewing roles never see: drafts, and drafts cancelled (Hủy) by their creator.
NOT_SUBMITTED = ("draft", *(s.name for s in STATES if s.stopped))


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
    if scope == "proposer_leader":
        return table.proposer_id == user.organization_id
    if scope == "unit_head":
        unit = table.unit_id.is_(None) if "approver" in user.roles else false()
        if user.heads_unit and user.unit_id is not None:
            unit = or_(unit, table.unit_id == user.unit_id)
        return and_(table.proposer_id == user.organization_id, unit)
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
        clauses.append(and_(table.state.not_in(NOT_SUBMITTED), table.issuer_id == org))
    # Who signs a body's Tờ trình (its leaders, a unit's head) reads the drafts they will sign.
    signing: dict[str, set[str]] = {}
    for definition in DEFINITIONS.values():
        for t in definition.transitions:
            if t.scope in SIGNING_SCOPES and (not t.roles or set(t.roles) & roles):
                signing.setdefault(t.scope, set()).add(definition.kind)
    for scope, kinds in sorted(signing.items()):
        clauses.append(and_(table.kind.in_(sorted(kinds)), scope_clause(scope, user, table)))
    parent_id = user.organization.parent_id   # loaded once per request, then from the session
    addressed_below = [k.name for k in KINDS.values() if k.addresses_bodies_below]
    if parent_id is not None and addressed_below:  # an issued plan addresses the bodies below its issuer
        clauses.append(and_(table.kind.in_(addressed_below), table.state == "issued",
                            table.issuer_id == parent_id))
    return or_(*clauses)


def reads_round_decision(user):
    """An issued round decision (a kind that `decides_rounds`) that holds a proposal of `user`'s
    body: that body reads it, finds it in its lists and search (services/documents.search adds
    those to the counts table's total) and downloads its own certificates (services/files.py).
    Over Document only."""
    deciding = [k.name for k in KINDS.values() if k.decides_rounds]
    if not deciding:
        return false()
    proposal = aliased(Document)
    return and_(Document.kind.in_(deciding), Document.state == "issued",
                exists().where(proposal.decision_id == Document.id, proposal.proposer_id == user.organization_id))


def shows_part(file, user) -> bool:
    """A file made for one body only (GeneratedFile.for_organization_id) is shown to that body and
    to the document's issuer; any other file to whoever sees its step."""
    owner = file.for_organization_id
    return owner is None or user.organization_id in (owner, file.document.issuer_id)


@dataclass(frozen=True)
class Actionable:
    """The worklist's rule in two parts. `plain(table)` reads only the columns that Document and
    DocumentCount both have; `restricted` (over Document, or None) holds the terms of steps that
    exclude earlier duties (domain/workflows/duties.py), which only the documents, their editors
    and their history can answer."""
    plain: Callable
    restricted: ColumnElement | None


def actionable_parts(user, forward_only: bool = False) -> Actionable:
    """Documents where `user` has at least one transition available now (the API's actionable=1);
    with `forward_only`, one step forward (WorkflowDefinition.is_forward: the web's worklist,
    which leaves to "Đang theo dõi" what the user could only take back, return or cancel).

    Grouped by (scope, excluded duties) into `state IN (...)` terms so that each term can use an
    index; a term that excludes duties is dropped when the same states are open to the user anyway
    (the approver may always return what they may not approve). Where the user's body allows
    combined duties, no step excludes any.
    """
    relaxed = bool(user.organization.allow_combined_duties)
    groups: dict[tuple[str, tuple[str, ...]], set[tuple[str, str]]] = {}
    for definition in DEFINITIONS.values():
        for t in definition.transitions:
            if forward_only and not definition.is_forward(t):
                continue
            if not t.roles or set(t.roles) & user.roles:
                excludes = () if relaxed else t.excludes
                if definition.stops(t) and "ever_submitted" in t.requires:
                    excludes = (*excludes, NEVER_SUBMITTED)   # Hủy: no choice on a draft never submitted
                groups.setdefault((t.scope, excludes), set()).add((definition.kind, t.source))
    for scope, excludes in list(groups):
        if excludes:
            groups[(scope, excludes)] -= groups.get((scope, ()), set())

    def plain(table):
        terms = [term for (scope, excludes), pairs in sorted(groups.items()) if not excludes
                 for term in _state_terms(scope, pairs, user, table)]
        return or_(*terms) if terms else false()

    restricted = [and_(term, not_(or_(*(_held(name, user) for name in excludes))))
                  for (scope, excludes), pairs in sorted(groups.items()) if excludes
                  for term in _state_terms(scope, pairs, user, Document)]
    return Actionable(plain, or_(*restricted) if restricted else None)


def _state_terms(scope: str, pairs: set[tuple[str, str]], user, table) -> list:
    """`scope AND state IN (...) [AND kind IN (...)]`, one term per set of kinds."""
    by_state: dict[str, set[str]] = {}
    for kind, state in pairs:
        by_state.setdefault(state, set()).add(kind)
    terms = []
    for kinds in {frozenset(k) for k in by_state.values()}:
        states = sorted(s for s, k in by_state.items() if k == kinds)
        term = and_(scope_clause(scope, user, table), table.state.in_(states))
        if kinds != set(DEFINITIONS):
            term = and_(term, table.kind.in_(sorted(kinds)))
        terms.append(term)
    return terms


# Not a duty: the guard of Hủy (a draft once submitted), which documents.available_transitions
# applies to a step that ends the workflow; only the documents can answer it.
NEVER_SUBMITTED = "never_submitted"


def _held(name: str, user):
    """`user` held duty `name` on the document: services/duties.Record.held, in SQL."""
    if name == NEVER_SUBMITTED:
        return Document.ever_submitted.is_not(True)
    if name == AUTHORS:
        return or_(Document.created_by_id == user.id,
                   exists().where(DocumentEditor.document_id == Document.id, DocumentEditor.user_id == user.id))
    if name == SIGNER:   # NULL (no signature) is no match, and NOT of it stays true
        return and_(Document.approved_by_id.is_not(None), Document.approved_by_id == user.id)
    return exists().where(WorkflowEvent.document_id == Document.id, WorkflowEvent.actor_id == user.id,
                          WorkflowEvent.transition == STEP_OF[name])


def actionable_clause(user, forward_only: bool = False):
    """Documents where `user` has at least one transition (with `forward_only`, one step forward)
    available now, over Document."""
    parts = actionable_parts(user, forward_only)
    plain = parts.plain(Document)
    return plain if parts.restricted is None else or_(plain, parts.restricted)


def following_clause(user):
    """"Đang theo dõi": documents where `user` could only take a step back (Rút lại, Trả lại),
    over Document. CASE keeps NULLs of the forward clause from hiding a row."""
    return and_(actionable_clause(user), case((actionable_clause(user, forward_only=True), 1), else_=0) == 0)


def returned_clause():
    """Drafts whose last step returned them with a reason (Trả lại, not Rút lại): the rule of
    document_pages.returns_of, in SQL, to put them first in the worklist."""
    later = aliased(WorkflowEvent)
    latest = (select(func.max(later.id)).where(later.document_id == Document.id)
              .correlate(Document).scalar_subquery())
    returns = [and_(Document.kind == d.kind, WorkflowEvent.transition == t.name, WorkflowEvent.from_state == t.source)
               for d in DEFINITIONS.values() for t in d.transitions if d.is_step_back(t) and t.comment_required]
    drafts = [and_(Document.kind == d.kind, Document.state == d.initial) for d in DEFINITIONS.values()]
    if not returns:
        return false()
    return and_(or_(*drafts), exists().where(WorkflowEvent.document_id == Document.id,
                                             WorkflowEvent.id == latest, or_(*returns)))


def count_actionable(user, filters: Callable = lambda table: [], by: tuple[str, ...] = (),
                     forward_only: bool = False) -> dict[tuple, int]:
    """How many documents wait for `user`, per value of the columns named in `by`, exactly.

    The plain terms are summed from document_counts (the same cost at 1k or 100k documents); the
    terms that exclude earlier duties are counted on the documents, leaving out those the plain
    terms matched. `filters(table)`: more conditions, on columns both tables have."""
    parts = actionable_parts(user, forward_only)
    totals: Counter = Counter()
    columns = [getattr(DocumentCount, c) for c in by]
    for *key, n in db.session.execute(select(*columns, func.sum(DocumentCount.n))
                                      .where(parts.plain(DocumentCount), *filters(DocumentCount))
                                      .group_by(*columns)):
        totals[tuple(key)] += n or 0
    if parts.restricted is not None:
        columns = [getattr(Document, c) for c in by]
        not_plain = case((parts.plain(Document), 1), else_=0) == 0
        for *key, n in db.session.execute(select(*columns, func.count()).select_from(Document)
                                          .where(parts.restricted, not_plain, *filters(Document))
                                          .group_by(*columns)):
            totals[tuple(key)] += n
    return {key: n for key, n in totals.items() if n}
