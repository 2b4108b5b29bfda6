"""The editors of every kind: draft only; the services validate, we show where.

Each kind names its form and page (DocumentKind.editor_form, .editor_template); a form has
`data_from(document)`, `LISTS` (its repeatable rows), `prepare(user, document)` and `payload()`.
"""
from __future__ import annotations

import importlib
from functools import cache

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.errors import Conflict, Forbidden, WorkflowError
from ...domain.kinds import KINDS, kind_spec
from ...domain.validation import too_many
from ...services import document_pages, documents
from .. import field_errors
from ..forms import ConfirmForm
from ..forms.common import apply_op, parse_op
from . import bp
from .common import load, text_arg


@cache
def _form_class(path: str):
    module, _sep, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def editor_form(kind: str):
    return _form_class(kind_spec(kind).editor_form)


def _prepared(form, kind: str, document):
    form.prepare(current_user, document)
    return form


def _render(form, kind: str, document, status: int = 200, problems=()):
    returned = document_pages.return_of(document) if document is not None else None
    return render_template(kind_spec(kind).editor_template, form=form, kind=kind, document=document,
                           problems=problems, returned=returned), status


def _edit(kind: str, document=None):
    form_class = editor_form(kind)
    if request.method == "GET":
        data = form_class.data_from(document)
        if document is None:   # a new draft may start from the page that linked here (?round_id=7)
            data.update({key: value for key in getattr(form_class, "PRESETS", ())
                         if (value := text_arg(key, 20))})
        form = form_class(formdata=None, data=data)
        return _render(_prepared(form, kind, document), kind, document)

    form = form_class()
    op = parse_op(request.form.get("op"))
    if op is not None:   # add/remove/move a row: redraw the form, store nothing
        verb, name, index = op
        if name not in form_class.LISTS:
            abort(400)
        rows = form[name]   # a CappedFieldList: never more rows than the API's cap
        data = {k: v for k, v in form.data.items() if k != "csrf_token"}
        refused = rows.sent > rows.max_entries or (verb == "add" and rows.full)
        if not refused:
            data[name] = apply_op(data[name], verb, index, form_class.LISTS[name])
        redrawn = _prepared(form_class(formdata=None, data=data), kind, document)
        if refused:
            redrawn[name].errors = [too_many(rows.limit)]
        return _render(redrawn, kind, document)

    _prepared(form, kind, document)
    if not form.validate_on_submit():
        return _render(form, kind, document, 400)
    payload = form.payload()
    # a form may take rows from a file sent with it (with_upload), name its reasons its own way
    # (place_errors) and have something to say once saved (saved_notes)
    upload_problems = form.with_upload(payload) if hasattr(form, "with_upload") else []
    if upload_problems:
        flash(_("Tệp Excel có lỗi; chưa lưu gì. Sửa các dòng được nêu rồi gửi lại."), "danger")
        return _render(form, kind, document, 422, upload_problems)
    try:
        if document is None:
            document = documents.create(current_user, payload)
            flash(_("Đã tạo dự thảo. Khi nội dung đã đủ, lãnh đạo ký và trình tờ trình (nút “Ký và trình”)."),
                  "success")
        else:
            documents.update(document, current_user, payload)
            flash(_("Đã lưu dự thảo."), "success")
    except WorkflowError as exc:
        if exc.status in (403, 404):
            raise
        place = getattr(form, "place_errors", None)
        problems = place(exc.fields) if place else field_errors.place(form, exc.fields)
        flash(exc.message, "danger")
        return _render(form, kind, document, exc.status, problems)
    for message, category in (form.saved_notes(document) if hasattr(form, "saved_notes") else ()):
        flash(message, category)
    return redirect(url_for("documents.show", document_id=document.id), 303)


@bp.route("/documents/new/<kind>", methods=["GET", "POST"])
def new(kind: str):
    if kind not in KINDS or not KINDS[kind].composed:   # a round's decision is made from its round
        abort(404)
    if "drafter" not in current_user.roles:
        abort(403)
    return _edit(kind)


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
def edit(document_id: int):
    document = load(document_id)
    if not documents.can_edit(document, current_user):
        if document.state != "draft" and request.method == "GET":
            flash(_("Chỉ sửa được văn bản ở trạng thái dự thảo."), "warning")
            return redirect(url_for("documents.show", document_id=document.id))
        if document.state != "draft":
            raise Conflict(_("Chỉ sửa được văn bản ở trạng thái dự thảo."))
        raise Forbidden(_("Bạn không có quyền sửa văn bản này."))
    return _edit(document.kind, document)


@bp.post("/documents/<int:document_id>/delete")
def delete(document_id: int):
    document = load(document_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    documents.delete(document, current_user)   # a refusal becomes its error page
    flash(_("Đã xoá dự thảo."), "success")
    return redirect(url_for("documents.home"), 303)
