"""The review history (append-only) and the files each step generated (never rewritten)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, deferred, mapped_column, object_session, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow
from .user import User


class WorkflowEvent(db.Model):
    """One fired transition, as Plone's review_history records it."""
    __tablename__ = "workflow_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    transition: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer)   # the document's version after the step
    # The duties the actor had already held on the document ("authors submitter", names from
    # domain/workflows/duties.py) that their body's allow_combined_duties let them combine with
    # this step; "" for a step taken by someone else, as separation of duties wants.
    combined_duties: Mapped[str] = mapped_column(String(64), default="", server_default="")

    document: Mapped["Document"] = relationship(back_populates="events")  # noqa: F821
    actor: Mapped[User] = relationship()
    files: Mapped[list[GeneratedFile]] = relationship(back_populates="event", order_by="GeneratedFile.id")


class GeneratedFile(db.Model):
    """A .docx produced by a step. Bytes live in the database so app servers stay stateless."""
    __tablename__ = "generated_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("workflow_events.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))             # the state the step led to
    template_name: Mapped[str] = mapped_column(String(64))
    template_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A file made for one body only (a round decision's certificates of one proposing body): that
    # body may download it besides the issuer (services/files.py); None: for everyone who sees the step.
    for_organization_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    document: Mapped["Document"] = relationship(back_populates="files")  # noqa: F821
    event: Mapped[WorkflowEvent] = relationship(back_populates="files")


def _refuse_update(mapper, connection, target):
    # before_update also fires when only a collection changed (a file added to an event).
    if object_session(target).is_modified(target, include_collections=False):
        raise PermissionError(f"{type(target).__name__} rows are append-only")


def _refuse_delete(mapper, connection, target):
    raise PermissionError(f"{type(target).__name__} rows are append-only")


# History and generated files are evidence: the ORM refuses to alter or remove them
# (deleting a never-submitted draft cascades in the database, not through the ORM).
for _model in (WorkflowEvent, GeneratedFile):
    event.listen(_model, "before_update", _refuse_update)
    event.listen(_model, "before_delete", _refuse_delete)
