"""A plan's commendation rounds (đợt khen thưởng), made from its body when it is issued."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow
from .user import User


class Round(db.Model):
    """One round of an issued plan: its name, the deadline for proposals, and its target groups
    ([{"name", "kind", "criteria": [...], "awards": [...]}], as the plan's body had them). While
    the plan is a draft its body is the source; from its issue, these rows (their ids are what a
    proposal cites: documents.round_id)."""
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)          # its order in the plan, from 0
    key: Mapped[str] = mapped_column(String(64))            # "so-ket-2025", unique in its plan
    name: Mapped[str] = mapped_column(String(300))          # "Sơ kết giai đoạn 2023 - 2025"
    proposals_due: Mapped[date] = mapped_column(Date)       # the last day (local) for proposals
    groups: Mapped[list] = mapped_column(JSON, default=list)
    # The council's meeting for the round and its vote on each nominee (services/council.py):
    # {"meeting": Meeting.to_json(), "members", "present", "results": [...], "recorded_by",
    # "recorded_at"}; None until one is recorded.
    council: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class RoundReminder(db.Model):
    """A reminder to propose ("Nhắc nộp hồ sơ") sent for a round to one body below its plan's
    issuer or one unit of the issuer: when, by whom (none: the scheduled `flask rounds remind`),
    and to how many users. At most one per round, addressee and local day (`sent_on`)."""
    __tablename__ = "round_reminders"
    __table_args__ = (UniqueConstraint("round_id", "addressee", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    addressee: Mapped[str] = mapped_column(String(40))      # "org-5" (a body below) or "unit-3" (a unit)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    sent_on: Mapped[date] = mapped_column(Date)              # the local day it was sent
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recipients: Mapped[int] = mapped_column(Integer, default=0)   # users told

    sent_by: Mapped[User | None] = relationship()
