"""Documents (plans and commendation proposals) and the nominees of a proposal."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..domain.text import fold
from ..extensions import db
from .organization import Organization, Unit
from .round import Round
from .types import UTCDateTime, utcnow
from .user import User


class Document(db.Model):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_org_state_kind", "organization_id", "state", "kind"),
        Index("ix_documents_owner_state", "owner_organization_id", "state"),
        Index("ix_documents_creator_state", "created_by_id", "state"),
        Index("ix_documents_updated_at_id", "updated_at", "id"),  # newest-first pages
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))          # a registered kind (domain/kinds.py)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # The issuer: the body that reviews, approves and issues it (UBND huyện) ...
    issuer_id: Mapped[int] = mapped_column("organization_id", ForeignKey("organizations.id"))
    # ... and the proposer: the body whose drafters write it (the issuer itself for a plan, the
    # commune for a proposal). The columns keep their first names (organization_id, ...).
    proposer_id: Mapped[int] = mapped_column("owner_organization_id", ForeignKey("organizations.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(Text)
    # The folded words a search finds (services/documents.py search_key): title, numbers, nominees'
    # names, body text. Full-text indexed by the database (services/full_text.py).
    search_text: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[dict] = mapped_column(JSON, default=dict)
    signer_name: Mapped[str | None] = mapped_column(String(120))
    signer_position: Mapped[str | None] = mapped_column(String(120))
    signer_form: Mapped[str | None] = mapped_column(String(8))   # "", "TM", "KT", "Q", "TL", "TUQ"
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Who signed the proposer's Tờ trình at `submit` (its body's Chủ tịch, KT. a Phó Chủ tịch; a
    # plan's unit head), as its Tờ trình, its register row and later papers print it.
    proposal_signer_name: Mapped[str | None] = mapped_column(String(120))
    proposal_signer_position: Mapped[str | None] = mapped_column(String(120))
    proposal_signer_form: Mapped[str | None] = mapped_column(String(8))   # "", "KT", "Q", "TL", "TUQ"
    issued_on: Mapped[date | None] = mapped_column(Date)
    ever_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The round a proposal answers (rounds.id; no foreign key: rounds refer to their plan, and a
    # cycle of keys would leave no order to delete or restore the two tables in), and whether it
    # was submitted after that round's deadline for proposals.
    round_id: Mapped[int | None] = mapped_column(Integer, index=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The round's decision a reviewed proposal was taken into (documents.id of that decision; no
    # foreign key, as round_id), or None: not yet in one (services/round_decisions.py).
    decision_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The review meeting its Biên bản records (domain/meeting.py Meeting.to_json), set by the
    # review step's "meeting" field; None: no meeting recorded.
    meeting: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Optimistic locking: every UPDATE says `WHERE version = ?`, so of two concurrent
    # transitions exactly one finds its row and the other raises StaleDataError.
    __mapper_args__ = {"version_id_col": version}

    issuer: Mapped[Organization] = relationship(foreign_keys=[issuer_id])
    proposer: Mapped[Organization] = relationship(foreign_keys=[proposer_id])
    unit: Mapped[Unit | None] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    nominees: Mapped[list[Nominee]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Nominee.order")
    events: Mapped[list["WorkflowEvent"]] = relationship(  # noqa: F821
        back_populates="document", order_by="WorkflowEvent.id", cascade="all, delete-orphan")
    files: Mapped[list["GeneratedFile"]] = relationship(  # noqa: F821
        back_populates="document", order_by="GeneratedFile.id", cascade="all, delete-orphan")
    register_entries: Mapped[list["RegisterEntry"]] = relationship(  # noqa: F821
        back_populates="document", order_by="RegisterEntry.id")
    # A plan's rounds, made at its issue (DocumentKind.declares_rounds) ...
    rounds: Mapped[list[Round]] = relationship(
        order_by=Round.position, cascade="all, delete-orphan", passive_deletes=True)
    # ... and the round a proposal answers (DocumentKind.answers_rounds).
    round: Mapped[Round | None] = relationship(
        primaryjoin="foreign(Document.round_id) == Round.id", viewonly=True)

    def _entry(self, purpose: str):
        return next((e for e in self.register_entries if e.purpose == purpose), None)

    @property
    def number_entry(self):
        """The issuer's register row: the document's own number (`67/KH-UBND`)."""
        return self._entry("issued")

    @property
    def proposal_entry(self):
        """The proposing body's register row for its Tờ trình (commendations only)."""
        return self._entry("proposal")

    @property
    def number(self) -> str | None:
        entry = self.number_entry
        return entry.number if entry else None

    @property
    def listed_title(self) -> str:
        """The trích yếu lists show: once issued, the one its number was registered under (a
        proposal is issued as its decision, "Về việc tặng …"); before, the draft's title."""
        entry = self.number_entry
        return entry.title if entry is not None and entry.title else self.title

    @property
    def listed_by(self) -> Organization:
        """The body lists name: once issued, the issuer (the district that decided); before, the
        proposer (the commune whose Tờ trình it is)."""
        return self.issuer if self.number_entry is not None else self.proposer

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.kind} {self.state}>"


class Nominee(db.Model):
    """One person or collective proposed for an award, and the reviewer's decision on it."""
    __tablename__ = "nominees"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    order: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))          # "individual" | "collective" | "household"
    full_name: Mapped[str] = mapped_column(String(200))
    # full_name folded (domain/text.fold: no diacritics, lower case, single spaces), kept by the
    # validator below: what finds a person's awards (services/awards.py) and the same nominee
    # elsewhere (services/nominee_checks.py) by an indexed column, not by folding rows in Python.
    name_key: Mapped[str] = mapped_column(String(200), default="", server_default="", index=True)
    # Số CCCD (12 digits) of an individual, optional; "" when not given and always for collectives
    # and households. It tells two people of one name apart; no document prints it.
    citizen_id: Mapped[str] = mapped_column(String(12), default="", server_default="", index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(300), default="")
    gender: Mapped[str] = mapped_column(String(10), default="")   # "", "male", "female"
    award: Mapped[str] = mapped_column(String(64))
    achievement: Mapped[str] = mapped_column(Text, default="")
    review_status: Mapped[str] = mapped_column(String(20), default="pending")
    review_note: Mapped[str] = mapped_column(Text, default="")
    votes_for: Mapped[int | None] = mapped_column(Integer, nullable=True)     # the review meeting's
    votes_total: Mapped[int | None] = mapped_column(Integer, nullable=True)   # vote, if one was taken
    gold_book_number: Mapped[str] = mapped_column(String(40), default="")
    # On a round decision's copy of a nominee: the proposal it came from (documents.id), whose
    # proposing body its Danh sách row names; None on a proposal's own nominees.
    proposal_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    document: Mapped[Document] = relationship(back_populates="nominees")

    @validates("full_name")
    def _keep_name_key(self, _key, value):
        self.name_key = fold(value)[:200]
        return value


class DocumentEditor(db.Model):
    """Who wrote a document's content: its creator and everyone who saved an edit of the draft
    (services/duties.py records them). Separation of duties reads it: none of them may approve it."""
    __tablename__ = "document_editors"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)

    # No collection on Document: nothing reads a document's editors but the duties check (one
    # EXISTS), and deleting a draft removes them in the database (ON DELETE CASCADE).
    document: Mapped[Document] = relationship()
