"""The document page, its transitions (confirm, then POST) and the downloads of its files."""
from __future__ import annotations

import io

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.clock import local_today
from ...domain.errors import WorkflowError
from ...domain.kinds import kind_spec
from ...domain.workflows import DEFINITIONS
from ...domain.workflows.effects import fields_of
from ...services import (
    document_pages,
    documents,
    files,
    nominee_checks,
    notices,
    pdf_renditions,
    review_outcome,
    round_decisions,
    signatures,
)
from ...services.transitions import apply_transition
from .. import field_errors
from ..auth import safe_next
from ..forms import ConfirmForm, TransitionForm
from ..forms.common import version_of
from ..forms.transitions import FIELDS, initial_data
from . import bp
from .common import load
from .preview import context as page_preview_context


def _done_message(event, document) -> str:
    tdef = DEFINITIONS[document.kind].transition_from(event.transition, event.from_state)
    if tdef is None or not tdef.done_message:
        return _("Đã thực hiện.")
    return gettext(tdef.done_message, number=document.number or "")


def _context(document) -> dict:
    """What the page shows besides the document: the steps open to me, what it cites, labels."""
    kind = kind_spec(document.kind)
    can_edit = documents.can_edit(document, current_user)
    shown = documents.shown_to(document, current_user)
    award_labels = {a["code"]: a["label"] for a in document.issuer.awards or []}
    previews = page_preview_context(document, shown)   # may ask for PDFs: before their statuses are read
    return {
        "document": document, "shown": shown, "newest_files": document_pages.newest_files(shown.files),
        "pdfs": pdf_renditions.of_files(f.id for f in shown.files),
        "signed_files": signatures.by_file(document),   # file id -> the signatures its PDF carries
        "transitions": documents.available_transitions(document, current_user),
        "can_edit": can_edit, "can_import": can_edit and kind.has_nominees,
        "can_delete": documents.can_delete(document, current_user),
        "preview_template": kind.preview_template,
        "cited": document_pages.citations(document, current_user),
        "award_labels": award_labels,
        # duplicates, earlier awards and other proposals of the round, by the rows (services/nominee_checks.py)
        "nominee_flags": nominee_checks.marks(document, current_user) if kind.has_nominees else {},
        "review_outcome": review_outcome.outcome_of(document, award_labels),
        "confirm_form": ConfirmForm(),
        "next_steps": document_pages.next_steps(document),
        "returned": document_pages.return_of(document),
        # a proposal's round decision, a round decision's proposals (services/round_decisions.py)
        "round_links": round_decisions.links_for(document, current_user),
        # a round decision's nominees of other bodies: no council votes or notes for this reader
        "foreign_nominees": round_decisions.foreign_nominee_ids(document, current_user),
        **previews,   # the pages decided on, as images (preview.py)
    }


def _step_fields(document, name: str) -> tuple[str, ...]:
    tdef = DEFINITIONS[document.kind].transition_from(name, document.state)
    return fields_of(tdef.effects) if tdef else ()


def _transition_form(document, name: str) -> TransitionForm:
    """A fresh form for step `name`, with the starting values of the fields it takes."""
    data = initial_data(document, current_user, _step_fields(document, name), local_today())
    return TransitionForm(formdata=None, data=data)


@bp.get("/documents/<int:document_id>")
def show(document_id: int):
    document = load(document_id)
    notices.mark_read(current_user, document)   # opening the document reads its notices
    forms = {name: _transition_form(document, name) for name in documents.available_transitions(
        document, current_user)}
    return render_template("documents/show.html", forms=forms, **_context(document))


def _render_transition(document, name, form, status=200, problems=(), fix_at=None):
    """fix_at: where in the editor the first reason that stopped the step points (an anchor)."""
    return render_template("documents/transition.html", name=name, form=form, problems=problems,
                           fix_at=fix_at, **_context(document)), status


@bp.get("/documents/<int:document_id>/transitions/<name>")
def confirm_transition(document_id: int, name: str):
    document = load(document_id)
    document_pages.refuse_unless_open(document, name, current_user)
    return _render_transition(document, name, _transition_form(document, name))


@bp.post("/documents/<int:document_id>/transitions/<name>")
def fire_transition(document_id: int, name: str):
    document = load(document_id)
    form = TransitionForm()
    if not form.validate_on_submit():
        return _render_transition(document, name, form, 400)
    fields = _step_fields(document, name)
    try:
        event = apply_transition(document, name, current_user, comment=form.comment.data or "",
                                 version=version_of(form.version.data), **form.extra_for(fields))
    except WorkflowError as exc:   # the service rolled back: nothing changed
        if exc.status == 404:
            raise
        aliases = {field: FIELDS[field].form_field for field in fields}
        problems = field_errors.place(form, exc.fields, aliases)
        flash(exc.message, "danger")
        document = load(document_id)
        if exc.status == 403 or name not in documents.available_transitions(document, current_user):
            return render_template("documents/show.html", forms={}, problems=problems,
                                   **_context(document)), exc.status
        form.version.data = document.version   # the message said what changed; a retry is deliberate
        fix_at = field_errors.anchor(next(iter(exc.fields))) if exc.fields else None
        return _render_transition(document, name, form, exc.status, problems, fix_at)
    flash(_done_message(event, document), "success")
    return redirect(url_for("documents.show", document_id=document.id), 303)


@bp.get("/files/<int:file_id>")
def download(file_id: int):
    found = files.get_visible_file(file_id, current_user)
    return send_file(io.BytesIO(found.content), mimetype=files.mimetype_of(found), as_attachment=True,
                     download_name=f"{found.document_id}-{found.step}-{found.file_name}",
                     etag=found.sha256, max_age=0)


def _pdf_download_name(found) -> str:
    stem = found.file_name.rsplit(".", 1)[0] if found.file_name.lower().endswith((".docx", ".pdf")) \
        else found.file_name
    return f"{found.document_id}-{found.step}-{stem}.pdf"


@bp.get("/files/<int:file_id>/pdf")
def view_pdf(file_id: int):
    """The file's PDF, shown in the browser; while it is being made, back to the document."""
    found = files.get_visible_file(file_id, current_user)
    if files.mimetype_of(found) == files.PDF_MIMETYPE:   # a signed PDF (issue 16) is its own PDF
        content, etag = found.content, found.sha256
    else:
        rendition = pdf_renditions.of_file(found.id, with_content=True)
        content, etag = (rendition.content, rendition.sha256) if rendition is not None else (None, None)
    if content is None:
        flash(_("Bản PDF của tệp này chưa có."), "warning")
        return redirect(url_for("documents.show", document_id=found.document_id, _anchor="files-heading"), 303)
    response = send_file(io.BytesIO(content), mimetype="application/pdf", as_attachment=False,
                         download_name=_pdf_download_name(found), etag=etag, max_age=0)
    # The browser's own PDF viewer is a plugin the pages' policy (object-src 'none') would refuse.
    response.headers["Content-Security-Policy"] = "default-src 'none'; object-src 'self'; frame-ancestors 'none'"
    return response


@bp.post("/pdfs/<int:file_id>/retry")   # not under /files/: no route writes to a file
def retry_pdf(file_id: int):
    """Lỗi tạo PDF — thử lại (or make the PDF of a file older than the PDFs): queue it again. For
    a signed PDF, its own PDF, that is its preview's pages (services/page_images.py)."""
    found = files.get_visible_file(file_id, current_user)   # CSRF: checked for every POST (csrf.init_app)
    rendition = pdf_renditions.of_file(found.id)
    if rendition is None:
        pdf_renditions.request_pdfs([found.id])
    elif rendition.status == "failed":
        pdf_renditions.retry(found.id)
    elif files.mimetype_of(found) == files.PDF_MIMETYPE:   # nothing to make again: the signed PDF itself
        return redirect(url_for("documents.view_pdf", file_id=found.id), 303)
    flash(_("Đang tạo lại bản xem trước.") if files.mimetype_of(found) == files.PDF_MIMETYPE
          else _("Đang tạo lại bản PDF."), "info")
    # from a page's preview, back to that page (its "Thử lại"); else to the document's files
    return redirect(safe_next(request.form.get("next"), url_for(
        "documents.show", document_id=found.document_id, _anchor="files-heading")), 303)


@bp.get("/files/pdf-status")
def pdf_status():
    """{file id: pending | ready | failed | none} of the visible files asked (?ids=1,2,3), for the
    document page's script (static/js/pdf-status.js), which reloads the page once one settles."""
    try:
        ids = [int(i) for i in request.args.get("ids", "").split(",") if i.strip()][:200]
    except ValueError:
        abort(400)
    statuses = {}
    for file_id in ids:
        try:
            found = files.get_visible_file(file_id, current_user)
        except WorkflowError:
            continue
        rendition = pdf_renditions.of_file(found.id)
        statuses[str(file_id)] = rendition.status if rendition is not None else "none"
    return jsonify(statuses)
