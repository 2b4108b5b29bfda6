"""Users of the admin's bodies: list, create, edit roles/position/unit, reset password."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.errors import WorkflowError
from ...services import admin as admin_service
from .. import field_errors
from ..forms.admin import UserForm
from . import bp


@bp.get("/users")
def users():
    return render_template("admin/users.html", users=admin_service.users(current_user),
                           organizations=admin_service.organizations(current_user))


def _render(form, target, status=200, problems=()):
    return render_template("admin/user_form.html", form=form, target=target, problems=problems), status


def _fail(form, target, exc: WorkflowError):
    if exc.status in (403, 404):
        raise exc
    flash(exc.message, "danger")
    return _render(form, target, exc.status, field_errors.place(form, exc.fields))


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    organizations = admin_service.organizations(current_user)
    form = UserForm(formdata=request.form if request.method == "POST" else None,
                    data={"organization_id": current_user.organization_id, "active": True, "roles": []})
    form.set_choices(organizations)
    if request.method == "GET" or not form.validate_on_submit():
        return _render(form, None, 200 if request.method == "GET" else 400)
    try:
        created = admin_service.create_user(
            current_user, username=form.username.data or "", password=form.password.data or "",
            full_name=form.full_name.data or "", position=form.position.data or "",
            organization_id=form.organization_id.data, unit_id=form.unit_id.data or None,
            roles=form.roles.data or [], email=form.email.data or "", heads_unit=form.heads_unit.data)
    except WorkflowError as exc:
        return _fail(form, None, exc)
    flash(_("Đã tạo tài khoản %(name)s.", name=created.username), "success")
    return redirect(url_for("admin.users"), 303)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    target = admin_service.user(current_user, user_id)
    data = {"username": target.username, "full_name": target.full_name, "position": target.position,
            "email": target.email,
            "organization_id": target.organization_id, "unit_id": target.unit_id or 0,
            "roles": sorted(target.roles), "active": target.active, "heads_unit": target.heads_unit}
    form = UserForm(formdata=request.form if request.method == "POST" else None, data=data)
    form.set_choices([target.organization])
    if request.method == "GET" or not form.validate_on_submit():
        return _render(form, target, 200 if request.method == "GET" else 400)
    try:
        admin_service.update_user(current_user, target, full_name=form.full_name.data or "",
                                  position=form.position.data or "", unit_id=form.unit_id.data or None,
                                  roles=form.roles.data or [], active=form.active.data,
                                  password=form.password.data or None, email=form.email.data or "",
                                  heads_unit=form.heads_unit.data)
    except WorkflowError as exc:
        return _fail(form, target, exc)
    flash(_("Đã lưu tài khoản %(name)s.", name=target.username), "success")
    return redirect(url_for("admin.users"), 303)
