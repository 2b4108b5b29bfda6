"""Sign-in, sign-out, changing one's own password, choosing the language."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user

from ..domain.errors import WorkflowError
from ..services import accounts, tokens
from ..throttling import retry_after_seconds, sign_in_limit
from . import field_errors
from .forms import ConfirmForm, LoginForm, PasswordForm
from .i18n import LANGUAGES

bp = Blueprint("auth", __name__)


def safe_next(target: str | None, default: str | None = None) -> str:
    """Only a path on this site: a crafted ?next= must not send people elsewhere (nor put a
    control character into the Location header)."""
    if (target and target.isprintable() and target.startswith("/") and not target.startswith("//")
            and not urlsplit(target).netloc):
        return target
    return default or url_for("documents.home")


def landing(user) -> str:
    """Where `user` starts: their worklist, or Quản trị for an administrator with no step of
    any workflow to take (their worklist is always empty)."""
    if user.roles and user.roles <= {"admin"}:
        return url_for("admin.users")
    return url_for("documents.home")


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limit
def login():
    if current_user.is_authenticated:
        return redirect(landing(current_user))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            _start_browser_session(user)
            flash(_("Xin chào %(name)s.", name=user.full_name), "success")
            return redirect(safe_next(form.next.data, landing(user)))
        form.password.errors = [_("Tên đăng nhập hoặc mật khẩu không đúng.")]
        status = 401
    elif form.is_submitted():
        status = 422
    form.place_focus()
    return render_template("auth/login.html", form=form), status


def _clear_session_keeping_language() -> None:
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def _start_browser_session(user) -> None:
    """A fresh session (no fixation) naming a new server-side sign-in; the language stays."""
    _clear_session_keeping_language()
    user.browser_key, _expires = tokens.issue(user, kind=tokens.BROWSER)
    login_user(user)


@bp.errorhandler(RateLimitExceeded)
def too_many_sign_ins(exc):
    """Too many failed sign-ins from this address for this name: the form again, with 429."""
    wait = retry_after_seconds()
    form = LoginForm(formdata=None, next=request.args.get("next", ""),
                     username=request.form.get("username", "")[:200])
    form.password.errors = [_("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
                              minutes=max(1, -(-wait // 60)))]
    form.place_focus()
    return render_template("auth/login.html", form=form), 429, {"Retry-After": str(wait)}


@bp.post("/logout")
@login_required
def logout():
    if ConfirmForm().validate_on_submit():
        tokens.revoke(current_user.browser_key, kind=tokens.BROWSER)   # a copied cookie dies too
        logout_user()
        _clear_session_keeping_language()
        flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    status = 200
    if form.validate_on_submit():
        if accounts.authenticate(current_user.username, form.current.data) is None:
            form.current.errors = [_("Mật khẩu hiện tại không đúng.")]
            status = 422
        else:
            try:
                accounts.set_password(current_user, form.new.data)   # ends every sign-in
            except WorkflowError as exc:
                field_errors.place(form, exc.fields, aliases={"password": "new"})
                status = exc.status
            else:
                _start_browser_session(current_user._get_current_object())   # but this browser's
                flash(_("Đã đổi mật khẩu."), "success")
                return redirect(url_for("documents.home"))
    elif form.is_submitted():
        status = 422
    form.place_focus()
    return render_template("auth/password.html", form=form), status


@bp.get("/language/<code>")
def language(code: str):
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next")))
