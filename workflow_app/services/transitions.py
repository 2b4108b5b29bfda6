"""apply_transition(): the one way a document changes state.

Authorize, check guards, fire, generate, number, record history, commit: all in one
transaction. Any refusal or error rolls everything back, so a document is wholly
before or wholly after a step.

Order matters for throughput. The step's documents are rendered first (milliseconds
of CPU), before anything is written: the number register is locked from allocation
to commit, and the document's UPDATE takes row locks (its own, and those of what the
database maintains from it) until commit, so neither may wait on a render. Numbered
files are rendered with a marker and get their number once the register gives it
(domain/documents/fast_render/number_slot.py), so concurrent issues hold the register for a
few ms each.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from ..domain import validation
from ..domain.documents import RenderedFile
from ..domain.errors import Conflict, Forbidden, ValidationFailed, WorkflowError
from ..domain.kinds import kind_spec
from ..domain.workflows import engine_for
from ..domain.workflows.authorization import combined, refusal
from ..domain.workflows.effects import apply_effects
from ..domain.workflows.guards import problems
from ..domain.workflows.model import TransitionDef
from ..extensions import db
from ..models import Document, WorkflowEvent
from . import duties, generation, notices, pdf_renditions, register, signatures
from .documents import search_key


def apply_transition(document: Document, name: str, actor, *, comment: str | None = "",
                     version: int | None = None, at: datetime | None = None, generate: bool = True,
                     before_commit=None, **extra) -> WorkflowEvent:
    """Fire `name` on `document` as `actor`; return the history row. Raises WorkflowError when refused.

    extra: the fields the step's effects take (domain/workflows/effects.py): `nominees` (review
    decisions), `signer_form` (approve; submit, signing the Tờ trình), `issued_on` (issue); any other is refused.
    `at` backdates the step (seeding historical data); `generate=False` skips the documents.
    `before_commit()`, if given, runs once the step is written, in its transaction (the API
    stores an Idempotency-Key's answer there: services/idempotency.py).
    """
    session = db.session
    at = at or datetime.now(timezone.utc)
    try:
        engine = engine_for(document.kind)
        if not isinstance(name, str):
            raise ValidationFailed("Thiếu tên thao tác.", {"transition": "Bắt buộc."})
        tdef = engine.resolve(name, document.state)
        if version is not None and version != document.version:
            raise Conflict("Văn bản đã thay đổi từ khi bạn mở; vui lòng tải lại.")
        record = duties.record(document, actor)
        reason = refusal(tdef, actor, document, record)
        if reason:
            raise Forbidden(reason)
        combined_duties = " ".join(combined(tdef, record))   # as the history keeps them; before the step signs
        comment = validation.comment_input(comment)
        if tdef.comment_required and not comment:
            raise ValidationFailed("Cần ghi lý do trả lại.", {"comment": "Bắt buộc khi trả lại."})
        why = kind_spec(document.kind).comment_required_when.get(tdef.name)
        reason = why(document) if why is not None and not comment else None
        if reason:
            raise ValidationFailed(reason, {"comment": reason})
        from_state = document.state
        # Issue 16: the approver's key is opened by their PIN before anything changes (422 if it
        # does not open); the issue step seals what the approver signed.
        digital = signatures.signs_digitally(document)
        signer = (signatures.unlock_for_approval(document, actor, extra.get(signatures.PIN_FIELD))
                  if digital and "sign_digitally" in tdef.effects else None)
        with session.no_autoflush:   # no write (and no row lock) before the render: see the docstring
            apply_effects(tdef.effects, document, actor, extra, at, own=kind_spec(document.kind).effects)
            found = problems(tdef.requires, document, kind_spec(document.kind).guards)
            if found:
                raise ValidationFailed("Văn bản chưa đủ điều kiện để " + tdef.label.lower() + ".", found)
            engine.fire(document, tdef.name)
            document.updated_at = at
            files = _render_and_number(document, tdef, actor, comment, at, generate)
            signed = _sign(document, tdef, actor, signer, files, at) if digital and generate else None
            if signed is not None:
                files = [signed.file, *files]   # listed first among the step's files
        # One flush writes the step. The document's UPDATE ... WHERE version = ? goes first (the
        # rows below depend on it), so the loser of a race stops there, before any insert. Every
        # step changes the state, so that UPDATE always runs and takes the version one step up:
        # the version the history row records (tests/services/test_step_writes.py).
        event = WorkflowEvent(document=document, transition=tdef.name, from_state=from_state,
                              to_state=tdef.dest, actor_id=actor.id, at=at, comment=comment,
                              version=document.version + 1, combined_duties=combined_duties)
        session.add(event)
        stored = generation.store_step_files(document, event, files, at)
        session.flush()
        if signed is not None:
            signatures.record(document, event, signed, stored, at)
        # each file's PDF and page images; a signed PDF is its own PDF: its page images alone
        file_ids = [f.id for f in stored]
        to_mail = notices.record(event)   # who is told of the step, in its transaction
        if before_commit is not None:
            before_commit()
        session.commit()
        notices.send_mail(to_mail)        # after the commit; a failed send never fails the step
        pdf_renditions.request_pdfs(file_ids)   # likewise: the PDFs are made outside the step
        return event
    except WorkflowError:
        session.rollback()
        raise
    except (StaleDataError, IntegrityError, OperationalError) as exc:
        session.rollback()
        if isinstance(exc, OperationalError) and not _is_lock_conflict(exc):
            raise
        raise Conflict("Văn bản vừa được người khác xử lý; vui lòng tải lại.") from exc
    except BaseException:
        session.rollback()
        raise


def _render_and_number(document: Document, tdef: TransitionDef, actor, comment: str, at: datetime,
                       generate: bool) -> list[RenderedFile]:
    """The step's files, numbered if the step gives a number; nothing is sent to the database.

    Runs with autoflush off, so a lazy load during the render cannot send the document's
    UPDATE early. The register is locked last: only the fill and the writes run under its
    lock (unless a file must be rendered with its number: generation.render_and_number).
    The number and the state change then reach the database in one flush (one version step).
    """
    take_number = (lambda: register.enter(document, tdef.numbering, at)) if tdef.numbering else None
    files = generation.render_and_number(document, tdef, at, comment=comment, actor=actor, render=generate,
                                         take_number=take_number)   # the number locks the register until commit
    if tdef.numbering:
        document.search_text = search_key(document)
    return files


def _sign(document: Document, tdef: TransitionDef, actor, signer, files: list[RenderedFile],
          at: datetime) -> signatures.Signed | None:
    """The step's signed PDF, when the issuing body signs digitally: the approver's certification
    signature at approve (`signer` opened by their PIN), the body's seal over the number and date
    at the step that gives the document its number (issue). The PDF is made here, synchronously
    (the PIN lives only in this request). Any failure refuses the step (422): nothing is written."""
    if signer is not None:
        return signatures.sign_approved(document, actor, signer, files, at)
    if tdef.numbering == "issued":
        entry = document.number_entry
        return signatures.seal_issued(document, entry.seq if entry is not None else None, document.issued_on, at)
    return None


def _is_lock_conflict(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "database is locked" in text or "could not serialize" in text or "deadlock" in text
