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


def create_user(username: str, password: str, *, full_name: str, organization: Organization,
                roles: list[str], position: str = "", unit: Unit | None = None, email: str = "") -> User:
    username = clean(username).lower()
    if not username or len(username) > 64:
        raise ValidationFailed("Tên đăng nhập không hợp lệ.", {"username": "1–64 ký tự."})
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise ValidationFailed("Tên đăng nhập đã có.", {"username": "Đã được dùng."})
    bad = sorted(set(roles) - set(ROLES))
    if bad:
        raise ValidationFailed("Vai trò không hợp lệ.", {"roles": ", ".join(bad)})
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
