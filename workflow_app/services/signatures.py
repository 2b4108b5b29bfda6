"""Digital signatures of documents (issue 16): keys, signing at approve and issue, validation.

* Keys: `import_personal(user, p12, pin)` (the admin's upload, `flask signing import-p12`),
  `import_seal(org, p12, pin)`, `add_trust_root(cert)`; see models/signing.py for how each is kept.
* `approve`: when the issuing body signs digitally (Organization.signs_digitally) the approver
  gives their PIN. `unlock_for_approval()` opens their key BEFORE anything changes (wrong or
  missing PIN: 422, nothing written); `sign_approved()` then makes the PDF of the step's main file
  (synchronously, by the warm LibreOffice: the PIN lives only in the request), prepares it (every
  field before the first signature) and certifies it. The signed PDF is one more generated file of
  the step, stored with it, and a DocumentSignature row records it: all in the step's transaction.
* `issue`: `seal_issued()` fills the number and the day into that PDF and signs the body's seal
  over it, in one incremental update (the approver's signature stays valid: FORM_FILLING).
* `validate(pdf)`: the reports of services/signature_check.py against the stored trust roots.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..domain import vnformat
from ..domain.clock import VIETNAM_TIME
from ..domain.documents import RenderedFile
from ..domain.documents.context_parts import DRAFT_MARK
from ..domain.errors import ValidationFailed
from ..extensions import db
from ..models import Document, DocumentSignature, GeneratedFile, Organization, User
from ..models.signing import PERSONAL, SEAL, TRUST_ROOT, SigningCredential
from . import pdf_signing, signature_check, signers, timestamping, verification
from .pdf_signing import Appearance, SigningError

PIN_FIELD = "signing_pin"
SIGNED_TEMPLATE_SUFFIX = ":signed-pdf"   # GeneratedFile.template_name of a signed PDF: "<template>:signed-pdf"
PDF_MIMETYPE = "application/pdf"


@dataclass(frozen=True)
class Signed:
    """A signed PDF a step makes, and what its DocumentSignature row records."""
    file: RenderedFile
    role: str            # "approver" | "organization"
    signer: str
    cert_sha256: str


# ---------------------------------------------------------------- keys

def _store(purpose: str, cert: signers.CertificateInfo, pkcs12: bytes | None, *, user: User | None = None,
           organization: Organization | None = None) -> SigningCredential:
    if purpose in (PERSONAL, SEAL):
        owner = (SigningCredential.user_id == user.id) if user is not None \
            else (SigningCredential.organization_id == organization.id)
        for old in db.session.scalars(select(SigningCredential).where(
                SigningCredential.purpose == purpose, SigningCredential.active.is_(True), owner)):
            old.active = False
    row = SigningCredential(purpose=purpose, user_id=user.id if user is not None else None,
                            organization_id=organization.id if organization is not None else None,
                            pkcs12=pkcs12, certificate=cert.der, subject=cert.subject[:200], issuer=cert.issuer[:200],
                            serial=cert.serial[:64], cert_sha256=cert.sha256, not_before=cert.not_before,
                            not_after=cert.not_after)
    db.session.add(row)
    return row


def _usable(cert) -> None:
    """Refuse a certificate that cannot sign now: expired, not yet valid, a key type the PDF
    signature cannot use, or without the non-repudiation key usage a signature needs (pyHanko's
    default check at signing)."""
    from cryptography import x509
    now = datetime.now(timezone.utc)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        message = f"Chứng thư hết hiệu lực hoặc chưa có hiệu lực ({cert.not_valid_before_utc:%d/%m/%Y} – " \
                  f"{cert.not_valid_after_utc:%d/%m/%Y})."
        raise ValidationFailed(message, {"pkcs12": message})
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
    try:
        public = cert.public_key()
    except Exception:   # noqa: BLE001 - a key algorithm cryptography does not know: no use either
        public = None
    if not isinstance(public, (rsa.RSAPublicKey, ec.EllipticCurvePublicKey, dsa.DSAPublicKey)):
        # Ed25519 / Ed448 open with their PIN, but a PAdES signature with SHA-256 cannot use them
        message = "Chứng thư dùng loại khóa không ký được văn bản PDF (cần khóa RSA hoặc ECDSA)."
        raise ValidationFailed(message, {"pkcs12": message})
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not usage.content_commitment:
        message = "Chứng thư không dùng để ký văn bản (thiếu mục đích chống chối bỏ: nonRepudiation)."
        raise ValidationFailed(message, {"pkcs12": message})


def import_personal(user: User, pkcs12: bytes, pin: str) -> SigningCredential:
    """A user's PKCS#12, checked with its PIN (ValidationFailed if it does not open, or its
    certificate cannot sign now), kept as it is."""
    try:
        _key, cert, _chain = signers.open_pkcs12(pkcs12, pin)
    except signers.WrongPin as exc:
        raise ValidationFailed(str(exc), {"pkcs12": str(exc)}) from None
    _usable(cert)
    return _store(PERSONAL, signers.certificate_info(cert), pkcs12, user=user)


def _seal_passphrase(organization_id: int) -> bytes:
    secret = current_app.config.get("SIGNING_SEAL_SECRET") or current_app.config["SECRET_KEY"]
    return hmac.new(str(secret).encode("utf-8"), f"seal:{organization_id}".encode(), hashlib.sha256).hexdigest() \
        .encode("ascii")


def import_seal(organization: Organization, pkcs12: bytes, pin: str) -> SigningCredential:
    """A body's seal key: opened with the PIN it came with, re-encrypted with the server's passphrase."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
    from cryptography.hazmat.primitives.serialization import pkcs12 as p12
    try:
        key, cert, chain = signers.open_pkcs12(pkcs12, pin)
    except signers.WrongPin as exc:
        raise ValidationFailed(str(exc), {"pkcs12": str(exc)}) from None
    _usable(cert)
    db.session.flush()
    wrapped = p12.serialize_key_and_certificates(b"seal", key, cert, chain,
                                                 BestAvailableEncryption(_seal_passphrase(organization.id)))
    signers.forget_seals()   # the body's seal signer opened from its old credential goes
    return _store(SEAL, signers.certificate_info(cert), wrapped, organization=organization)


def add_trust_root(cert_der: bytes) -> SigningCredential:
    from cryptography import x509
    return _store(TRUST_ROOT, signers.certificate_info(x509.load_der_x509_certificate(cert_der)), None)


def personal_credential(user: User) -> SigningCredential | None:
    return db.session.scalar(select(SigningCredential).where(
        SigningCredential.purpose == PERSONAL, SigningCredential.user_id == user.id,
        SigningCredential.active.is_(True)).options(undefer(SigningCredential.pkcs12)))


def seal_credential(organization_id: int) -> SigningCredential | None:
    return db.session.scalar(select(SigningCredential).where(
        SigningCredential.purpose == SEAL, SigningCredential.organization_id == organization_id,
        SigningCredential.active.is_(True)).options(undefer(SigningCredential.pkcs12)))


def trust_roots() -> list[bytes]:
    return list(db.session.scalars(select(SigningCredential.certificate).where(
        SigningCredential.purpose == TRUST_ROOT, SigningCredential.active.is_(True))))


def validate(pdf: bytes) -> list[signature_check.SignatureReport]:
    """Every signature of `pdf`, checked against the trust roots stored here (see signature_check)."""
    return signature_check.validate(pdf, trust_roots())


# ---------------------------------------------------------------- the steps

def signs_digitally(document: Document) -> bool:
    return bool(document.issuer.signs_digitally)


def is_signed_pdf(f) -> bool:
    return (f.template_name or "").endswith(SIGNED_TEMPLATE_SUFFIX)


def unlock_for_approval(document: Document, actor: User, pin) -> signers.Signer:
    """The approver's signer, opened by `pin`; 422 (ValidationFailed) when the PIN is missing or
    wrong, or the approver has no key. Called before the step changes anything."""
    if pin in (None, ""):
        raise ValidationFailed("Cần nhập mã PIN ký số để phê duyệt.", {PIN_FIELD: "Bắt buộc."})
    if not isinstance(pin, str):
        raise ValidationFailed("Mã PIN ký số không hợp lệ.", {PIN_FIELD: "Phải là chuỗi ký tự."})
    credential = personal_credential(actor)
    if credential is None:
        raise ValidationFailed("Bạn chưa có chứng thư ký số; đề nghị quản trị viên nạp tệp PKCS#12.",
                               {PIN_FIELD: "Chưa có chứng thư ký số."})
    try:
        signer = signers.Pkcs12Signer(credential.pkcs12, pin)
    except signers.WrongPin:
        raise ValidationFailed("Mã PIN ký số không đúng.", {PIN_FIELD: "Mã PIN không đúng."}) from None
    lapsed = _out_of_validity(signer.certificate.not_before, signer.certificate.not_after)
    if lapsed:
        raise ValidationFailed(f"Chứng thư ký số của bạn {lapsed}; đề nghị quản trị viên nạp chứng thư mới.",
                               {PIN_FIELD: f"Chứng thư {lapsed}."})
    return signer


def _out_of_validity(not_before: datetime, not_after: datetime) -> str | None:
    """Why a certificate cannot sign now (a signature with it would not be trusted), or None: it
    was valid when uploaded, and has expired since (or is not valid yet)."""
    now = datetime.now(timezone.utc)
    if not_before.tzinfo is None:   # SQLite gives the stored moments back without their zone
        not_before, not_after = not_before.replace(tzinfo=timezone.utc), not_after.replace(tzinfo=timezone.utc)
    if now > not_after:
        return f"đã hết hiệu lực từ {not_after.astimezone(VIETNAM_TIME):%d/%m/%Y}"
    if now < not_before:
        return f"chưa có hiệu lực (từ {not_before.astimezone(VIETNAM_TIME):%d/%m/%Y})"
    return None


def _iso(at: datetime) -> str:
    return at.astimezone(VIETNAM_TIME).isoformat(timespec="seconds")


_DRAFT_MARK_PARAGRAPH = re.compile(
    r"<w:p(?:\s[^>]*)?>(?:(?!</w:p>).)*?" + re.escape(DRAFT_MARK) + r"(?:(?!</w:p>).)*?</w:p>", re.S)


def without_draft_mark(docx: bytes) -> bytes:
    """The .docx without its boxed "DỰ THẢO" mark (a page header's paragraph): the approver signs the
    document as it is issued, whose number and day are form fields filled at issue, not a draft."""
    mark = DRAFT_MARK.encode("utf-8")
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("word/header") and mark in data:
                text = _DRAFT_MARK_PARAGRAPH.sub("<w:p/>", data.decode("utf-8"))
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _to_pdf(docx: bytes) -> bytes:
    from . import pdf_renditions
    from .pdf_convert import ConversionError
    try:
        pdf, _how = pdf_renditions.converter().convert(docx, pdfa=True)
    except ConversionError as exc:
        raise SigningError(f"Không tạo được bản PDF để ký: {exc}") from exc
    return pdf


def _signed_file(source: RenderedFile | GeneratedFile, content: bytes, template_name: str) -> RenderedFile:
    name = source.name if isinstance(source, RenderedFile) else source.file_name
    stem = name[:-5] if name.lower().endswith(".docx") else name.removesuffix(".pdf")
    stem = stem.removesuffix("-da-ky")
    return RenderedFile(name=f"{stem}-da-ky.pdf", content=content, template_name=template_name,
                        template_sha256=source.template_sha256, sha256=hashlib.sha256(content).hexdigest(),
                        size=len(content))


def sign_approved(document: Document, actor: User, signer: signers.Signer, files: list[RenderedFile],
                  at: datetime) -> Signed | None:
    """The signed PDF of the step's main file (the first), certified by the approver; None when the
    step rendered nothing (generate=False)."""
    if not files:
        return None
    main = files[0]
    try:
        # the QR to /xac-thuc goes on before any signature (a later stamp would break the first)
        pdf, code = verification.stamp_issued_pdf(_to_pdf(without_draft_mark(main.content)))
        if code is not None:
            verification.record_code(code, document.id)
        layout = pdf_signing.find_layout(pdf, actor.full_name)
        prepared = pdf_signing.prepare(pdf, layout)
        who = " ".join(p for p in (actor.position, document.issuer.name) if p)
        text = f"Ký bởi: {actor.full_name}\n{who}\nThời gian: {_iso(at)}"
        signed = signer.sign(prepared, pdf_signing.LEADER_FIELD, Appearance(text), certify=True,
                             timestamper=timestamping.timestamper())
    except SigningError as exc:
        raise ValidationFailed("Không ký số được văn bản; chưa có gì thay đổi, vui lòng thử lại.",
                               {"signature": str(exc)}) from exc
    return Signed(_signed_file(main, signed, main.template_name + SIGNED_TEMPLATE_SUFFIX), "approver",
                  signer.subject_name, signer.certificate.sha256)


def approved_signed_file(document: Document) -> GeneratedFile | None:
    """The approver's signed PDF of the document's last approval (None: not signed)."""
    return db.session.scalar(
        select(GeneratedFile).join(DocumentSignature, DocumentSignature.file_id == GeneratedFile.id)
        .where(DocumentSignature.document_id == document.id, DocumentSignature.role == "approver")
        .order_by(DocumentSignature.id.desc()).limit(1).options(undefer(GeneratedFile.content)))


def seal_issued(document: Document, seq: int | None, issued_on, at: datetime) -> Signed | None:
    """The approved signed PDF with the number and day filled in and the body's seal signed over
    it (one incremental update); None when the approval was not signed. 422 if the body has no seal."""
    approved = approved_signed_file(document)
    if approved is None:
        return None
    credential = seal_credential(document.issuer_id)
    if credential is None:
        raise ValidationFailed("Cơ quan chưa có chứng thư ký số (con dấu số); đề nghị quản trị viên nạp.",
                               {"seal": "Chưa có chứng thư của cơ quan."})
    lapsed = _out_of_validity(credential.not_before, credential.not_after)
    if lapsed:
        raise ValidationFailed(f"Chứng thư ký số của cơ quan {lapsed}; đề nghị quản trị viên nạp chứng thư mới.",
                               {"seal": f"Chứng thư {lapsed}."})
    try:
        signer = signers.seal_signer(credential.id, credential.pkcs12, _seal_passphrase(document.issuer_id))
        fill = {pdf_signing.NUMBER_FIELD: vnformat.format_seq(seq) if seq is not None else "",
                pdf_signing.DATE_FIELD: vnformat.date_phrase(issued_on) if issued_on is not None else ""}
        fill = {k: v for k, v in fill.items() if v}
        signed = signer.sign(approved.content, pdf_signing.ORG_FIELD,
                             Appearance("", image_png=pdf_signing.seal_png()), fill=fill,
                             timestamper=timestamping.timestamper())
    except (SigningError, signers.WrongPin) as exc:
        raise ValidationFailed("Không ký số được văn bản bằng chứng thư của cơ quan.", {"seal": str(exc)}) from exc
    return Signed(_signed_file(approved, signed, approved.template_name), "organization", credential.subject,
                  credential.cert_sha256)


def record(document: Document, event, signed: Signed, stored: list[GeneratedFile], at: datetime) -> None:
    """The DocumentSignature row of `signed`, stored as the first of the step's files `stored`."""
    row = next(f for f in stored if f.sha256 == signed.file.sha256 and is_signed_pdf(f))
    db.session.add(DocumentSignature(document_id=document.id, event_id=event.id, file_id=row.id, role=signed.role,
                                     signer=signed.signer[:200], cert_sha256=signed.cert_sha256, signed_at=at))


def of_document(document: Document) -> list[DocumentSignature]:
    """The signatures of the document's current approval: the last approver's, and the seal after it."""
    rows = list(db.session.scalars(select(DocumentSignature).where(DocumentSignature.document_id == document.id)
                                   .order_by(DocumentSignature.id)))
    last_approval = max((i for i, r in enumerate(rows) if r.role == "approver"), default=None)
    return rows[last_approval:] if last_approval is not None else []


def by_file(document: Document) -> dict[int, list[DocumentSignature]]:
    """file id -> the signatures its PDF carries, in the order they were put on: the approver's on
    the approved PDF; the approver's and the seal on the issued one (the seal goes over the first)."""
    found: dict[int, list[DocumentSignature]] = {}
    carried: list[DocumentSignature] = []
    for row in db.session.scalars(select(DocumentSignature).where(DocumentSignature.document_id == document.id)
                                  .order_by(DocumentSignature.id)):
        carried = [row] if row.role == "approver" else [*carried, row]
        found[row.file_id] = carried
    return found
