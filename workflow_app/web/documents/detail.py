"""The document page, its transitions (confirm, then POST) and the downloads of its files."""
from __future__ import annotations

import io

from flask import flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.clock import local_today
from ...domain.errors import WorkflowError
from ...domain.signing import default_signer_form
from ...services import document_pages, documents, files
from ...services.transitions import apply_transition
from .. import field_errors
from ..forms import ConfirmForm, TransitionForm
from ..forms.common import version_of
from . import bp
from .common import load


def _done_message(name: str, document) -> str:
    messages = {
        "submit": _("Đã trình duyệt. Văn bản đang chờ thẩm định."),
        "withdraw": _("Đã rút lại; văn bản trở về dự thảo."),
        "review": _("Đã thẩm định. Văn bản đang chờ lãnh đạo phê duyệt."),
        "approve": _("Đã phê duyệt. Văn bản đang chờ văn thư cho số và ban hành."),
        "issue": _("Đã ban hành văn bản số %(number)s.", number=document.number or ""),
        "return": _("Đã trả lại văn bản cho người soạn thảo."),
    }
    return messages.get(name, _("Đã thực hiện."))


def _context(document) -> dict:
    """What the page shows besides the document: the steps open to me, the cited plan, labels."""
    plan, reference = document_pages.cited_plan(document, current_user)
    return {
        "document": document, "shown": documents.shown_to(document, current_user),
        "transitions": documents.available_transitions(document, current_user),
        "can_edit": documents.can_edit(document, current_user),
        "can_delete": documents.can_delete(document, current_user),
        "plan": plan, "plan_reference": reference,
        "award_labels": {a["code"]: a["label"] for a in document.organization.awards or []},
        "confirm_form": ConfirmForm(),
    }


def _transition_form(document, name: str) -> TransitionForm:
    """A fresh form for step `name`: today's date, the usual signing form, nominees accepted."""
    data = {"version": document.version, "issued_on": _default_issue_date().isoformat(),
            "signer_form": default_signer_form(current_user.position, document.organization.head_title)}
    if name == "review" and document.kind == "commendation":
        data["decisions"] = [{"nominee_id": n.id, "status": "rejected" if n.review_status == "rejected"
                              else "accepted", "note": n.review_note} for n in document.nominees]
    return TransitionForm(formdata=None, data=data)


def _default_issue_date():
    return local_today()


@bp.get("/documents/<int:document_id>")
def show(document_id: int):
    document = load(document_id)
    forms = {name: _transition_form(document, name) for name in documents.available_transitions(
        document, current_user)}
    return render_template("documents/show.html", forms=forms, **_context(document))


def _render_transition(document, name, form, status=200, problems=()):
    return render_template("documents/transition.html", name=name, form=form, problems=problems,
                           **_context(document)), status


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
    try:
        apply_transition(document, name, current_user, comment=form.comment.data or "",
                         version=version_of(form.version.data), **form.extra_for(name, document.kind))
    except WorkflowError as exc:   # the service rolled back: nothing changed
        if exc.status == 404:
            raise
        aliases = {"nominees": "decisions"} if name == "review" else {}
        problems = field_errors.place(form, exc.fields, aliases)
        flash(exc.message, "danger")
        document = load(document_id)
        if exc.status == 403 or name not in documents.available_transitions(document, current_user):
            return render_template("documents/show.html", forms={}, problems=problems,
                                   **_context(document)), exc.status
        form.version.data = document.version   # the message said what changed; a retry is deliberate
        return _render_transition(document, name, form, exc.status, problems)
    flash(_done_message(name, document), "success")
    return redirect(url_for("documents.show", document_id=document.id), 303)


@bp.get("/files/<int:file_id>")
def download(file_id: int):
    found = files.get_visible_file(file_id, current_user)
    return send_file(io.BytesIO(found.content), mimetype=files.DOCX_MIMETYPE, as_attachment=True,
                     download_name=f"{found.document_id}-{found.step}-{found.file_name}",
                     etag=found.sha256, max_age=0)
