from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo

# `autocomplete` tells password managers which field is which (WHATWG autofill names).
_USERNAME = {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
_CURRENT_PASSWORD = {"autocomplete": "current-password"}
_NEW_PASSWORD = {"autocomplete": "new-password"}


def autofocus(field) -> None:
    """Render `field` with the focus (a new dict: the class's render_kw is shared by every form)."""
    field.render_kw = {**(field.render_kw or {}), "autofocus": True}


class LoginForm(FlaskForm):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(_l("Nhập tên đăng nhập."))],
                           render_kw=_USERNAME)
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Nhập mật khẩu."))],
                             render_kw=_CURRENT_PASSWORD)
    next = HiddenField()

    def place_focus(self) -> None:
        """On the username, or on the password once a username is typed (a wrong password keeps
        the username and clears the password: the person retypes only that)."""
        autofocus(next((f for f in (self.username, self.password) if f.errors or not f.data), self.username))


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired(_l("Nhập mật khẩu hiện tại."))],
                            render_kw=_CURRENT_PASSWORD)
    new = PasswordField(_l("Mật khẩu mới"), validators=[DataRequired(_l("Nhập mật khẩu mới."))],
                        render_kw=_NEW_PASSWORD)
    confirm = PasswordField(_l("Nhập lại mật khẩu mới"), validators=[
        DataRequired(_l("Nhập lại mật khẩu mới.")), EqualTo("new", _l("Hai lần nhập không khớp."))],
        render_kw=_NEW_PASSWORD)

    def place_focus(self) -> None:
        """Passwords are never sent back: the first field with an error, else the first."""
        autofocus(next((f for f in (self.current, self.new, self.confirm) if f.errors), self.current))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: for POSTs that carry no data (sign-out, deleting a draft)."""


class NoticeSettingsForm(FlaskForm):
    email_notifications = BooleanField(_l("Gửi thư điện tử cho tôi khi có thông báo mới"))
