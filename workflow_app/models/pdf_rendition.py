"""The PDF made of a generated .docx, outside the request (services/pdf_renditions.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

PENDING, READY, FAILED = "pending", "ready", "failed"


class PdfRendition(db.Model):
    """One per generated file once its PDF is asked for: pending → ready, or failed after the
    last attempt. Bytes live in the database, as the .docx's do, so workers and app servers on
    other machines share them through PostgreSQL alone.

    A worker claims a pending row by setting `started_at` (a lease: a worker that died holding it
    is replaced once the lease runs out); `not_before` holds back the next attempt after a failure.

    A file that is itself a PDF (a signed PDF, issue 16) has a row too, for its preview's pages: no
    conversion, `content` stays empty (the file's bytes are the PDF), `sha256` is the file's."""
    __tablename__ = "pdf_renditions"

    file_id: Mapped[int] = mapped_column(ForeignKey("generated_files.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default=PENDING, index=True)
    pdfa: Mapped[bool] = mapped_column(default=False)          # PDF/A-2b (issued files)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)   # /verify finds it
    size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    converter: Mapped[str] = mapped_column(String(20), default="")   # "unoserver" or "soffice"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PdfPageImage(db.Model):
    """A page of a rendition's PDF as a PNG at one width (services/page_images.py): what the
    document and step pages show, so that people decide on the pages as they will be signed.
    `pdf_sha256` is the PDF it was made from: an image of another PDF is stale and made again."""
    __tablename__ = "pdf_page_images"

    file_id: Mapped[int] = mapped_column(ForeignKey("pdf_renditions.file_id", ondelete="CASCADE"),
                                         primary_key=True)
    width: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    page: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
