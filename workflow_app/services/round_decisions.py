"""ONE decision for a round (đợt khen thưởng): the issuing body's standing office takes the round's
reviewed proposals into a decision of a kind that `decides_rounds` (issue 15, point 5).

The decision holds a copy of every accepted nominee of those proposals (each keeping its
`proposal_id` and its vote), and each proposal records the decision it went into
(documents.decision_id); the decision is created and takes its first step (`compile`, which renders
its Tờ trình, Biên bản and draft Quyết định) in one transaction, so a refusal leaves nothing.
A proposal in a decision is not approved, issued or returned on its own any more (the guard
"not_in_round_decision" of the kinds that answer rounds); a returned decision is cancelled and
frees its proposals (its kind's effect "release_proposals").
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from ..domain import validation
from ..domain.errors import BadRequest, Conflict, Forbidden, NotFound, ValidationFailed
from ..domain.kinds import KINDS, DocumentKind
from ..domain.workflows.definitions import STATES
from ..extensions import db
from ..models import Document, Nominee, Round
from . import duties
from .documents import search_key
from .rounds import decisions_of
from .transitions import apply_transition

FIRST_STEP = "compile"
STOPPED = tuple(s.name for s in STATES if s.stopped)


def deciding_kind() -> DocumentKind:
    return next(k for k in KINDS.values() if k.decides_rounds)


def _answering_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.answers_rounds]


def _deciding_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.decides_rounds]


def find_round(round_id) -> tuple[Round, Document]:
    """(round, its issued plan), or NotFound."""
    missing = NotFound("Không tìm thấy đợt khen thưởng.")
    if not validation.is_row_id(round_id):
        raise missing
    row = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                             .where(Round.id == round_id, Document.state == "issued")).first()
    if row is None:
        raise missing
    return row[0], row[1]


def may_decide(user, plan: Document) -> bool:
    """The reviewers (standing office) of the plan's issuing body make the round's decision."""
    return "reviewer" in user.roles and user.organization_id == plan.issuer_id


def open_proposals(round_: Round) -> list[Document]:
    """The round's reviewed proposals not yet in a decision, oldest first: what a decision takes by default."""
    return list(db.session.scalars(select(Document).where(
        Document.round_id == round_.id, Document.kind.in_(_answering_kinds()), Document.state == "reviewed",
        Document.decision_id.is_(None)).order_by(Document.id)))


def proposals_in(decision: Document) -> list[Document]:
    """The proposals a decision was made from, in its order."""
    ids = [i for i in (decision.body or {}).get("proposal_ids") or () if validation.is_row_id(i)]
    found = {d.id: d for d in db.session.scalars(select(Document).where(Document.id.in_(ids)))} if ids else {}
    return [found[i] for i in ids if i in found]


def proposer_name(proposal: Document) -> str:
    """The body that proposed, or the issuer's own unit when the issuer proposes through one."""
    if proposal.proposer_id == proposal.issuer_id and proposal.unit is not None:
        return proposal.unit.name
    return proposal.proposer.name


def _chosen_ids(payload) -> list[int] | None:
    """The proposal_ids asked for, or None (every open proposal)."""
    if payload is None:
        return None
    payload = validation.require_mapping(payload)
    unknown = sorted(set(payload) - {"proposal_ids"})
    if unknown:
        raise ValidationFailed("Dữ liệu không dùng cho thao tác này.", {k: "Không được hỗ trợ." for k in unknown})
    ids = payload.get("proposal_ids")
    if ids is None:
        return None
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise BadRequest("proposal_ids phải là danh sách số nguyên.", {"proposal_ids": "Danh sách số nguyên."})
    if not ids:
        raise ValidationFailed("Chưa chọn tờ trình nào.", {"proposal_ids": "Chọn ít nhất một tờ trình."})
    return list(dict.fromkeys(ids))


def _chosen(round_: Round, ids: list[int] | None) -> list[Document]:
    """The proposals to decide: every open one, or those asked for, each checked (409: already in a
    decision; 422: not a reviewed proposal of this round)."""
    if ids is None:
        chosen = open_proposals(round_)
        if not chosen:
            raise ValidationFailed(f"Đợt “{round_.name}” không có tờ trình đã thẩm định nào chưa được lập quyết định.",
                                   {"proposal_ids": "Không có tờ trình nào để lập quyết định."})
        return chosen
    found = {d.id: d for d in db.session.scalars(select(Document).where(
        Document.id.in_([i for i in ids if validation.is_row_id(i)])))}
    answering = _answering_kinds()
    problems, taken = {}, []
    for i, doc_id in enumerate(ids):
        doc = found.get(doc_id)
        if doc is None or doc.kind not in answering or doc.round_id != round_.id:
            problems[f"proposal_ids[{i}]"] = f"Tờ trình mã {doc_id} không thuộc đợt “{round_.name}”."
        elif doc.decision_id is not None:
            taken.append(doc)
        elif doc.state != "reviewed":
            problems[f"proposal_ids[{i}]"] = f"Tờ trình mã {doc_id} chưa được thẩm định (hoặc đã xử lý xong)."
    if taken:
        names = ", ".join(str(d.id) for d in taken)
        raise Conflict(f"Tờ trình {names} đã được đưa vào quyết định khen thưởng khác của đợt.")
    if problems:
        raise ValidationFailed("Có tờ trình không thể đưa vào quyết định của đợt.", problems)
    return [found[i] for i in ids]


def _copies(proposals: list[Document]) -> list[Nominee]:
    """Every accepted nominee of the proposals, in their order, numbered anew, keeping its proposal."""
    copies = []
    for proposal in proposals:
        for n in proposal.nominees:
            if n.review_status != "accepted":
                continue
            copies.append(Nominee(
                order=len(copies) + 1, kind=n.kind, full_name=n.full_name, citizen_id=n.citizen_id,
                position=n.position, organization=n.organization, gender=n.gender, award=n.award,
                achievement=n.achievement, review_status="accepted", review_note=n.review_note,
                votes_for=n.votes_for, votes_total=n.votes_total, proposal_id=proposal.id))
    return copies


def _round_to_decide(round_id, user) -> tuple[Round, Document]:
    """The round and its plan, for a reviewer of the plan's issuing body; NotFound for a body that
    has nothing to do with the round, Forbidden for its other users."""
    round_, plan = find_round(round_id)
    org = user.organization
    if org.id != plan.issuer_id and org.parent_id != plan.issuer_id:
        raise NotFound("Không tìm thấy đợt khen thưởng.")
    if not may_decide(user, plan):
        raise Forbidden("Chỉ người thẩm định của cơ quan ban hành kế hoạch mới được lập quyết định khen thưởng "
                        "của đợt.")
    return round_, plan


def create(round_id, user, payload=None, before_commit=None) -> Document:
    """The round's decision, `reviewed`, with its files; see the module's docstring."""
    round_, plan = _round_to_decide(round_id, user)
    proposals = _chosen(round_, _chosen_ids(payload))
    copies = _copies(proposals)
    if not copies:
        raise ValidationFailed("Các tờ trình được chọn không có trường hợp nào được đề nghị khen thưởng.",
                               {"proposal_ids": "Không có ai được chấp nhận khi thẩm định."})
    kind = deciding_kind()
    document = Document(
        kind=kind.name, state=kind.definition.initial, title=f"Khen thưởng {round_.name}",
        body={"round_id": round_.id, "plan_id": plan.id, "period": round_.name,
              "proposal_ids": [p.id for p in proposals]},
        issuer_id=plan.issuer_id, proposer_id=plan.issuer_id, unit_id=user.unit_id, created_by_id=user.id,
        round_id=round_.id)
    document.nominees = copies
    document.search_text = search_key(document)
    db.session.add(document)
    duties.note_author(document, user)
    try:
        db.session.flush()   # its id, for the proposals; rolled back with the step if the step is refused
        for proposal in proposals:
            proposal.decision_id = document.id
        apply_transition(document, FIRST_STEP, user,
                         before_commit=(lambda: before_commit(document)) if before_commit else None)
    except BaseException:
        db.session.rollback()
        raise
    return document


def foreign_nominee_ids(document: Document, user) -> set[int]:
    """The nominees of a round decision that `user`'s body did not propose: once issued, every
    proposing body reads the decision, but a nominee's CCCD (printed on no document) stays with
    the body that proposed them and the issuer. Empty for the issuer and for any other document."""
    copied = [n for n in document.nominees if n.proposal_id is not None]
    if not copied or user.organization_id == document.issuer_id:
        return set()
    own = set(db.session.scalars(select(Document.id).where(
        Document.id.in_({n.proposal_id for n in copied}), Document.proposer_id == user.organization_id)))
    return {n.id for n in copied if n.proposal_id not in own}


@dataclass(frozen=True)
class Candidate:
    """A reviewed proposal of the round, as the confirmation page lists it."""
    document: Document
    proposer: str
    nominees: int
    accepted: int


def candidates(round_id, user) -> tuple[Round, Document, list[Candidate], list[Document]]:
    """What the confirmation page shows: the round, its plan, its open proposals with their counts,
    and the round's decisions so far; NotFound / Forbidden as create() refuses."""
    round_, plan = _round_to_decide(round_id, user)
    found = [Candidate(d, proposer_name(d), len(d.nominees),
                       sum(1 for n in d.nominees if n.review_status == "accepted")) for d in open_proposals(round_)]
    return round_, plan, found, decisions_of(round_)


@dataclass(frozen=True)
class ProposalLink:
    id: int
    document: Document | None     # None: the viewer may not open it
    proposer: str
    number: str                   # its Tờ trình's number ("" if none)
    awardees: int                 # its nominees in the decision


@dataclass(frozen=True)
class RoundLinks:
    """What a document page shows of the round decision it is part of: a proposal's decision, a
    decision's proposals."""
    decision: Document | None = None
    decision_hidden: bool = False   # in a decision the viewer may not open (yet)
    proposals: tuple[ProposalLink, ...] = ()

    @property
    def proposers(self) -> dict[int, str]:
        return {p.id: p.proposer for p in self.proposals}


def links_for(document: Document, user) -> RoundLinks:
    from .scope import reads_round_decision, visible_clause
    if document.decision_id is not None:   # a proposing body reads it once issued
        decision = db.session.scalars(select(Document).where(
            Document.id == document.decision_id, or_(visible_clause(user), reads_round_decision(user)))).first()
        return RoundLinks(decision=decision, decision_hidden=decision is None)
    if not KINDS[document.kind].decides_rounds:
        return RoundLinks()
    proposals = proposals_in(document)
    ids = [d.id for d in proposals]
    visible = set(db.session.scalars(select(Document.id).where(Document.id.in_(ids), visible_clause(user)))) \
        if ids else set()
    return RoundLinks(proposals=tuple(
        ProposalLink(p.id, p if p.id in visible else None, proposer_name(p),
                     p.proposal_entry.number if p.proposal_entry else "",
                     sum(1 for n in document.nominees if n.proposal_id == p.id))
        for p in proposals))
