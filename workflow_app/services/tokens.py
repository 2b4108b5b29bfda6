"""Sign-in keys: API bearer tokens and browser sessions, issued at sign-in, stored only as a
SHA-256 hash, valid for a fixed time, and ended server-side by deleting their row (sign-out,
DELETE /api/v1/auth/token, a password change or deactivation: `revoke`, `revoke_all`).

A token is 256 random bits, so a fast unsalted hash is enough: nobody can guess a
preimage, and a leaked table gives no usable token.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ApiToken, User

API, BROWSER = "api", "browser"   # ApiToken.kind: a key of one kind never works as the other
TOKEN_LIFETIME = timedelta(hours=12)
BROWSER_SESSION_LIFETIME = timedelta(hours=12)   # a working day; then sign in again
MAX_TOKEN_LENGTH = 200   # anything longer is not one of ours; no need to hash it
# Every API call reads the caller's roles and organization (authorization, visibility):
# one query with the token instead of four.
_WITH_USER = joinedload(ApiToken.user).options(joinedload(User.organization), joinedload(User.role_rows))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def issue(user: User, lifetime: timedelta | None = None, now: datetime | None = None,
          kind: str = API) -> tuple[str, datetime]:
    """A new key of `kind` for `user` and when it expires. The plaintext is returned once, never stored."""
    now = now or datetime.now(timezone.utc)
    lifetime = lifetime or (BROWSER_SESSION_LIFETIME if kind == BROWSER else TOKEN_LIFETIME)
    token = secrets.token_urlsafe(32)
    expires_at = now + lifetime
    # Sweep this user's expired tokens so the table stays the size of the live ones.
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id, ApiToken.expires_at <= now))
    db.session.add(ApiToken(user_id=user.id, kind=kind, token_hash=_digest(token), created_at=now,
                            expires_at=expires_at))
    db.session.commit()
    return token, expires_at


def _well_formed(token) -> bool:
    return isinstance(token, str) and bool(token) and len(token) <= MAX_TOKEN_LENGTH and token.isascii()


def user_for(token, now: datetime | None = None, kind: str = API) -> User | None:
    """The active user a live key of `kind` belongs to, or None (unknown, expired, revoked, or a
    deactivated user)."""
    if not _well_formed(token):
        return None
    now = now or datetime.now(timezone.utc)
    row = db.session.scalars(select(ApiToken).where(ApiToken.token_hash == _digest(token),
                                                    ApiToken.kind == kind)
                             .options(_WITH_USER)).unique().first()
    if row is None or row.expires_at <= now or not row.user.active:
        return None
    return row.user


def browser_user(key) -> User | None:
    """Flask-Login's user loader: the user of a live browser sign-in, carrying its key."""
    user = user_for(key, kind=BROWSER)
    if user is not None:
        user.browser_key = key
    return user


def revoke(token, kind: str = API) -> None:
    """End one sign-in (sign-out, DELETE /api/v1/auth/token); commits."""
    if _well_formed(token):
        db.session.execute(delete(ApiToken).where(ApiToken.token_hash == _digest(token),
                                                  ApiToken.kind == kind))
    db.session.commit()


def revoke_all(user: User) -> None:
    """End every sign-in of `user`, browser and API alike. No commit: it belongs to the caller's
    change (a new password, a deactivation), which commits both at once."""
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))

