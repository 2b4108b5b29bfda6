"""Idempotency keys: the first answer to a request sent with `Idempotency-Key`, kept 24 hours."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class IdempotencyKey(db.Model):
    """Written in the same transaction as the step it answers (services/idempotency.py), so a
    committed step always has its answer here. The row is inserted first, before the step:
    a concurrent request with the same key waits on the unique (user, key) and then replays."""
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    fingerprint: Mapped[str] = mapped_column(String(64))   # sha256 of method, path and JSON body
    status: Mapped[int | None] = mapped_column(Integer)    # set with the answer, before the commit
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
