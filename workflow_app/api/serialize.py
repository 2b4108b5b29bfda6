"""Models as the JSON shapes of API.md (schemas.py describes the same shapes for openapi.json)."""
from __future__ import annotations

from datetime import date, datetime

from flask import url_for

from ..domain.kinds import kind_spec
from ..domain.workflows import DEFINITIONS, duties
from ..models import Document, GeneratedFile, Nominee, Notification, Organization, RegisterEntry, WorkflowEvent
from ..services import documents, nominee_checks, notices, register, round_decisions, rounds, signatures


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def organization(org: Organization) -> dict:
    return {"code": org.code, "name": org.name, "allow_combined_duties": org.allow_combined_duties}


def document_summary(document: Document, user, record=None) -> dict:
    """What a list shows of each document: no body, history or files. `record`: see
    documents.available_transitions."""
    return {
        "id": document.id, "kind": document.kind, "state": document.state, "version": document.version,
        "title": document.title,
        "organization": organization(document.issuer),
        "owner_organization": organization(document.proposer),
        "created_by": document.created_by.username,
        "created_at": _time(document.created_at), "updated_at": _time(document.updated_at),
        "number": document.number, "issued_on": _date(document.issued_on),
        "proposal_number": document.proposal_entry.number if document.proposal_entry else None,
        "late": bool(document.late),
        "decision_id": document.decision_id,
        "available_transitions": documents.available_transitions(document, user, record),
        "url": url_for("api.get_document", document_id=document.id),
    }


def document(document: Document, user) -> dict:
    signer = None
    if document.signer_name:
        signer = {"full_name": document.signer_name, "position": document.signer_position or "",
                  "form": document.signer_form or ""}
    shown = documents.shown_to(document, user)
    found = nominee_checks.marks(document, user) if kind_spec(document.kind).has_nominees else {}
    foreign = round_decisions.foreign_nominee_ids(document, user)   # another body's nominees: no CCCD, votes, notes
    return {
        **document_summary(document, user),
        "body": rounds.body_shown(document),
        "meeting": document.meeting or None,
        "nominees": [nominee(n, found.get(n.id), private=n.id not in foreign) for n in document.nominees],
        "signer": signer,
        "history": [history_entry(step.event, step.files, document.kind) for step in shown.history],
        "files": [file_info(f) for f in shown.files],
        "signatures": signatures_of(document, {f.id for f in shown.files}),
    }


def signatures_of(document: Document, shown_file_ids: set[int]) -> list[dict]:
    """The PAdES signatures of the document's current approval (issue 16), on files the user sees."""
    return [{"role": s.role, "signer": s.signer, "signed_at": _time(s.signed_at), "file_id": s.file_id}
            for s in signatures.of_document(document) if s.file_id in shown_file_ids]


def nominee(n: Nominee, marks: nominee_checks.Marks | None = None, private: bool = True) -> dict:
    """`private`: with the nominee's CCCD, council votes and review note (False: "" / null, for a
    reader of another body, who gets the row as the Danh sách prints it)."""
    shown = {"id": n.id, "order": n.order, "kind": n.kind, "full_name": n.full_name,
             "position": n.position, "organization": n.organization, "gender": n.gender,
             "award": n.award, "achievement": n.achievement, "citizen_id": n.citizen_id if private else "",
             "review_status": n.review_status, "review_note": n.review_note if private else "",
             "votes_for": n.votes_for if private else None, "votes_total": n.votes_total if private else None,
             "gold_book_number": int(n.gold_book_number) if n.gold_book_number.isdigit() else None,
             "proposal_id": n.proposal_id}
    if marks is not None and marks.duplicate_of:   # optional: only a nominee listed twice has it
        shown["duplicate_of"] = list(marks.duplicate_of)
    if marks is not None and marks.previously_awarded:
        shown["previously_awarded"] = [{"number": a.number, "issued_on": _date(a.issued_on)}
                                       for a in marks.previously_awarded]
    if marks is not None and marks.also_proposed:
        shown["also_proposed"] = [{"number": p.number, "proposer": p.proposer, "award": p.award}
                                  for p in marks.also_proposed]
    return shown


def award(a) -> dict:
    """One award found by Tra cứu khen thưởng (services/awards.py)."""
    return {"full_name": a.full_name, "kind": a.kind, "position": a.position, "organization": a.organization,
            "award": a.award, "award_label": a.award_label, "document_id": a.document_id, "number": a.number,
            "issued_on": _date(a.issued_on), "year": a.issued_on.year, "issuer": a.issuer,
            "url": url_for("api.get_document", document_id=a.document_id)}


def history_entry(event: WorkflowEvent, files, kind: str) -> dict:
    label = DEFINITIONS[kind].transition_label(event.transition)
    return {"transition": event.transition, "from": event.from_state, "to": event.to_state,
            "actor": event.actor.username, "at": _time(event.at), "comment": event.comment,
            "combined_duties": event.combined_duties.split(),
            "remark": duties.remark(label, event.combined_duties),
            "file_ids": [f.id for f in files]}


def file_info(f: GeneratedFile) -> dict:
    return {"id": f.id, "step": f.step, "name": f.file_name, "sha256": f.sha256, "size": f.size,
            "created_at": _time(f.created_at), "url": url_for("api.download_file", file_id=f.id),
            "pdf_url": url_for("api.download_pdf", file_id=f.id)}


def register_entry(entry: RegisterEntry) -> dict:
    issued = register.issued_file(entry)
    return {"number": entry.number, "seq": entry.seq, "series": entry.series,
            "issued_on": _date(entry.issued_on), "kind": entry.document.kind, "title": entry.title,
            "signer": entry.signer, "recipients": list(entry.recipients or []),
            "document_id": entry.document_id, "sha256": issued.sha256 if issued else None,
            "unused": entry.voided_at is not None}


def notice(n: Notification) -> dict:
    event, document = n.event, n.document
    return {
        "id": n.id, "reason": n.reason, "message": notices.sentence(n),
        "document": {"id": document.id, "kind": document.kind, "title": document.title, "state": document.state,
                     "number": document.number, "url": url_for("api.get_document", document_id=document.id)},
        "transition": event.transition if event else None,
        "actor": event.actor.username if event else None,
        "created_at": _time(n.created_at), "read_at": _time(n.read_at),
    }


def round_report(found: rounds.RoundReport) -> dict:
    r = found.round
    return {
        "id": r.id, "plan_id": r.plan_id, "key": r.key, "name": r.name,
        "proposals_due": _date(r.proposals_due), "open": found.open, "groups": r.groups or [],
        "proposals": [{"document_id": p.document.id, "organization": p.organization, "state": p.document.state,
                       "late": bool(p.document.late), "nominees": p.nominees, "accepted": p.accepted,
                       "url": url_for("api.get_document", document_id=p.document.id)}
                      for p in found.proposals],
        "not_proposed": found.not_proposed,
        "decision_ids": found.decision_ids,
    }
