"""How many documents share each combination of the columns that decide who sees them.

The visible and actionable clauses (services/scope.py) read only kind, state, the two bodies,
the unit and the creator, so the same clause over this table, summed, is the exact number of
documents it matches: a list's `total` costs O(combinations), not O(documents).

Database triggers keep it, so every writer does: the ORM, bulk inserts, a restore. It is
derived data: backups leave it out and the triggers rebuild it as the documents come back.
Two first inserts of one combination racing on PostgreSQL may leave two rows; sums do not mind.
"""
from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class DocumentCount(db.Model):
    __tablename__ = "document_counts"
    __table_args__ = (
        Index("ix_document_counts_created_by_id_state_kind", "created_by_id", "state", "kind"),
        {"info": {"derived": True}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    issuer_id: Mapped[int] = mapped_column("organization_id", Integer)           # as Document's
    proposer_id: Mapped[int] = mapped_column("owner_organization_id", Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)


# The triggers that keep it live in the migrations only (b5d2e8c41f07_document_counts.py made
# them). Every schema is built by the migrations, the tests' too: create_all() would make this
# table without its triggers.
