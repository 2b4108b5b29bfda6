"""Commendation rounds (đợt khen thưởng): proposals filed against a round of an issued plan, and
what a round has received.

A kind that `declares_rounds` (the plan) makes its rounds at its issue (its own effect); a kind
that `answers_rounds` (the proposal) cites one in body.round_id, from which its plan_id and period
follow, and its nominees must fit one of the round's groups and that group's awards.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import aliased

from ..domain import validation
from ..domain.errors import NotFound, ValidationFailed
from ..domain.kinds import KINDS, DocumentKind
from ..domain.rounds import misfit
from ..extensions import db
from ..models import Document, Nominee, Organization, Round
from .scope import NOT_SUBMITTED, visible_clause


def _declaring_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.declares_rounds]


def _deciding_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.decides_rounds]


_Decision = aliased(Document)


def closed_clause():
    """SQL: the round (`Round`) has an issued decision (of a kind that decides rounds). A decision
    returned (cancelled) or still under way does not close it."""
    return exists().where(_Decision.round_id == Round.id, _Decision.kind.in_(_deciding_kinds()),
                          _Decision.state == "issued")


def _open_clause(user):
    """Rounds of issued plans `user` may see. Every such round takes proposals (one submitted after
    its deadline is marked late) until the round's decision closes it."""
    return _visible_clause(user) & ~closed_clause()


def _visible_clause(user):
    return (Document.id == Round.plan_id) & Document.kind.in_(_declaring_kinds()) & (
        Document.state == "issued") & visible_clause(user)


def closing_decision(round_: Round) -> Document | None:
    """The issued decision that closed the round (the first one), or None while it is open."""
    return closing_decisions([round_.id]).get(round_.id)


def closing_decisions(round_ids: list[int]) -> dict[int, Document]:
    """round id -> the issued decision that closed it (the first one), for the closed ones among
    `round_ids`, in one query."""
    if not round_ids:
        return {}
    found: dict[int, Document] = {}
    for decision in db.session.scalars(select(Document).where(
            Document.round_id.in_(round_ids), Document.kind.in_(_deciding_kinds()), Document.state == "issued")
            .order_by(Document.id)):
        found.setdefault(decision.round_id, decision)
    return found


def is_open(round_: Round) -> bool:
    """A round takes proposals once its plan is issued (it has rows only then), late ones too, until
    a decision of it is issued."""
    return closing_decision(round_) is None


def closed_reason(round_: Round) -> str:
    return f"Đợt “{round_.name}” đã có quyết định khen thưởng; không nhận thêm hồ sơ."


def refusal_if_closed(document) -> dict[str, str]:
    """Guard of the submit of a proposal citing a round: {} while the round is open."""
    round_id = (document.body or {}).get("round_id") or getattr(document, "round_id", None)
    round_ = db.session.get(Round, round_id) if validation.is_row_id(round_id) else None
    if round_ is None or is_open(round_):
        return {}
    return {"body.round_id": closed_reason(round_) + " Có thể bỏ chọn đợt khen thưởng (giữ kế hoạch và "
                             "đợt sơ kết/tổng kết) để gửi như tờ trình đề nghị không theo đợt."}


def open_rounds(user, issuer_id: int | None = None) -> list[tuple[Round, Document]]:
    """(round, its plan) for every open round `user` may file a proposal against (of plans issued by
    `issuer_id`, the body that will decide the proposal, if given), newest plan first."""
    where = [_open_clause(user)] + ([Document.issuer_id == issuer_id] if issuer_id is not None else [])
    rows = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                              .where(*where)
                              .order_by(Document.issued_on.desc(), Document.id.desc(), Round.position))
    return [(r, d) for r, d in rows]


def find_open(round_id, user) -> tuple[Round, Document] | None:
    if not validation.is_row_id(round_id):
        return None
    row = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                             .where(Round.id == round_id, _open_clause(user))).first()
    return (row[0], row[1]) if row is not None else None


def apply_round(kind: DocumentKind, data: dict, user, issuer: Organization) -> None:
    """A proposal that names a round (body.round_id) answers it: its plan and period are the
    round's, and each nominee must fit a group of the round and one of that group's awards
    (422 naming the row). `issuer`: the body that decides the proposal, whose plan it must be."""
    if not kind.answers_rounds:
        return
    body = data["body"]
    round_id = body.get("round_id")
    if round_id is None:
        return
    found = find_open(round_id, user)
    if found is None and validation.is_row_id(round_id):
        closed = db.session.execute(select(Round).join(Document, Document.id == Round.plan_id)
                                    .where(Round.id == round_id, _visible_clause(user))).scalar()
        if closed is not None:
            raise ValidationFailed(closed_reason(closed), {"body.round_id": closed_reason(closed)})
    if found is None:
        raise ValidationFailed("Đợt khen thưởng được chọn không tồn tại hoặc không còn nhận hồ sơ.",
                               {"body.round_id": "Chọn một đợt khen thưởng của kế hoạch đã ban hành."})
    round_, plan = found
    if plan.issuer_id != issuer.id:
        raise ValidationFailed("Đợt khen thưởng được chọn thuộc kế hoạch của cơ quan khác với cơ quan xét đề nghị.",
                               {"body.round_id": f"Chọn một đợt khen thưởng của kế hoạch do {issuer.name} ban hành."})
    body["plan_id"], body["period"] = plan.id, round_.name
    labels = {a["code"]: a["label"] for a in issuer.awards or []}
    problems = {}
    for i, n in enumerate(data.get("nominees") or []):
        found = misfit(round_.groups or [], n["kind"], n["award"], labels)
        if found:
            field, why = found
            problems[f"nominees[{i}].{field}"] = f"Dòng {i + 1} ({n['full_name']}): {why}"
    if problems:
        raise ValidationFailed(f"Có người được đề nghị không phù hợp với đợt “{round_.name}”.", problems)


def body_shown(document: Document) -> dict:
    """The body as the API shows it: an issued plan's rounds carry their ids (rounds rows)."""
    body = document.body or {}
    spec = KINDS.get(document.kind)
    if spec is None or not spec.declares_rounds or not body.get("rounds") or document.state != "issued":
        return body
    ids = {r.position: r.id for r in document.rounds}
    return {**body, "rounds": [{**r, "id": ids[i]} if i in ids else r for i, r in enumerate(body["rounds"])]}


@dataclass(frozen=True)
class Proposal:
    document: Document
    organization: str
    nominees: int
    accepted: int


@dataclass(frozen=True)
class RoundReport:
    round: Round
    plan: Document
    open: bool
    proposals: list[Proposal]
    not_proposed: list[str]
    decision_ids: list[int]


def report(round_id, user) -> RoundReport:
    """What a round has received, for users of the plan's issuing body (every proposal) and of the
    bodies below it (their own); anyone else: NotFound."""
    missing = NotFound("Không tìm thấy đợt khen thưởng.")
    if not validation.is_row_id(round_id):
        raise missing
    row = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                             .where(Round.id == round_id, Document.state == "issued")).first()
    if row is None:
        raise missing
    round_, plan = row
    org = user.organization
    issuer_side = org.id == plan.issuer_id
    if not issuer_side and org.parent_id != plan.issuer_id:
        raise missing
    # Every proposal sent in (drafts are not proposals yet), whoever of the issuing body asks: the
    # round's record is its body's; a body below sees its own.
    answering = [k.name for k in KINDS.values() if k.answers_rounds]
    where = [Document.round_id == round_.id, Document.kind.in_(answering), Document.state.not_in(NOT_SUBMITTED)]
    if not issuer_side:
        where.append(Document.proposer_id == org.id)
    documents = db.session.scalars(select(Document).where(*where).order_by(Document.id)).all()
    counts = {doc_id: (n, accepted) for doc_id, n, accepted in db.session.execute(
        select(Nominee.document_id, func.count(),
               func.coalesce(func.sum(case((Nominee.review_status == "accepted", 1), else_=0)), 0))
        .where(Nominee.document_id.in_([d.id for d in documents])).group_by(Nominee.document_id))}
    proposals = [Proposal(d, _proposer_name(d, plan), *counts.get(d.id, (0, 0))) for d in documents]
    return RoundReport(round_, plan, is_open(round_), proposals, _not_proposed(plan, documents, org, issuer_side),
                       decision_ids=[d.id for d in decisions_of(
                           round_, None if issuer_side else org.id)])


def decisions_of(round_: Round, proposer_id: int | None = None) -> list[Document]:
    """The round's decisions (of the kinds that decide rounds; cancelled ones left out); with
    `proposer_id`, those holding a proposal of that body."""
    deciding = [k.name for k in KINDS.values() if k.decides_rounds]
    where = [Document.round_id == round_.id, Document.kind.in_(deciding), Document.state.not_in(NOT_SUBMITTED)]
    if proposer_id is not None:
        taken = select(Document.decision_id).where(Document.round_id == round_.id,
                                                   Document.proposer_id == proposer_id,
                                                   Document.decision_id.is_not(None))
        where.append(Document.id.in_(taken))
    return list(db.session.scalars(select(Document).where(*where).order_by(Document.id)))


def _proposer_name(document: Document, plan: Document) -> str:
    """The body that proposed, or the issuer's own unit when the issuer proposes through one."""
    if document.proposer_id == plan.issuer_id and document.unit is not None:
        return document.unit.name
    return document.proposer.name


def _not_proposed(plan: Document, documents: list[Document], org: Organization, issuer_side: bool) -> list[str]:
    """Who is expected to propose and has not: the bodies below the plan's issuer and its units
    (for a body below, only itself)."""
    bodies = {d.proposer_id for d in documents}
    units = {d.unit_id for d in documents if d.proposer_id == plan.issuer_id}
    if not issuer_side:
        return [] if org.id in bodies else [org.name]
    issuer = plan.issuer
    below = db.session.scalars(select(Organization).where(Organization.parent_id == issuer.id)
                               .order_by(Organization.id)).all()
    return [b.name for b in below if b.id not in bodies] + [u.name for u in issuer.units if u.id not in units]

