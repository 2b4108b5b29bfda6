"""Verification anyone can do (issue 16, point 5): is this file one the system issued, and do its
signatures hold?

A file is found by its sha256 among the stored issued artefacts. ARTEFACT_LOOKUPS lists where to
look, in order; each takes a lower-case hex sha256 and answers an Artefact or None:

* every generated file of the issued step of an issued document (the .docx; and the signed PDFs,
  which the signing work stores as generated files too: a file whose bytes are a PDF has its
  signatures read);
* the PDF rendition (PDF/A-2b, with the verification QR) of such a file.

Another store of issued artefacts adds its own lookup with `register_artefact_lookup(fn)`.

The QR on an issued PDF leads to /xac-thuc/<code>: a random code kept in verification_codes with
the document (and the file whose PDF carries it) when the PDF is made; the file's hash cannot be
in it, as the QR changes the hash. A random code rather than the document id and number: codes
cannot be counted through to list every issued document, and they can be printed before the
document has a number (the approver signs before the number is given). The page shows the
newest issued PDF of the document, so the QR of a PDF that was then signed leads to the signed one.

Trust roots for the signatures: SIGNING_TRUST_ROOTS (paths of PEM files of CA certificates, a
list or a string separated by os.pathsep), plus whatever the providers registered with
`add_trust_root_provider(app, fn)` give (fn() → certificates as PEM or DER bytes, asn1crypto or
cryptography objects): the signing work's demo CA feeds its root this way.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from flask import Flask, current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Document, GeneratedFile, PdfRendition, VerificationCode
from ..models.pdf_rendition import READY
from . import pdf_verification
from .notices import link

log = logging.getLogger(__name__)

ISSUED = "issued"
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")
_CODE = re.compile(r"[A-Za-z0-9_-]{8,32}")
CODE_BYTES = 12   # 16 characters of base64url: 96 random bits, a small QR

NOT_ISSUED = "Tệp không phải là tệp do hệ thống ban hành (không khớp tệp văn bản đã ban hành nào)."
CHANGED_AFTER_ISSUE = ("Tệp là văn bản đã ban hành nhưng " + pdf_verification.ALTERED
                       + ": nội dung đã được thêm vào sau chữ ký.")


@dataclass(frozen=True)
class Artefact:
    document: Document
    file_id: int
    load: Callable[[], bytes | None]   # the bytes, read only when needed (signatures)
    is_pdf: bool


@dataclass
class Report:
    authentic: bool
    document: Document | None = None
    signatures: list[pdf_verification.SignatureCheck] | None = None   # None: not a PDF (a .docx)
    reasons: list[str] = field(default_factory=list)
    altered: bool = False
    sha256: str | None = None

    @property
    def number(self) -> str | None:
        return self.document.number if self.document is not None else None

    @property
    def issued_on(self) -> date | None:
        return self.document.issued_on if self.document is not None else None

    @property
    def organization(self) -> str | None:
        return self.document.issuer.name if self.document is not None else None

    @property
    def title(self) -> str | None:
        """The trích yếu it was issued under (a proposal is issued as its decision: "Về việc tặng …")."""
        return self.document.listed_title if self.document is not None else None


# --- where issued artefacts are --------------------------------------------------------------

def _issued_generated_file(sha256: str) -> Artefact | None:
    row = db.session.execute(
        select(GeneratedFile.id, Document)
        .join(Document, GeneratedFile.document_id == Document.id)
        .where(GeneratedFile.sha256 == sha256, GeneratedFile.step == ISSUED, Document.state == ISSUED)
        .order_by(GeneratedFile.id.desc()).limit(1)).first()
    if row is None:
        return None
    file_id, document = row
    content = _file_content(file_id)
    return Artefact(document, file_id, lambda: content, pdf_verification.looks_like_pdf(content or b""))


def _file_content(file_id: int) -> bytes | None:
    return db.session.scalar(select(GeneratedFile.content).where(GeneratedFile.id == file_id))


def _issued_rendition(sha256: str) -> Artefact | None:
    row = db.session.execute(
        select(PdfRendition.file_id, Document)
        .join(GeneratedFile, PdfRendition.file_id == GeneratedFile.id)
        .join(Document, GeneratedFile.document_id == Document.id)
        .where(PdfRendition.sha256 == sha256, PdfRendition.status == READY,
               PdfRendition.content.is_not(None),   # a signed PDF's row keeps no bytes: the file answers
               GeneratedFile.step == ISSUED, Document.state == ISSUED)
        .limit(1)).first()
    if row is None:
        return None
    file_id, document = row
    return Artefact(document, file_id, lambda: _rendition_content(file_id), True)


def _rendition_content(file_id: int) -> bytes | None:
    return db.session.scalar(select(PdfRendition.content).where(PdfRendition.file_id == file_id))


ARTEFACT_LOOKUPS: list[Callable[[str], Artefact | None]] = [_issued_generated_file, _issued_rendition]


def register_artefact_lookup(lookup: Callable[[str], Artefact | None]) -> None:
    """Another store of issued artefacts (by sha256), tried after those above."""
    if lookup not in ARTEFACT_LOOKUPS:
        ARTEFACT_LOOKUPS.append(lookup)


def find_artefact(sha256: str) -> Artefact | None:
    if not isinstance(sha256, str) or not _HEX_DIGEST.fullmatch(sha256):
        return None   # also keeps NUL bytes away from PostgreSQL, which refuses them with an error
    digest = sha256.lower()
    for lookup in ARTEFACT_LOOKUPS:
        found = lookup(digest)
        if found is not None:
            return found
    return None


# --- trust roots -----------------------------------------------------------------------------

def add_trust_root_provider(app: Flask, provider: Callable[[], list]) -> None:
    """`provider()` gives CA certificates whose signers the verification trusts (the signing
    work's demo CA, a root fetched from elsewhere); called at each verification."""
    providers = app.extensions.setdefault("verification_trust_roots", [])
    if provider not in providers:
        providers.append(provider)


def _configured_paths() -> list[str]:
    value = current_app.config.get("SIGNING_TRUST_ROOTS") or []
    if isinstance(value, str):
        value = value.split(os.pathsep)
    return [p for p in (str(v).strip() for v in value) if p]


def _as_asn1(cert) -> list:
    from asn1crypto import pem, x509
    if isinstance(cert, x509.Certificate):
        return [cert]
    if hasattr(cert, "public_bytes"):   # a cryptography certificate
        from cryptography.hazmat.primitives.serialization import Encoding
        return [x509.Certificate.load(cert.public_bytes(Encoding.DER))]
    if isinstance(cert, str):
        cert = cert.encode("ascii")
    if pem.detect(cert):
        return [x509.Certificate.load(der) for _, _, der in pem.unarmor(cert, multiple=True)]
    return [x509.Certificate.load(cert)]


def trust_roots() -> list:
    roots: list = []
    for path in _configured_paths():
        try:
            with open(path, "rb") as f:
                roots += _as_asn1(f.read())
        except (OSError, ValueError) as exc:
            log.error("SIGNING_TRUST_ROOTS: cannot read %s: %s", path, exc)
    for provider in current_app.extensions.get("verification_trust_roots", []):
        try:
            for cert in provider() or []:
                roots += _as_asn1(cert)
        except Exception:
            log.exception("a trust root provider failed")
    return roots


# --- reports ---------------------------------------------------------------------------------

def _check(data: bytes) -> pdf_verification.PdfCheck:
    return pdf_verification.check_signatures(
        data, trust_roots(), deadline=float(current_app.config.get("VERIFY_TIME_BUDGET", 20)),
        max_signatures=int(current_app.config.get("VERIFY_MAX_SIGNATURES", pdf_verification.MAX_SIGNATURES)))


def _signature_reasons(check: pdf_verification.PdfCheck) -> list[str]:
    return check.reasons + [reason for s in check.signatures for reason in s.reasons]


def _why(check: pdf_verification.PdfCheck | None, issued: bool) -> str:
    """Why a verification failed, in a few words for the log (the reasons shown are long)."""
    if check is None:
        return "not_a_pdf"
    words = [] if issued else ["not_issued"]
    if pdf_verification.UNREADABLE in check.reasons:
        words.append("unreadable")
    elif not check.complete:
        words.append("not_all_checked")
    if check.altered:
        words.append("altered")
    if any(s.intact and not s.trusted for s in check.signatures):
        words.append("untrusted")
    if any(s.intact and s.trusted and not s.altered and not s.valid for s in check.signatures):
        words.append("invalid_signature")
    return ",".join(words) or "invalid"


def _log_failure(why: str, sha256: str, size: int) -> None:
    """One short line per verification that fails: anyone may upload, so never a traceback or
    the file's contents (pyHanko's own records are dropped while it checks: pdf_verification)."""
    log.info("verification failed: %s; sha256=%s size=%d", why, sha256, size)


def report_for_artefact(found: Artefact, sha256: str | None = None) -> Report:
    """What a stored issued artefact says of itself (a .docx: only that it was issued)."""
    if not found.is_pdf:
        return Report(authentic=True, document=found.document, sha256=sha256)
    data = found.load()
    if data is None:
        return Report(authentic=True, document=found.document, signatures=[], sha256=sha256)
    check = _check(data)
    report = Report(authentic=check.all_valid, document=found.document, signatures=check.signatures,
                    reasons=_signature_reasons(check), altered=check.altered,
                    sha256=sha256 or hashlib.sha256(data).hexdigest())
    if not report.authentic:
        _log_failure(_why(check, issued=True), report.sha256, len(data))
    return report


def report_for_hash(sha256: str) -> Report | None:
    """The report of an issued artefact by its hash; None when no issued artefact has it."""
    found = find_artefact(sha256)
    return None if found is None else report_for_artefact(found, sha256.lower())


def report_for_pdf(data: bytes) -> Report:
    """The report of a PDF someone holds. Raises pdf_verification.NotAPdf for bytes that are no PDF.

    Authentic only when the very bytes are an issued artefact and every signature validates. A
    file that is an issued, signed one with something added after a signature is named (its
    number, its title) and said to be changed."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        check = _check(data)   # raises NotAPdf first, whatever the hash
    except pdf_verification.NotAPdf:
        _log_failure(_why(None, issued=False), digest, len(data))
        raise
    found = find_artefact(digest)
    reasons = _signature_reasons(check)
    if found is not None:
        if not check.all_valid:
            _log_failure(_why(check, issued=True), digest, len(data))
        return Report(authentic=check.all_valid, document=found.document, signatures=check.signatures,
                      reasons=reasons, altered=check.altered, sha256=digest)
    document = None
    for signature in check.signatures:   # the file as it was when signed: a prefix of these bytes
        if signature.covered_sha256 and signature.covered_sha256 != digest:
            earlier = find_artefact(signature.covered_sha256)
            if earlier is not None:
                document = earlier.document
    if document is not None:
        reasons = [CHANGED_AFTER_ISSUE] + reasons
    else:
        reasons = [NOT_ISSUED] + reasons
    _log_failure(_why(check, issued=False) + (",changed_after_issue" if document is not None else ""),
                 digest, len(data))
    return Report(authentic=False, document=document, signatures=check.signatures, reasons=reasons,
                  altered=check.altered or document is not None, sha256=digest)


# --- the verification code the QR carries ----------------------------------------------------

def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def verification_url(code: str) -> str:
    return link("verification.by_code", code=code)


def is_code(value: str) -> bool:
    return isinstance(value, str) and bool(_CODE.fullmatch(value))


def record_code(code: str, document_id: int, file_id: int | None = None) -> VerificationCode:
    """Keep the code a QR carries (added to the session: committed with the PDF that carries it).
    The signing work, which makes the PDF the approver signs, does the same before stamping it:
    `code = new_code(); pdf = add_verification_qr(pdf, verification_url(code)); record_code(code, id)`."""
    row = VerificationCode(code=code, document_id=document_id, file_id=file_id)
    db.session.add(row)
    return row


def report_for_code(code: str) -> Report | None:
    """The report for the document whose PDF carries the QR of `code`: its newest issued PDF (the
    signed one stored as a generated file of the issued step, once there is one; else the PDF
    rendition of its issued file). None for an unknown code or a document not (or no longer) issued."""
    if not is_code(code):
        return None
    row = db.session.execute(
        select(VerificationCode.file_id, Document)
        .join(Document, VerificationCode.document_id == Document.id)
        .where(VerificationCode.code == code, Document.state == ISSUED)).first()
    if row is None:
        return None
    file_id, document = row
    # The newest issued PDF (the signed one) by its name, as the downloads tell a PDF
    # (services/files.py): only its bytes are read, not every issued file's (a round's decision
    # has a certificates file and a Thông báo per proposing body).
    signed = db.session.execute(
        select(GeneratedFile.id, GeneratedFile.sha256, GeneratedFile.content)
        .where(GeneratedFile.document_id == document.id, GeneratedFile.step == ISSUED,
               GeneratedFile.file_name.ilike("%.pdf"))
        .order_by(GeneratedFile.id.desc()).limit(1)).first()
    if signed is not None and pdf_verification.looks_like_pdf(signed.content or b""):
        content = signed.content
        return report_for_artefact(Artefact(document, signed.id, lambda: content, True), signed.sha256)
    ids = [file_id] if file_id is not None else list(db.session.scalars(
        select(GeneratedFile.id).where(GeneratedFile.document_id == document.id, GeneratedFile.step == ISSUED)))
    rendition = db.session.execute(
        select(PdfRendition.file_id, PdfRendition.sha256)
        .where(PdfRendition.file_id.in_(ids), PdfRendition.status == READY)
        .order_by(PdfRendition.file_id.desc()).limit(1)).first() if ids else None
    if rendition is None:
        return Report(authentic=True, document=document)   # issued; its PDF is not made yet
    rendition_id, sha256 = rendition
    return report_for_artefact(Artefact(document, rendition_id, lambda: _rendition_content(rendition_id), True),
                               sha256)


def stamp_issued_pdf(pdf: bytes) -> tuple[bytes, str | None]:
    """An issued file's new PDF with its verification QR, and the code the QR carries; the PDF as
    it was (and no code) when the QR cannot be stamped, which is logged: the PDF is still
    verifiable by its hash."""
    if not current_app.config.get("VERIFICATION_QR", True):
        return pdf, None
    code = new_code()
    try:
        return pdf_verification.add_verification_qr(pdf, verification_url(code)), code
    except Exception as exc:
        log.warning("could not stamp the verification QR on an issued PDF: %s: %s", type(exc).__name__, exc)
        return pdf, None
