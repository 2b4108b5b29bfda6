"""Turns models into the plain data the documents package renders (domain/documents/data.py)."""
from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from ..domain.clock import local_date
from ..domain.documents.data import Award, Body, CommendationData, Generation, Nominee, Numbering, PlanData, Signer
from ..domain.vnformat import short_date
from ..domain.workflows import DEFINITIONS
from ..domain.workflows.definitions import PROPOSAL_TYPE_ABBR
from ..extensions import db
from ..models import Document, Organization, Unit, User


def body_of(org: Organization) -> Body:
    return Body(code=org.code, name=org.name, name_lines=tuple(org.name_lines or ()),
                parent_line=org.parent_line or "", place_name=org.place_name,
                abbreviation=org.abbreviation, collective=org.collective,
                collective_title=org.collective_title, head_title=org.head_title,
                deputy_title=org.deputy_title, legal_bases=tuple(org.legal_bases or ()))


def unit_body(unit: Unit) -> Body:
    """A unit (Phòng Nội vụ) as the sender of an internal paper, under its body's name."""
    org = unit.organization
    return Body(code=unit.code, name=unit.name, name_lines=(unit.name.upper(),),
                parent_line=" ".join([org.abbreviation, *org.name_lines[1:]]).upper(),
                place_name=org.place_name, abbreviation=unit.abbreviation, collective=False,
                collective_title=unit.name, head_title="Trưởng phòng", deputy_title="Phó Trưởng phòng")


def _unit_abbr(document: Document) -> str:
    return document.unit.abbreviation if document.unit else ""


def _plan_data(document: Document) -> PlanData:
    body = document.body or {}
    return PlanData(
        title=document.title,
        legal_bases=tuple(body.get("legal_bases") or ()),
        sections=tuple((s.get("heading", ""), tuple(s.get("paragraphs") or ()))
                       for s in body.get("sections") or ()),
        milestones=tuple((m.get("name", ""), date.fromisoformat(m["due"]) if m.get("due") else None)
                         for m in body.get("milestones") or ()),
        recipients=tuple(body.get("recipients") or ()),
        drafting_unit_abbr=_unit_abbr(document))


def plan_reference(plan: Document | None) -> str:
    """`Kế hoạch số 67/KH-UBND ngày 30/5/2023 của Ủy ban nhân dân huyện Càng Long về ...`."""
    if plan is None:
        return ""
    parts = [f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"]
    if plan.issued_on:
        parts.append(f"ngày {short_date(plan.issued_on)}")
    parts.append(f"của {plan.organization.name} về {plan.title}")
    return " ".join(parts)


def _commendation_data(document: Document) -> CommendationData:
    body = document.body or {}
    labels = {a["code"]: a["label"] for a in document.organization.awards or []}
    plan = db.session.get(Document, body["plan_id"]) if body.get("plan_id") else None
    return CommendationData(
        title=document.title,
        plan_reference=plan_reference(plan),
        period=body.get("period", ""),
        reason=body.get("reason", ""),
        recipients=tuple(body.get("recipients") or ()),
        drafting_unit_abbr=_unit_abbr(document),
        nominees=tuple(
            Nominee(order=n.order, kind=n.kind, full_name=n.full_name, position=n.position,
                    organization=n.organization, award=Award(n.award, labels.get(n.award, n.award)),
                    achievement=n.achievement, status=n.review_status, note=n.review_note,
                    gold_book_number=n.gold_book_number, gender=n.gender)
            for n in document.nominees))


def content_of(document: Document) -> PlanData | CommendationData:
    return _plan_data(document) if document.kind == "plan" else _commendation_data(document)


class PendingNumber(NamedTuple):
    """A number the step gives after rendering: `marker` stands in for its seq
    (see domain/documents/fast_render/number_slot.py)."""
    purpose: str             # "issued" | "proposal", as registering.register
    marker: int


def _pending_slot(pending: PendingNumber | None, purpose: str, day: date | None) -> tuple[int, date] | None:
    """(marker, date) to print in `purpose`'s number slot, if the step takes that number after rendering."""
    return (pending.marker, day) if pending is not None and pending.purpose == purpose else None


def _numbering(type_abbr: str, body_abbr: str, entry, slot: tuple[int, date] | None, today: date) -> Numbering:
    """The register entry's number if there is one, else the pending slot's marker, else blank (a draft)."""
    seq, issued_on = (entry.seq, entry.issued_on) if entry is not None else (slot or (None, None))
    return Numbering(type_abbr=type_abbr, body_abbr=body_abbr, seq=seq, issued_on=issued_on,
                     draft_month=today.month, draft_year=today.year)


def generation_of(document: Document, at: datetime, comment: str = "",
                  actor: User | None = None, pending: PendingNumber | None = None) -> Generation:
    """What the step's documents need besides content; `actor` is who fires the step.

    `pending` renders a number the step has not taken yet; a number the document
    already has (a resubmitted proposal's Tờ trình) wins over it.
    """
    today = local_date(at)
    issuer = document.organization
    numbering = _numbering(DEFINITIONS[document.kind].type_abbr, issuer.abbreviation, document.number_entry,
                           _pending_slot(pending, "issued", document.issued_on), today)
    proposal_numbering = None
    if document.kind == "commendation":
        proposal_numbering = _numbering(PROPOSAL_TYPE_ABBR, document.owner_organization.abbreviation,
                                        document.proposal_entry, _pending_slot(pending, "proposal", today), today)
    signer = None
    if document.signer_name:
        signer = Signer(document.signer_name, document.signer_position or "", document.signer_form or "")
    if document.kind == "commendation":
        proposer = body_of(document.owner_organization)
    else:  # a plan's Tờ trình goes from its drafting unit to the body
        proposer = unit_body(document.unit) if document.unit else None
    reviewer = office = None
    if actor is not None and "reviewer" in actor.roles:   # the Phiếu trình and Biên bản
        reviewer = Signer(actor.full_name, actor.position, "")
        office = unit_body(actor.unit) if actor.unit else None
    return Generation(issuer=body_of(issuer), proposer=proposer, numbering=numbering, signer=signer,
                      created_at=at, comment=comment, proposal_numbering=proposal_numbering,
                      reviewer=reviewer, office=office)
