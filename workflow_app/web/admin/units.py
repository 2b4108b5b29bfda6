"""Units (phòng, văn phòng) of the admin's bodies."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.errors import WorkflowError
from ...services import admin as admin_service
from .. import field_errors
from ..forms.admin import UnitForm
from . import bp


@bp.get("/units")
def units():
    return render_template("admin/units.html", organizations=admin_service.organizations(current_user))


def _form_page(form, organization, unit, status=200):
    return render_template("admin/unit_form.html", form=form, organization=organization, unit=unit), status


def _save(form, organization, unit):
    """Create or update from a posted form: a redirect when saved, the form again when refused."""
    if not form.validate_on_submit():
        return _form_page(form, organization, unit, 400)
    values = {"code": form.code.data or "", "name": form.name.data or "",
              "abbreviation": form.abbreviation.data or ""}
    try:
        if unit is None:
            admin_service.create_unit(current_user, organization, **values)
        else:
            admin_service.update_unit(current_user, unit, **values)
    except WorkflowError as exc:
        if exc.status in (403, 404):
            raise
        flash(exc.message, "danger")
        field_errors.place(form, exc.fields)
        return _form_page(form, organization, unit, exc.status)
    flash(_("Đã lưu đơn vị."), "success")
    return redirect(url_for("admin.units"), 303)


@bp.route("/organizations/<int:organization_id>/units/new", methods=["GET", "POST"])
def new_unit(organization_id: int):
    organization = admin_service.organization(current_user, organization_id)
    if request.method == "GET":
        return _form_page(UnitForm(formdata=None), organization, None)
    return _save(UnitForm(), organization, None)


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def edit_unit(unit_id: int):
    unit = admin_service.unit(current_user, unit_id)
    if request.method == "GET":
        return _form_page(UnitForm(formdata=None, obj=unit), unit.organization, unit)
    return _save(UnitForm(), unit.organization, unit)
