"""The emulation council's meeting for a round (issue 15, point 4): /rounds/<id>/council shows the
nominees of the round's reviewed proposals with their award's threshold, takes the meeting and
each vote, and shows who passed (services/council.py does the work)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain.errors import WorkflowError
from ..domain.meeting import Vote
from ..services import council as council_service
from . import field_errors
from .forms.council import CouncilForm, initial_data, voted_first

bp = Blueprint("council", __name__, url_prefix="/rounds")


@bp.before_request
@login_required
def _signed_in_only():
    """Users of the plan's issuing body see it (others: 404); its reviewers record it."""


@dataclass(frozen=True)
class RowView:
    """One table row, every text ready for the template."""
    nominee_id: int
    document_id: int
    full_name: str
    details: str            # position, organization
    unit: str
    award: str
    threshold: str          # "≥ 80% tổng số thành viên", "" none
    vote: str               # "7/9 (77,8%)", "" none
    outcome: str            # "Đạt", "Không đạt", "" not yet voted
    passed: bool | None
    note: str
    field: object           # the vote input (VoteForm) of the row; None past the form's cap


def _rows(found: council_service.Council, form: CouncilForm) -> list[RowView]:
    inputs = {str(v.form.nominee_id.data): v for v in form.votes}
    for row in voted_first(found.rows):   # a proposal reviewed since the form was drawn: its rows get inputs
        if str(row.nominee.id) not in inputs and not form.votes.full:      # too, while the form has room
            inputs[str(row.nominee.id)] = form.votes.append_entry({"nominee_id": row.nominee.id, "votes_for": ""})
    rows = []
    for row in found.rows:
        result = row.result or {}
        vote = (Vote(result["votes_for"], result["votes_total"]).text()
                if result.get("votes_for") is not None and result.get("votes_total") else "")
        passed = result.get("passed") if row.result is not None else None
        rows.append(RowView(
            row.nominee.id, row.document.id, row.nominee.full_name,
            ", ".join(p for p in (row.nominee.position, row.nominee.organization) if p), row.unit,
            row.award_label, row.threshold.text() if row.threshold else "", vote,
            "" if passed is None else (_("Đạt") if passed else _("Không đạt")), passed,
            result.get("note") or "", inputs.get(str(row.nominee.id))))
    return rows


def _page(found, form, status: int = 200, leftover=()):
    meeting = found.meeting
    return render_template("council/index.html", council=found, form=form, rows=_rows(found, form),
                           warnings=[w.text() for w in found.warnings], leftover=list(leftover),
                           recorded_on=meeting.start_phrase() if meeting else ""), status


@bp.get("/<int:round_id>/council")
def show(round_id: int):
    found = council_service.view(round_id, current_user)
    return _page(found, CouncilForm(formdata=None, data=initial_data(found)))


@bp.post("/<int:round_id>/council")
def record(round_id: int):
    found = council_service.view(round_id, current_user)
    form = CouncilForm()
    if not form.validate_on_submit():
        return _page(found, form, 400)
    try:
        council_service.record(round_id, form.payload(), current_user)
    except WorkflowError as exc:
        if exc.status in (403, 404):
            raise
        flash(exc.message, "danger")
        leftover = field_errors.place(form, exc.fields)
        return _page(council_service.view(round_id, current_user), form, exc.status, leftover)
    flash(_("Đã ghi kết quả họp Hội đồng Thi đua - Khen thưởng."), "success")
    return redirect(url_for("council.show", round_id=round_id), 303)
