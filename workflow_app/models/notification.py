"""Notices: what changed for a user (submitted to them, returned to them, issued), and its e-mail."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .document import Document
from .history import WorkflowEvent
from .types import UTCDateTime, utcnow
from .user import User

# email_state: no e-mail for this notice (mail off, no address, the user opted out), waiting to
# be sent, sent, or failed (tried `email_attempts` times; `flask notices send` tries again).
MAIL_NONE, MAIL_PENDING, MAIL_SENT, MAIL_FAILED = "none", "pending", "sent", "failed"


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_id_id", "user_id", "id"),              # a user's notices, newest first
        Index("ix_notifications_user_id_read_at", "user_id", "read_at"),    # the unread count
        Index("ix_notifications_email_state", "email_state"),               # the mail still to send
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    # the step that caused it; none for a notice no step causes (a round's deadline, to come)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("workflow_events.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))   # domain/notices.py: awaiting, returned, issued
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_state: Mapped[str] = mapped_column(String(10), default=MAIL_NONE)
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_error: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship()
    document: Mapped[Document] = relationship()
    event: Mapped[WorkflowEvent | None] = relationship()
