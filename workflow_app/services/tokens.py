"""API bearer tokens: issued at sign-in, stored only as a SHA-256 hash, valid for a fixed time.

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

TOKEN_LIFETIME = timedelta(hours=12)
MAX_TOKEN_LENGTH = 200   # anything longer is not one of ours; no need to hash it
# Every API call reads the caller's roles and organization (authorization, visibility):
# one query with the token instead of four.
_WITH_USER = joinedload(ApiToken.user).options(joinedload(User.organization), joinedload(User.role_rows))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def issue(user: User, lifetime: timedelta = TOKEN_LIFETIME,
          now: datetime | None = None) -> tuple[str, datetime]:
    """A new token for `user` and when it expires. The plaintext is returned once, never stored."""
    now = now or datetime.now(timezone.utc)
    token = secrets.token_urlsafe(32)
    expires_at = now + lifetime
    # Sweep this user's expired tokens so the table stays the size of the live ones.
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id, ApiToken.expires_at <= now))
    db.session.add(ApiToken(user_id=user.id, token_hash=_digest(token), created_at=now,
                            expires_at=expires_at))
    db.session.commit()
    return token, expires_at


def user_for(token, now: datetime | None = None) -> User | None:
    """The active user a live token belongs to, or None (unknown, expired, or a deactivated user)."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        return None
    now = now or datetime.now(timezone.utc)
    row = db.session.scalars(select(ApiToken).where(ApiToken.token_hash == _digest(token))
                             .options(_WITH_USER)).unique().first()
    if row is None or row.expires_at <= now or not row.user.active:
        return None
    return row.user

