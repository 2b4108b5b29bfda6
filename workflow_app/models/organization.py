"""Issuing bodies (UBND huyện, UBND xã) and their units (phòng, văn phòng)."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class Organization(db.Model):
    """An issuing body. Everything that differs by place or year is a column here, not code."""
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))              # "Ủy ban nhân dân huyện Càng Long"
    name_lines: Mapped[list] = mapped_column(JSON)              # ["ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG"]
    parent_line: Mapped[str] = mapped_column(String(200), default="")  # "UBND TỈNH TRÀ VINH"
    place_name: Mapped[str] = mapped_column(String(100))        # "Càng Long"
    abbreviation: Mapped[str] = mapped_column(String(20))       # "UBND"
    collective: Mapped[bool] = mapped_column(Boolean, default=True)
    collective_title: Mapped[str] = mapped_column(String(100), default="Ủy ban nhân dân")
    head_title: Mapped[str] = mapped_column(String(100), default="Chủ tịch")
    deputy_title: Mapped[str] = mapped_column(String(100), default="Phó Chủ tịch")
    address: Mapped[str] = mapped_column(String(300), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    # "per_type": one series per document type (67/KH-UBND beside 1234/QĐ-UBND); "shared": one for all.
    numbering_scheme: Mapped[str] = mapped_column(String(20), default="per_type")
    # Standing "Căn cứ" lines for decisions and proposals, each with the days it is in force:
    # [{"text", "in_force_from", "in_force_until"}] (ISO dates or null; domain/legal_bases.py)
    legal_bases: Mapped[list] = mapped_column(JSON, default=list)
    awards: Mapped[list] = mapped_column(JSON, default=list)        # [{"code": ..., "label": ...}]
    # "tinh", "huyen", "xa", "co_quan" (domain/council.py LEVELS) or None: which awards of the list
    # it may give when an award says "given_by"
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Separation of duties (domain/workflows/duties.py) relaxed: a small body where one person must
    # both write and approve, or sign and issue. Each step it lets through says so in the history.
    allow_combined_duties: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Issue 16: the body signs digitally. Its approvers sign the approved PDF with their own key
    # (approve asks for their PIN) and its văn thư signs the issued one with the body's seal.
    signs_digitally: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    parent: Mapped[Organization | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Organization]] = relationship(back_populates="parent")
    units: Mapped[list[Unit]] = relationship(back_populates="organization", order_by="Unit.id")

    def __repr__(self) -> str:
        return f"<Organization {self.code}>"


class Unit(db.Model):
    """A unit of a body; its abbreviation closes the recipients: `Lưu: VT, NV.`"""
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    abbreviation: Mapped[str] = mapped_column(String(20))

    organization: Mapped[Organization] = relationship(back_populates="units")
