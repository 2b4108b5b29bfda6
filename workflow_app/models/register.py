"""Outgoing registers (sổ đăng ký văn bản đi): counters and their rows."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class NumberRegister(db.Model):
    """The last number given in one series of one body in one year. Locked while allocating."""
    __tablename__ = "number_registers"
    __table_args__ = (UniqueConstraint("organization_id", "year", "series"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    series: Mapped[str] = mapped_column(String(20))      # "KH", "QĐ", or "*" for a shared series
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class RegisterEntry(db.Model):
    """One row of the outgoing register: a number given to an issued document."""
    __tablename__ = "register_entries"
    # The number itself is unique in a body's year, whatever series gave it (a scheme change
    # must never issue "01/KH-UBND" twice); (series, seq) keeps each series gap-free.
    __table_args__ = (UniqueConstraint("organization_id", "year", "series", "seq"),
                      UniqueConstraint("organization_id", "year", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    series: Mapped[str] = mapped_column(String(20))
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))        # "67/KH-UBND"
    type_abbr: Mapped[str] = mapped_column(String(10))     # "KH"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))       # "issued" | "proposal"
    issued_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    signer: Mapped[str] = mapped_column(String(200), default="")
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # set when the document was cancelled (Hủy): the number stays taken but is marked unused
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    document: Mapped["Document"] = relationship(back_populates="register_entries")  # noqa: F821
