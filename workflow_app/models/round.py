"""A plan's commendation rounds (đợt khen thưởng), made from its body when it is issued."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


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
