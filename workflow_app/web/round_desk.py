"""The round's desk (issue 15, point 6): who has proposed in a round and who has not, the
proposals by state, nominees by award, the days left; "Nhắc nộp hồ sơ" for those who have not.
The figures come from services/round_desk.py; the templates only show them."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain.errors import WorkflowError
from ..services import round_desk
from .forms import ConfirmForm

bp = Blueprint("round_desk", __name__, url_prefix="/rounds")


@bp.before_request
@login_required
def _signed_in_only():
    """Anyone signed in; the service answers 404 to whoever may not see the round."""


@bp.get("/<int:round_id>/desk")
def show(round_id: int):
    return render_template("rounds/desk.html", desk=round_desk.desk(round_id, current_user, gettext),
                           form=ConfirmForm())


@bp.post("/<int:round_id>/desk/remind")
def remind(round_id: int):
    """One addressee (form field `addressee`, e.g. "org-5") or, with `addressee=all`, every one not
    proposed yet. Refusals are said on the desk with their status (4xx), nothing sent."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _refused(round_id, 400, _("Biểu mẫu đã hết hạn hoặc thiếu mã CSRF; tải lại trang rồi thử lại."))
    addressee = (request.form.get("addressee") or "").strip()[:40]
    if not addressee:
        return _refused(round_id, 422, _("Chọn cơ quan, đơn vị cần nhắc."))
    try:
        done = round_desk.remind(round_id, current_user, None if addressee == "all" else addressee)
    except WorkflowError as exc:
        if exc.status == 404:
            raise
        return _refused(round_id, exc.status, exc.message)
    for name, told in done.sent:
        if told:
            flash(_("Đã nhắc %(name)s nộp hồ sơ (%(n)d người nhận).", name=name, n=told), "success")
        else:
            flash(_("Đã ghi nhắc %(name)s nộp hồ sơ, nhưng nơi này chưa có tài khoản nào để nhận thông báo.",
                    name=name), "warning")
    for name in done.skipped:
        flash(_("%(name)s đã được nhắc hôm nay; không gửi lại.", name=name), "warning")
    return redirect(url_for("round_desk.show", round_id=round_id), 303)


def _refused(round_id: int, status: int, message: str):
    flash(message, "danger")
    return render_template("rounds/desk.html", desk=round_desk.desk(round_id, current_user, gettext),
                           form=ConfirmForm()), status
