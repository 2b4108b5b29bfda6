"""A round's one decision on the web: the confirmation page listing the round's reviewed proposals
(checkboxes, counts), then the decision's page (services/round_decisions.py)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...domain.errors import WorkflowError
from ...services import round_decisions
from ..forms import ConfirmForm
from . import bp


def _page(round_id: int, status: int = 200, chosen: set[int] | None = None):
    round_, plan, found, decisions = round_decisions.candidates(round_id, current_user)
    chosen = {c.document.id for c in found} if chosen is None else chosen
    return render_template("documents/round_decision.html", round=round_, plan=plan, candidates=found,
                           decisions=decisions, chosen=chosen, form=ConfirmForm()), status


@bp.get("/rounds/<int:round_id>/decision")
def round_decision(round_id: int):
    return _page(round_id)


@bp.post("/rounds/<int:round_id>/decision")
def make_round_decision(round_id: int):
    form = ConfirmForm()
    ids = [int(v) for v in request.form.getlist("proposal_ids") if v.isascii() and v.isdigit() and len(v) < 12]
    if not form.validate_on_submit():
        flash(_("Phiên làm việc đã hết hạn; vui lòng thử lại."), "danger")
        return _page(round_id, 400, set(ids))
    if not ids:
        flash(_("Chưa chọn tờ trình nào để lập quyết định."), "danger")
        return _page(round_id, 422, set())
    try:
        decision = round_decisions.create(round_id, current_user, {"proposal_ids": ids})
    except WorkflowError as exc:
        if exc.status in (403, 404):
            raise
        flash(exc.message, "danger")
        return _page(round_id, exc.status, set(ids))
    flash(_("Đã lập quyết định khen thưởng của đợt. Văn bản đang chờ lãnh đạo phê duyệt."), "success")
    return redirect(url_for("documents.show", document_id=decision.id), 303)
