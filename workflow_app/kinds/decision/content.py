"""What a round decision's masters are rendered from, and what its own steps do to it and to its
proposals."""
from __future__ import annotations

import re
from dataclasses import replace

from ...domain.documents.commendation_contexts import gold_book_numbers
from ...domain.documents.data import Award, Nominee, ProposalInRound, RoundDecisionData
from ...domain.kinds import kind_spec
from ...domain.meeting import Meeting, Vote
from ...domain.text import fold
from ...domain.vnformat import date_phrase
from ..commendation.content import SAMPLE as _PROPOSAL_SAMPLE
from ..common import drafting_unit_abbr


def proposer_name(proposal) -> str:
    """The body that proposed, or the issuer's own unit when the issuer proposes through one."""
    if proposal.proposer_id == proposal.issuer_id and proposal.unit is not None:
        return proposal.unit.name
    return proposal.proposer.name


def _body(proposal) -> tuple[int, int | None]:
    """Who proposed: the body, or the issuer's unit when the issuer proposes through one."""
    own_unit = proposal.proposer_id == proposal.issuer_id and proposal.unit is not None
    return proposal.proposer_id, proposal.unit_id if own_unit else None


def proposer_names(proposals) -> dict[int, str]:
    """Each proposal's proposer as the decision names it (proposer_name), one name per body: a
    name two bodies share (Organization.name is not unique: two "xã Tân Hòa") is told apart by the
    body's code, so that the Danh sách, the certificates and the Thông báo of one body never take
    in another's awardees."""
    plain = {p.id: proposer_name(p) for p in proposals}
    bodies: dict[str, set] = {}
    for p in proposals:
        bodies.setdefault(plain[p.id], set()).add(_body(p))

    def code(p) -> str:
        return p.unit.code if _body(p)[1] is not None else p.proposer.code
    return {p.id: plain[p.id] if len(bodies[plain[p.id]]) == 1 else f"{plain[p.id]} ({code(p)})" for p in proposals}


def proposer_head(proposal) -> str:
    if proposal.proposer_id == proposal.issuer_id and proposal.unit is not None:
        return f"Trưởng {proposal.unit.name}" if proposal.unit.name.lower().startswith("phòng ") \
            else f"Thủ trưởng {proposal.unit.name}"
    return f"{proposal.proposer.head_title} {proposal.proposer.name}"


def proposal_reference(proposal) -> str:
    """'Tờ trình số 12/TTr-UBND ngày 20 tháng 12 năm 2023' (its number and date as registered)."""
    entry = proposal.proposal_entry
    if entry is None:
        return "Tờ trình"
    return f"Tờ trình số {entry.number} {date_phrase(entry.issued_on)}"


def proposals_of(document, find) -> list:
    """The proposals the decision was made from, in the order it lists them."""
    found = (find(i) for i in (document.body or {}).get("proposal_ids") or ())
    return [p for p in found if p is not None]


def _votes(n) -> Vote | None:
    return Vote(n.votes_for, n.votes_total) if n.votes_total and n.votes_for is not None else None


def round_decision_content(document, find) -> RoundDecisionData:
    body = document.body or {}
    listed = document.issuer.awards or []
    awards = {a["code"]: Award(a["code"], a["label"], a.get("certificate"), rank=i) for i, a in enumerate(listed)}

    def award(code):
        return awards.get(code, Award(code, code, rank=len(listed)))

    plan = find(body["plan_id"]) if body.get("plan_id") else None
    proposals = proposals_of(document, find)
    names = proposer_names(proposals)
    not_accepted = tuple(
        Nominee(order=n.order, kind=n.kind, full_name=n.full_name, position=n.position, organization=n.organization,
                award=award(n.award), achievement=n.achievement, status="rejected", note=n.review_note,
                gender=n.gender, votes=_votes(n), proposer=names[p.id])
        for p in proposals for n in p.nominees if n.review_status == "rejected")
    council = (document.round.council if document.round is not None else None) or {}
    return RoundDecisionData(
        title=document.title,
        meeting=Meeting.from_json(council.get("meeting")),
        council_members=council.get("members"),
        council_present=council.get("present"),
        plan_reference=kind_spec(plan.kind).citation(plan) if plan is not None else "",
        period=body.get("period", ""),
        reason=body.get("reason", ""),
        recipients=tuple(names.values()),
        drafting_unit_abbr=drafting_unit_abbr(document),
        nominees=tuple(
            Nominee(order=n.order, kind=n.kind, full_name=n.full_name, position=n.position,
                    organization=n.organization, award=award(n.award), achievement=n.achievement,
                    status=n.review_status, note=n.review_note, gender=n.gender, votes=_votes(n),
                    proposer=names.get(n.proposal_id, ""))
            for n in document.nominees),
        proposals=tuple(ProposalInRound(names[p.id], proposer_head(p), proposal_reference(p)) for p in proposals),
        not_accepted=not_accepted,
    )


def certificate_parts(document, content: RoundDecisionData) -> list[tuple[str, RoundDecisionData, int]]:
    """The certificates one file per proposing body (DocumentKind.file_parts): ("xa-an-truong",
    its awardees only, the body's id), in the order of the decision's proposals; two proposals of
    one body make one file."""
    from ...extensions import db  # the kind's spec is imported before the tables are
    from ...models import Document

    parts: dict[str, tuple[str, RoundDecisionData, int]] = {}
    proposals = proposals_of(document, lambda i: db.session.get(Document, i))
    names = proposer_names(proposals)   # as `content` names them: one per body
    for proposal in proposals:
        name = names[proposal.id]
        if name not in parts:
            slug = "-".join(re.findall(r"[a-z0-9]+", fold(name).removeprefix("uy ban nhan dan ")))[:60]
            slug = slug or str(proposal.id)
            if any(slug == taken for taken, _, _ in parts.values()):   # "Ân" and "An": two bodies, two files
                slug = f"{slug}-{proposal.proposer_id}"
            parts[name] = (slug, replace(content, certificates_for=name), proposal.proposer_id)
    return list(parts.values())


def number_round_gold_book(document, actor, value, at) -> None:
    """Effect "number_round_gold_book" (issue): each awardee's số sổ vàng, its STT in the Danh sách."""
    numbers = gold_book_numbers(round_decision_content(document, lambda _id: None))
    for nominee in document.nominees:
        nominee.gold_book_number = str(numbers.get(nominee.order, ""))


def release_proposals(document, actor, value, at) -> None:
    """Effect "release_proposals" (return): the decision is given up, so its proposals are in no
    decision and may be taken into another of the round."""
    from ...extensions import db  # the kind's spec is imported before the tables are
    from ...models import Document

    for proposal in db.session.scalars(db.select(Document).where(Document.decision_id == document.id)):
        proposal.decision_id = None


_OTHER = "Ủy ban nhân dân xã Mẫu Hai"
SAMPLE = RoundDecisionData(
    title="Quyết định khen thưởng đợt sơ kết",
    plan_reference=_PROPOSAL_SAMPLE.plan_reference,
    period="Sơ kết giai đoạn 2023 - 2025",
    reason="",
    recipients=("Ủy ban nhân dân xã Thử", _OTHER),
    drafting_unit_abbr="NV",
    nominees=tuple(
        Nominee(n.order, n.kind, n.full_name, n.position, n.organization, n.award, n.achievement, status="accepted",
                gender=n.gender, votes=n.votes, proposer="Ủy ban nhân dân xã Thử" if n.order < 4 else _OTHER)
        for n in _PROPOSAL_SAMPLE.nominees if n.status == "accepted"),
    proposals=(ProposalInRound("Ủy ban nhân dân xã Thử", "Chủ tịch Ủy ban nhân dân xã Thử",
                               "Tờ trình số 03/TTr-UBND ngày 20 tháng 12 năm 2023"),
               ProposalInRound(_OTHER, f"Chủ tịch {_OTHER}", "Tờ trình số 07/TTr-UBND ngày 21 tháng 12 năm 2023")),
    not_accepted=tuple(
        Nominee(n.order, n.kind, n.full_name, n.position, n.organization, n.award, n.achievement, status="rejected",
                note=n.note, votes=n.votes, proposer="Ủy ban nhân dân xã Thử")
        for n in _PROPOSAL_SAMPLE.nominees if n.status == "rejected"),
)
