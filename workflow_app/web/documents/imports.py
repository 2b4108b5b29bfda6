"""Nominees from Excel: the sample file, and an import that takes nothing until the file is clean."""
from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.errors import Conflict, Forbidden, WorkflowError
from ...domain.kinds import KINDS, kind_spec
from ...services import document_pages, documents, nominee_import
from ..forms import ImportForm
from ..forms.common import version_of
from . import bp
from .common import load

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _with_nominees(document_id: int):
    """The document, if its kind has a nominee list; else the page does not exist."""
    document = load(document_id)
    if not kind_spec(document.kind).has_nominees:
        abort(404)
    return document


def _editable_nominees(document_id: int):
    document = _with_nominees(document_id)
    if document.state != "draft":
        raise Conflict(_("Chỉ nhập danh sách vào văn bản ở trạng thái dự thảo."))
    if not documents.can_edit(document, current_user):
        raise Forbidden(_("Bạn không có quyền sửa văn bản này."))
    return document


def _render(form, document, errors=(), status=200):
    form.version.data = document.version
    return render_template("documents/import.html", form=form, document=document, errors=errors), status


@bp.route("/documents/<int:document_id>/import", methods=["GET", "POST"])
def import_nominees(document_id: int):
    document = _editable_nominees(document_id)
    if request.method == "GET":
        return _render(ImportForm(formdata=None), document)
    form = ImportForm()
    if not form.validate_on_submit():
        return _render(form, document, status=400)
    upload = form.file.data
    if upload is None or not upload.filename:
        form.file.errors = [_("Chọn một tệp .xlsx.")]
        return _render(form, document, status=422)
    try:
        data = upload.read(nominee_import.MAX_FILE_BYTES + 1)   # never more than the limit into memory
        result = nominee_import.import_into(document, current_user, data, version_of(form.version.data),
                                            bool(form.replace.data), filename=upload.filename,
                                            skip_duplicates=form.duplicates.data != "keep")
    except WorkflowError as exc:   # stale version, or the draft was submitted meanwhile
        if exc.status in (403, 404):
            raise
        flash(exc.message, "danger")
        return _render(form, load(document_id), [(None, m) for m in exc.fields.values()], exc.status)
    if not result.ok:
        flash(_("Tệp có lỗi; chưa nhập dòng nào. Sửa các dòng dưới đây rồi tải lên lại."), "danger")
        return _render(form, document, result.errors, 422)
    flash(_("Đã nhập %(n)d dòng từ tệp Excel.", n=len(result.nominees)), "success")
    if result.duplicates:
        flash(_duplicates_note(result), "warning")
    return redirect(url_for("documents.show", document_id=document.id), 303)


def _duplicates_note(result) -> str:
    """"2 dòng trùng với danh sách hiện có (cùng họ tên và đơn vị), không nhập lại: Dòng 2 (…); …"."""
    rows = "; ".join(_("Dòng %(n)d (%(who)s)", n=row, who=who) for row, who in result.duplicates[:20])
    more = len(result.duplicates) - 20
    if more > 0:
        rows += "; " + _("và %(n)d dòng khác", n=more)
    if result.skipped:
        return _("%(n)d dòng trùng với danh sách hiện có (cùng họ tên và đơn vị), không nhập lại: %(rows)s.",
                 n=len(result.duplicates), rows=rows)
    return _("%(n)d dòng trùng với danh sách hiện có (cùng họ tên và đơn vị) vẫn được nhập theo lựa chọn: "
             "%(rows)s.", n=len(result.duplicates), rows=rows)


@bp.get("/documents/new/<kind>/import/sample.xlsx")
def new_import_sample(kind: str):
    """The sample for a proposal not saved yet: the award list of the body it will go to."""
    if kind not in KINDS or not kind_spec(kind).has_nominees:
        abort(404)
    if "drafter" not in current_user.roles:
        abort(403)
    data = nominee_import.sample(document_pages.award_list(current_user, kind))
    return send_file(io.BytesIO(data), mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name="mau-danh-sach-de-nghi-khen-thuong.xlsx", max_age=0)


@bp.get("/documents/<int:document_id>/import/sample.xlsx")
def import_sample(document_id: int):
    document = _with_nominees(document_id)
    data = nominee_import.sample(document.issuer.awards or [])
    return send_file(io.BytesIO(data), mimetype=XLSX_MIMETYPE, as_attachment=True,
                     download_name="mau-danh-sach-de-nghi-khen-thuong.xlsx", max_age=0)
