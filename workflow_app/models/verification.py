"""The codes the QR on issued PDFs carries (services/verification.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class VerificationCode(db.Model):
    """A random code printed (as a QR to /xac-thuc/<code>) on a PDF of a document: the issued
    file's PDF rendition, or the PDF the approver signs. It names the document, so the page shows
    the newest issued PDF of that document (the signed one once there is one); `file_id`, when
    set, is the generated file whose PDF rendition carries it."""
    __tablename__ = "verification_codes"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("generated_files.id", ondelete="CASCADE"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
