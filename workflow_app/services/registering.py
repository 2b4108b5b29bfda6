"""Gives a document its official number and writes its row in the outgoing register."""
from __future__ import annotations

from datetime import datetime

from ..domain.clock import local_date
from ..domain.numbering import RegisterKey, formatted_number, series_for
from ..domain.workflows import DEFINITIONS
from ..domain.workflows.definitions import PROPOSAL_TYPE_ABBR
from ..extensions import db
from ..models import Document, RegisterEntry
from .numbering import allocate


def register(document: Document, purpose: str, at: datetime) -> RegisterEntry:
    """purpose "issued": the issuer's number at issue; "proposal": the proposer's Tờ trình at submit."""
    if purpose == "issued":
        body, type_abbr, day = document.organization, DEFINITIONS[document.kind].type_abbr, document.issued_on
        signer = f"{document.signer_name} ({document.signer_position})" if document.signer_name else ""
    elif purpose == "proposal":
        existing = document.proposal_entry
        if existing is not None:  # a resubmitted proposal keeps its Tờ trình number
            return existing
        body, type_abbr, day, signer = document.owner_organization, PROPOSAL_TYPE_ABBR, local_date(at), ""
    else:
        raise ValueError(f"unknown numbering purpose {purpose!r}")
    key = RegisterKey(body.id, day.year, series_for(body.numbering_scheme, type_abbr))
    seq = allocate(key)
    entry = RegisterEntry(
        organization_id=body.id, year=key.year, series=key.series, seq=seq,
        number=formatted_number(seq, type_abbr, body.abbreviation), type_abbr=type_abbr,
        document=document, purpose=purpose, issued_on=day, title=document.title, signer=signer,
        recipients=list((document.body or {}).get("recipients") or []), created_at=at)
    db.session.add(entry)
    return entry
