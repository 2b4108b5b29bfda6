"""Users: creation, passwords (scrypt via Werkzeug), sign-in checks."""
from __future__ import annotations

import re
import secrets

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..domain.errors import ValidationFailed
from ..domain.text import clean
from ..domain.workflows.definitions import ROLES
from ..extensions import db
from ..models import Organization, Unit, User, UserRole
from . import tokens

MIN_PASSWORD_LENGTH = 8
# An address to send notices to: one @, a dot in the domain, no spaces; what else is right the
# mail server knows best (a bounce is logged with the notice: services/notices.py).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MAX_EMAIL_LENGTH = 254
# A username is typed at every sign-in and shown in lists: lowercase ASCII letters, digits, dot,
# underscore, hyphen (drafter.antruong), starting with a letter or digit. No spaces, no diacritics.
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
USERNAME_PROBLEM = ("Chỉ gồm chữ thường không dấu (a–z), chữ số, dấu chấm, gạch dưới, gạch ngang; "
                    "không có dấu cách, tối đa 64 ký tự; ví dụ drafter.antruong.")
NO_ROLE_PROBLEM = "Chọn ít nhất một vai trò."
# Compared against when the user does not exist, so timing does not reveal usernames.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))


def new_password() -> str:
    return secrets.token_urlsafe(12)


def _check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed("Mật khẩu quá ngắn.",
                               {"password": f"Ít nhất {MIN_PASSWORD_LENGTH} ký tự."})


def email_address(value) -> str:
    """The address as stored ("" = none), or ValidationFailed naming the `email` field."""
    address = clean(value) if isinstance(value, str) else None
    if address is None or len(address) > MAX_EMAIL_LENGTH or (address and not _EMAIL.match(address)):
        raise ValidationFailed("Địa chỉ thư điện tử không hợp lệ.", {"email": "Dạng ten@coquan.gov.vn, hoặc để trống."})
    return address


def check_roles(roles) -> list[str]:
    """The roles as stored (each once, in order), or ValidationFailed naming the `roles` field:
    a user needs at least one role, else they can sign in and do nothing at all."""
    roles = list(roles or [])
    bad = sorted({str(r) for r in roles} - set(ROLES))
    if bad:
        raise ValidationFailed("Vai trò không hợp lệ.", {"roles": ", ".join(bad)})
    if not roles:
        raise ValidationFailed("Tài khoản chưa có vai trò nào.", {"roles": NO_ROLE_PROBLEM})
    return list(dict.fromkeys(roles))


def check_username(username) -> str:
    """The username as stored (trimmed, lowercase), or ValidationFailed naming the `username` field.

    Capitals are folded (sign-in folds them too); spaces and diacritics are refused, not stripped,
    so nobody gets a name they did not type."""
    name = clean(username).lower() if isinstance(username, str) else ""
    if not _USERNAME.match(name):
        raise ValidationFailed("Tên đăng nhập không hợp lệ.", {"username": USERNAME_PROBLEM})
    return name


def create_user(username: str, password: str, *, full_name: str, organization: Organization,
                roles: list[str], position: str = "", unit: Unit | None = None, email: str = "") -> User:
    username = check_username(username)
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise ValidationFailed("Tên đăng nhập đã có.", {"username": "Đã được dùng."})
    roles = check_roles(roles)
    _check_password(password)
    user = User(username=username, password_hash=generate_password_hash(password), email=email_address(email),
                full_name=clean(full_name), position=clean(position), organization=organization,
                unit=unit, role_rows=[UserRole(role=r) for r in dict.fromkeys(roles)])
    db.session.add(user)
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    """A new password ends every sign-in made with the old one (browser sessions and API tokens)."""
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    tokens.revoke_all(user)
    db.session.commit()


def set_active(user: User, active: bool) -> None:
    """Deactivating ends every sign-in for good: reactivating does not bring them back. No commit."""
    if user.active and not active:
        tokens.revoke_all(user)
    user.active = bool(active)


def authenticate(username, password) -> User | None:
    if not isinstance(username, str) or not isinstance(password, str):
        return None
    user = db.session.scalar(select(User).where(User.username == clean(username).lower()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.active or not check_password_hash(user.password_hash, password):
        return None
    return user


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == clean(username).lower()))
