"""Digital signing, for admins (issue 16): a user's signing certificate (an uploaded PKCS#12, kept
as it is, its PIN never stored) and a body's seal certificate and "signs digitally" setting."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.errors import ValidationFailed, WorkflowError
from ...extensions import db
from ...services import admin as admin_service
from ...services import signatures
from ..forms.signing import CredentialForm, OrganizationSigningForm
from . import bp

MAX_PKCS12_BYTES = 64 * 1024


def _uploaded(form) -> bytes | None:
    data = form.pkcs12.data
    if not data:
        return None
    content = data.read(MAX_PKCS12_BYTES + 1)
    if len(content) > MAX_PKCS12_BYTES:
        raise ValidationFailed(_("Tệp quá lớn cho một chứng thư ký số."), {"pkcs12": _("Tối đa 64 KB.")})
    return content


def _fail(form, exc: WorkflowError) -> None:
    if exc.status in (403, 404):
        raise exc
    db.session.rollback()
    flash(exc.message, "danger")
    for name, message in (exc.fields or {}).items():
        if name in form:
            form[name].errors = [message]


@bp.route("/users/<int:user_id>/signing", methods=["GET", "POST"])
def user_signing(user_id: int):
    target = admin_service.user(current_user, user_id)
    form = CredentialForm()
    status = 200
    if form.is_submitted():
        status = 400
        if form.validate():
            try:
                content = _uploaded(form)
                if content is None:
                    raise ValidationFailed(_("Chọn tệp PKCS#12."), {"pkcs12": _("Bắt buộc.")})
                row = signatures.import_personal(target, content, form.pin.data or "")
                db.session.commit()
            except WorkflowError as exc:
                _fail(form, exc)
                status = exc.status
            else:
                flash(_("Đã nạp chứng thư ký số %(subject)s cho %(name)s.", subject=row.subject,
                        name=target.username), "success")
                return redirect(url_for("admin.user_signing", user_id=target.id), 303)
    return render_template("admin/signing_user.html", form=form, target=target,
                           credential=signatures.personal_credential(target)), status


@bp.route("/organizations/<int:organization_id>/signing", methods=["GET", "POST"])
def organization_signing(organization_id: int):
    org = admin_service.organization(current_user, organization_id)
    form = OrganizationSigningForm(data={"signs_digitally": org.signs_digitally})
    status = 200
    if form.is_submitted():
        status = 400
        if form.validate():
            try:
                content = _uploaded(form)
                if content is not None:
                    signatures.import_seal(org, content, form.pin.data or "")
                db.session.flush()
                if form.signs_digitally.data and signatures.seal_credential(org.id) is None:
                    raise ValidationFailed(_("Cần nạp chứng thư ký số của cơ quan trước khi bật ký số."),
                                           {"pkcs12": _("Bắt buộc khi bật ký số.")})
                org.signs_digitally = bool(form.signs_digitally.data)
                db.session.commit()
            except WorkflowError as exc:
                _fail(form, exc)
                status = exc.status
            else:
                flash(_("Đã lưu thiết lập ký số của %(name)s.", name=org.name), "success")
                return redirect(url_for("admin.organization_signing", organization_id=org.id), 303)
    return render_template("admin/signing_organization.html", form=form, organization=org,
                           seal=signatures.seal_credential(org.id)), status
