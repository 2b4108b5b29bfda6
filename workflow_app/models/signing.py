"""Signing keys and the PAdES signatures made with them (issue 16: sign what you see)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, true
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

PERSONAL, SEAL, TRUST_ROOT = "personal", "seal", "trust_root"


class SigningCredential(db.Model):
    """A certificate and, except for a trust root, its key as a PKCS#12 file, kept encrypted:

    * "personal": a user's own key (an approver's), the PKCS#12 exactly as uploaded, protected by
      the user's PIN, which is never stored: it opens the key at signing time only;
    * "seal": a body's organisation key (its digital seal), which the văn thư signs with at issue:
      the PKCS#12 re-encrypted with a passphrase derived from the server's secret (SIGNING_SEAL_SECRET,
      or SECRET_KEY), as a server-held seal would be in an HSM;
    * "trust_root": a CA certificate whose certificates are trusted when validating (no key).

    One active credential per user (personal) and per body (seal); an upload replaces the old one
    (kept, inactive: the signatures made with it still name it)."""
    __tablename__ = "signing_credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(12), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    pkcs12: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))
    certificate: Mapped[bytes] = mapped_column(LargeBinary)        # DER
    subject: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200))
    serial: Mapped[str] = mapped_column(String(64))
    cert_sha256: Mapped[str] = mapped_column(String(64), index=True)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DocumentSignature(db.Model):
    """A signature put on a document's PDF by a step: the approver's at approve, the body's seal at
    issue. The signed PDF is the step's generated file `file_id`."""
    __tablename__ = "document_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("workflow_events.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("generated_files.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))            # "approver" | "organization"
    signer: Mapped[str] = mapped_column(String(200))         # the certificate's name
    cert_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    file = relationship("GeneratedFile")
