"""Thông báo: what changed for me, newest first; reading them; the e-mail switch; the top bar's count."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain import notices as rules
from ..services import notices
from .documents.common import int_arg
from .forms import ConfirmForm, NoticeSettingsForm

bp = Blueprint("notices", __name__)
PER_PAGE = 30


@bp.before_request
@login_required
def _signed_in_only():
    """Every page here needs a signed-in user."""


@bp.get("/notifications")
def index():
    found = notices.page(current_user, page=int_arg("page", 1), per_page=PER_PAGE)
    rows = [{"notice": n, "text": notices.sentence(n, translate=gettext),
             "label": gettext(rules.REASONS.get(n.reason, n.reason))}
            for n in found.items]
    settings = NoticeSettingsForm(data={"email_notifications": current_user.email_notifications})
    return render_template("notices/index.html", page=found, rows=rows, confirm_form=ConfirmForm(),
                           settings=settings, mail_on=bool(current_app.config.get("MAIL_SERVER")))


@bp.post("/notifications/read")
def read_all():
    if ConfirmForm().validate_on_submit():
        notices.mark_read(current_user)
        flash(_("Đã đánh dấu mọi thông báo là đã đọc."), "success")
    return redirect(url_for("notices.index"), 303)


@bp.post("/notifications/settings")
def settings():
    form = NoticeSettingsForm()
    if form.validate_on_submit():
        notices.set_email_notifications(current_user, bool(form.email_notifications.data))
        flash(_("Sẽ gửi thư điện tử khi có thông báo mới.") if form.email_notifications.data
              else _("Đã tắt thư điện tử thông báo; thông báo vẫn hiện trong trang này."), "success")
    return redirect(url_for("notices.index"), 303)


def unread_notice_count() -> int:
    """For the top bar (base.html): the signed-in user's unread notices."""
    return notices.unread_count(current_user) if current_user.is_authenticated else 0


def register(app: Flask) -> None:
    app.jinja_env.globals["unread_notice_count"] = unread_notice_count
