"""A body's settings: name lines, place name, abbreviations, legal bases, awards, numbering."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.clock import local_today
from ...domain.errors import WorkflowError
from ...domain.legal_bases import format_line, from_stored, in_force, short
from ...domain.validation import too_many
from ...services import admin as admin_service
from .. import field_errors
from ..forms.admin import BLANK_AWARD, OrganizationForm
from ..forms.common import apply_op, joined, lines, parse_op
from . import bp

TEXT_FIELDS = ("name", "parent_line", "place_name", "abbreviation", "collective_title", "head_title",
               "deputy_title", "address")


def _data(org) -> dict:
    data = {key: getattr(org, key) or "" for key in TEXT_FIELDS}
    data.update(name_lines=joined(org.name_lines),
                legal_bases=joined(format_line(b) for b in map(from_stored, org.legal_bases or ()) if b.text),
                awards=[{**BLANK_AWARD, **a, "certificate": a.get("certificate") or "",
                         "requires": ", ".join(a.get("requires") or ()), **_council_rules(a)}
                        for a in org.awards or []]
                or [dict(BLANK_AWARD)],
                numbering_scheme=org.numbering_scheme, collective=org.collective,
                allow_combined_duties=org.allow_combined_duties, level=org.level or "")
    return data


def _council_rules(award: dict) -> dict:
    """An award's vote threshold and levels as the table's cells show them."""
    threshold = award.get("vote_threshold") or {}
    return {"threshold_percent": str(threshold.get("percent", "")).replace(".", ","),
            "threshold_of": threshold.get("of") or "members",
            "given_by": ", ".join(award.get("given_by") or ())}


def _page(form, organization):
    """The settings page; beside the legal bases, those the body's new documents cite today
    (by the app clock), from what is saved."""
    today = local_today()
    return render_template("admin/settings.html", form=form, organization=organization,
                           bases_today=in_force(map(from_stored, organization.legal_bases or ()), today),
                           today=short(today))


def _redrawn(form, organization):
    """The award table with a row added, removed or moved: drawn again, nothing stored."""
    verb, name, index = parse_op(request.form.get("op"))
    if name not in OrganizationForm.LISTS:
        abort(400)
    rows = form.awards
    data = {k: v for k, v in form.data.items() if k != "csrf_token"}
    refused = rows.sent > rows.max_entries or (verb == "add" and rows.full)
    if not refused:
        data["awards"] = apply_op(data["awards"], verb, index, BLANK_AWARD)
    redrawn = OrganizationForm(formdata=None, data=data)
    if refused:
        redrawn.awards.errors = [too_many("awards")]
    return _page(redrawn, organization)


@bp.get("/organizations")
def organizations():
    return render_template("admin/organizations.html",
                           organizations=admin_service.organizations(current_user))


@bp.route("/organizations/<int:organization_id>", methods=["GET", "POST"])
def settings(organization_id: int):
    org = admin_service.organization(current_user, organization_id)
    if request.method == "GET":
        form = OrganizationForm(formdata=None, data=_data(org))
        return _page(form, org)
    form = OrganizationForm()
    if parse_op(request.form.get("op")) is not None:
        return _redrawn(form, org)
    status = 400
    if form.validate_on_submit():
        try:
            admin_service.update_settings(
                current_user, org, name_lines=lines(form.name_lines.data),
                legal_bases=(form.legal_bases.data or "").splitlines(), awards=form.awards.data,
                numbering_scheme=form.numbering_scheme.data, collective=form.collective.data,
                allow_combined_duties=form.allow_combined_duties.data, level=form.level.data or "",
                **{key: form[key].data or "" for key in TEXT_FIELDS})
        except WorkflowError as exc:
            if exc.status in (403, 404):
                raise
            flash(exc.message, "danger")
            field_errors.place(form, exc.fields)
            status = exc.status
        else:
            flash(_("Đã lưu thiết lập của %(name)s.", name=org.name), "success")
            return redirect(url_for("admin.settings", organization_id=org.id), 303)
    return _page(form, org), status
