"""Turns models into the plain data the documents package renders (domain/documents/data.py)."""
from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from ..domain.clock import local_date
from ..domain.documents.data import Agency, Generation, Numbering, Signer
from ..domain.kinds import kind_spec
from ..domain.legal_bases import from_stored
from ..domain.workflows.definitions import PROPOSAL_TYPE_ABBR
from ..extensions import db
from ..models import Document, Organization, Unit, User


def agency_of(org: Organization) -> Agency:
    return Agency(code=org.code, name=org.name, name_lines=tuple(org.name_lines or ()),
                parent_line=org.parent_line or "", place_name=org.place_name,
                abbreviation=org.abbreviation, collective=org.collective,
                collective_title=org.collective_title, head_title=org.head_title,
                deputy_title=org.deputy_title, legal_bases=legal_bases_of(org))


def legal_bases_of(org: Organization) -> tuple:
    """The body's legal bases with their dates (domain/legal_bases.py), old plain strings read as undated."""
    bases = (from_stored(value) for value in (org.legal_bases or ()))
    return tuple(b for b in bases if b.text.strip())


def unit_agency(unit: Unit) -> Agency:
    """A unit (Phòng Nội vụ) as the sender of an internal paper, under its body's name."""
    org = unit.organization
    return Agency(code=unit.code, name=unit.name, name_lines=(unit.name.upper(),),
                parent_line=" ".join([org.abbreviation, *org.name_lines[1:]]).upper(),
                place_name=org.place_name, abbreviation=unit.abbreviation, collective=False,
                collective_title=unit.name, head_title="Trưởng phòng", deputy_title="Phó Trưởng phòng")


def content_of(document: Document):
    """The data `document`'s masters render, built by its kind (DocumentKind.content)."""
    return kind_spec(document.kind).content(document, lambda document_id: db.session.get(Document, document_id))


def citation_of(document: Document | None) -> str:
    """How other documents cite `document` ("Kế hoạch số 67/KH-UBND ngày ..."), if its kind is cited."""
    if document is None:
        return ""
    cite = kind_spec(document.kind).citation
    return cite(document) if cite else ""


class PendingNumber(NamedTuple):
    """A number the step gives after rendering: `marker` stands in for its seq
    (see domain/documents/fast_render/number_slot.py)."""
    purpose: str             # "issued" | "proposal", as register.enter
    marker: int


def _pending_slot(pending: PendingNumber | None, purpose: str, day: date | None) -> tuple[int, date] | None:
    """(marker, date) to print in `purpose`'s number slot, if the step takes that number after rendering."""
    return (pending.marker, day) if pending is not None and pending.purpose == purpose else None


def _numbering(type_abbr: str, body_abbr: str, entry, slot: tuple[int, date] | None, today: date) -> Numbering:
    """The register entry's number if there is one, else the pending slot's marker, else blank (a draft)."""
    seq, issued_on = (entry.seq, entry.issued_on) if entry is not None else (slot or (None, None))
    return Numbering(type_abbr=type_abbr, body_abbr=body_abbr, seq=seq, issued_on=issued_on,
                     draft_month=today.month, draft_year=today.year)


def _vetting_unit(document: Document):
    """The unit of whoever last vetted (reviewed) `document` for its issuer, or None."""
    for event in reversed(document.events):
        if event.transition == "review" and event.actor is not None and event.actor.unit is not None:
            return event.actor.unit
    return None


def generation_of(document: Document, at: datetime, comment: str = "",
                  actor: User | None = None, pending: PendingNumber | None = None) -> Generation:
    """What the step's documents need besides content; `actor` is who fires the step.

    `pending` renders a number the step has not taken yet; a number the document
    already has (a resubmitted proposal's Tờ trình) wins over it.
    """
    today = local_date(at)
    issuer = document.issuer
    kind = kind_spec(document.kind)
    numbering = _numbering(kind.definition.type_abbr, issuer.abbreviation, document.number_entry,
                           _pending_slot(pending, "issued", document.issued_on), today)
    proposal_numbering = None
    if any(t.numbering == "proposal" for t in kind.definition.transitions):   # it has a Tờ trình number
        proposal_numbering = _numbering(PROPOSAL_TYPE_ABBR, document.proposer.abbreviation,
                                        document.proposal_entry, _pending_slot(pending, "proposal", today), today)
    signer = None
    if document.signer_name:
        signer = Signer(document.signer_name, document.signer_position or "", document.signer_form or "")
    proposal_signer = None   # signed at `submit` (the body's leader, the unit's head)
    if document.proposal_signer_name:
        proposal_signer = Signer(document.proposal_signer_name, document.proposal_signer_position or "",
                                 document.proposal_signer_form or "")
    if kind.proposer == "proposing_body":   # a commune's Tờ trình goes up to the district
        proposer = agency_of(document.proposer)
    else:  # a plan's Tờ trình goes from its drafting unit to the body
        proposer = unit_agency(document.unit) if document.unit else None
    reviewer = office = None
    if actor is not None and "reviewer" in actor.roles:   # the Phiếu trình and Biên bản
        reviewer = Signer(actor.full_name, actor.position, "")
        office = unit_agency(actor.unit) if actor.unit else None
    elif (vetted := _vetting_unit(document)) is not None:   # later steps: the unit that vetted it
        office = unit_agency(vetted)                         # ("Lưu: VT, NV." on the decision)
    return Generation(issuer=agency_of(issuer), proposer=proposer, numbering=numbering, signer=signer,
                      created_at=at, comment=comment, proposal_numbering=proposal_numbering,
                      proposal_signer=proposal_signer, reviewer=reviewer, office=office)
