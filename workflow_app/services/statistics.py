"""Statistics of awards given (issue 15, point 8): the accepted nominees of the issued decisions a
user may see, counted by the database (GROUP BY), filtered by year, plan or round.

A decision is an issued document of a kind with nominees (domain/kinds.py `has_nominees`); it
counts in the year of its issue (`issued_on`, the office's local date); it answers the plan its
body cites (DocumentKind.cites) and the round it names (`round_id`). One grouped query gives
every breakdown (domain/statistics.tally adds up its groups), two more the decisions per year
and per body and unit: the work grows with the number of groups, not of nominees. A round's
decision (kinds that decide rounds) holds nominees of several proposals: each is counted for the
body and unit of the proposal it came from (Nominee.proposal_id), not for the issuer that
compiled the decision, and the decision counts once for each body it awards. A body whose
proposals went into it counts it (and its own awardees of it only) once it is issued.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import and_, case, extract, false, func, or_, select
from sqlalchemy.orm import aliased

from ..domain import validation
from ..domain.errors import NotFound, ValidationFailed
from ..domain.kinds import KINDS
from ..domain.statistics import Group, Statistics, tally
from ..extensions import db
from ..models import Document, Nominee, Organization, Round, Unit
from .document_pages import citable
from .scope import reads_round_decision, visible_clause

ISSUED = "issued"
ACCEPTED = "accepted"


@dataclass(frozen=True)
class StatsFilter:
    """What to count: None is every value. `round_id` reads the documents' round_id column where
    the schema has one, else the round_id their body names (the rounds feature stores both)."""
    year: int | None = None
    plan_id: int | None = None
    round_id: int | None = None


def _nominee_kinds() -> list:
    return [k for k in KINDS.values() if k.has_nominees]


def _plan_clause(plan_id: int):
    terms = [and_(Document.kind == k.name, Document.body[field].as_integer() == plan_id)
             for k in _nominee_kinds() for field in k.cites]
    return or_(*terms) if terms else false()


def _round_clause(round_id: int):
    column = getattr(Document, "round_id", None)
    if column is not None:
        return column == round_id
    return Document.body["round_id"].as_integer() == round_id


def decisions_clause(user, f: StatsFilter, visible=None):
    """The issued decisions `user` may see (`visible`, default: scope.visible_clause) that `f` selects."""
    kinds = [k.name for k in _nominee_kinds()]
    clauses = [Document.kind.in_(kinds), Document.state == ISSUED,
               visible_clause(user) if visible is None else visible]
    if f.year is not None:
        clauses += [Document.issued_on >= date(f.year, 1, 1), Document.issued_on < date(f.year + 1, 1, 1)]
    if f.plan_id is not None:
        clauses.append(_plan_clause(f.plan_id))
    if f.round_id is not None:
        clauses.append(_round_clause(f.round_id))
    return and_(*clauses)


# Who proposed an awardee: the body (and its unit) of the proposal it came from, for a round's
# decision (its nominees keep `proposal_id`); else the decision's own proposer and unit.
_Proposal = aliased(Document)
_ORIGIN_BODY = func.coalesce(_Proposal.proposer_id, Document.proposer_id)
_ORIGIN_UNIT = case((_Proposal.id.is_not(None), _Proposal.unit_id), else_=Document.unit_id)


def statistics(user, f: StatsFilter = StatsFilter()) -> Statistics:
    # A body whose proposals went into a round's decision reads that decision once issued
    # (scope.reads_round_decision) and counts its own awardees of it, not the other bodies'.
    own_rows = and_(reads_round_decision(user), _Proposal.proposer_id == user.organization_id)
    rows_seen = or_(visible_clause(user), own_rows)
    where = decisions_clause(user, f, rows_seen)
    columns = (_ORIGIN_BODY, _ORIGIN_UNIT, Nominee.award, Nominee.kind, Nominee.gender)
    groups = [Group(*row) for row in db.session.execute(
        select(*columns, func.count()).select_from(Nominee).join(Document, Nominee.document_id == Document.id)
        .outerjoin(_Proposal, _Proposal.id == Nominee.proposal_id)
        .where(where, Nominee.review_status == ACCEPTED).group_by(*columns))]
    # The decisions by year, in every year: the same scan also gives the years to choose from
    # (under the other filters) and the deciding bodies whose awards to label.
    year = extract("year", Document.issued_on)
    every_year = replace(f, year=None)
    unfiltered = decisions_clause(user, every_year, or_(visible_clause(user), reads_round_decision(user)))
    total, issuer_ids, years = 0, set(), set()
    for issuer, issued_in, n in db.session.execute(
            select(Document.issuer_id, year, func.count()).where(unfiltered).group_by(Document.issuer_id, year)):
        if issued_in is not None:   # a bulk-loaded decision may have no date: counted in every year only
            years.add(int(issued_in))
        if f.year is None or issued_in == f.year:
            total += n
            issuer_ids.add(issuer)
    # ... and by proposing body and unit: a round's decision counts for each body it awards.
    decisions: Counter = Counter()
    for body, unit, issued_in, n in db.session.execute(
            select(_ORIGIN_BODY, _ORIGIN_UNIT, year, func.count(func.distinct(Document.id))).select_from(Document)
            .outerjoin(Nominee, and_(Nominee.document_id == Document.id, Nominee.proposal_id.is_not(None)))
            .outerjoin(_Proposal, _Proposal.id == Nominee.proposal_id)
            .where(decisions_clause(user, every_year, rows_seen)).group_by(_ORIGIN_BODY, _ORIGIN_UNIT, year)):
        if f.year is None or issued_in == f.year:
            decisions[(body, unit)] += n
    body_ids = {body for body, _ in decisions}
    unit_ids = {unit for _, unit in decisions if unit is not None}
    bodies = db.session.scalars(select(Organization).where(Organization.id.in_(body_ids | issuer_ids))).all()
    units = {i: name for i, name in db.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids)))}
    stats = tally(groups, dict(decisions), _award_labels(user, [b for b in bodies if b.id in issuer_ids]),
                  {b.id: b.name for b in bodies}, units)
    stats.decisions = total
    stats.years = sorted(years, reverse=True)
    return stats


def _award_labels(user, issuers: list[Organization]) -> list[tuple[str, str]]:
    """(code, label) of the deciding bodies' awards, the user's own body's list first."""
    issuers = sorted(issuers, key=lambda o: (o.id != user.organization_id, o.id))
    labels: dict[str, str] = {}
    for issuer in issuers:
        for award in issuer.awards or []:
            if isinstance(award, dict) and award.get("code"):
                labels.setdefault(award["code"], award.get("label") or award["code"])
    return list(labels.items())


def plan_choices(user) -> list[tuple[Document, str]]:
    """The issued documents the decisions may cite (their plans) that `user` may see, with labels."""
    return [(d, plan_label(d)) for kind in _cited_kinds() for d in citable(user, kind)]


# The rounds to count by: those of the issued plans the user may see (not only the open ones:
# a round whose decision is issued is the one worth counting).

def _rounds_clause(user):
    declaring = [k.name for k in KINDS.values() if k.declares_rounds]
    return and_(Document.id == Round.plan_id, Document.kind.in_(declaring), Document.state == ISSUED,
                visible_clause(user))


def plan_label(plan: Document) -> str:
    return f"{plan.number} – {plan.listed_title}" if plan.number else plan.listed_title


def round_choices(user) -> list[tuple[Document, list[Round]]]:
    """(plan, its rounds in the plan's order) for every issued plan with rounds `user` may see,
    newest plan first: the page's round selector, grouped by plan."""
    grouped: dict[int, tuple[Document, list[Round]]] = {}
    for round_, plan in db.session.execute(
            select(Round, Document).join(Document, Document.id == Round.plan_id).where(_rounds_clause(user))
            .order_by(Document.issued_on.desc(), Document.id.desc(), Round.position)):
        grouped.setdefault(plan.id, (plan, []))[1].append(round_)
    return list(grouped.values())


def visible_round(user, round_id) -> tuple[Round, Document]:
    """The round `round_id` of an issued plan `user` may see, with its plan; else NotFound naming
    the field (an unknown round and one of a plan the user may not see read the same)."""
    row = None
    if validation.is_row_id(round_id):
        row = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                                 .where(Round.id == round_id, _rounds_clause(user))).first()
    if row is None:
        raise NotFound("Không tìm thấy đợt khen thưởng.",
                       {"round_id": "Chọn một đợt khen thưởng của kế hoạch đã ban hành mà bạn được xem."})
    return row[0], row[1]


def _cited_kinds() -> list[str]:
    return list(dict.fromkeys(kind for k in _nominee_kinds() for kind in k.cites.values()))


def visible_plan(user, plan_id) -> Document:
    """The issued plan (a document the decisions may cite) `plan_id` names, if `user` may see it;
    else NotFound naming the field, as visible_round: counting nothing would read as "no awards"."""
    plan = None
    if validation.is_row_id(plan_id):
        plan = db.session.scalar(select(Document).where(
            Document.id == plan_id, Document.kind.in_(_cited_kinds()), Document.state == ISSUED,
            visible_clause(user)))
    if plan is None:
        raise NotFound("Không tìm thấy kế hoạch.",
                       {"plan_id": "Chọn một kế hoạch đã ban hành mà bạn được xem."})
    return plan


def filtered_plan(user, f: StatsFilter) -> Document | None:
    """The plan `f` counts (None: every plan), visible to `user` (else NotFound)."""
    return None if f.plan_id is None else visible_plan(user, f.plan_id)


def filtered_round(user, f: StatsFilter) -> tuple[Round, Document] | None:
    """The round `f` counts (None: every round), visible to `user` (else NotFound) and of the plan
    `f` also names, if any (else ValidationFailed: the two filters could only count nothing)."""
    if f.round_id is None:
        return None
    round_, plan = visible_round(user, f.round_id)
    if f.plan_id is not None and plan.id != f.plan_id:
        raise ValidationFailed("Đợt khen thưởng đã chọn không thuộc kế hoạch đã chọn.",
                               {"round_id": f"Đợt “{round_.name}” thuộc kế hoạch {plan_label(plan)}."})
    return round_, plan
