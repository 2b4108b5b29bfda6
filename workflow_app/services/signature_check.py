"""Validate the PAdES signatures of a PDF with pyHanko; knows nothing of the database or Flask.

`validate(pdf, trust_roots)` → one SignatureReport per embedded signature, in signing order:
who signed (the certificate's common name), in which role (the field: SigLeader = the approver,
SigOrg = the organization), when (the signed signing time), and whether it holds: intact (the
bytes it covers are unchanged), valid (the cryptography), trusted (a path to one of
`trust_roots`), docmdp_ok (what was added after it is allowed: the number and date filled, the
seal signed), with the reasons when it does not.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from . import no_event_loop, upstream_fixes
from .pdf_signing import LEADER_FIELD, ORG_FIELD

ROLES = {LEADER_FIELD: "approver", ORG_FIELD: "organization"}


@dataclass(frozen=True)
class SignatureReport:
    field: str
    role: str
    signer: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    docmdp_ok: bool
    modification_level: str          # NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER
    certified: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.docmdp_ok


def _signer_name(cert) -> str:
    try:
        return cert.subject.native.get("common_name") or cert.subject.human_friendly
    except Exception:   # a certificate without a readable subject
        return ""


def validate(pdf: bytes, trust_roots_der: list[bytes]) -> list[SignatureReport]:
    """Reports of every signature of `pdf` (none: not a signed PDF, or not a PDF at all: the
    caller says so). `trust_roots_der`: the root certificates (DER) trusted; no system roots."""
    upstream_fixes.install()
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    roots = [x509.Certificate.load(der) for der in trust_roots_der]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        return [SignatureReport("", "", "", None, False, False, False, False, "OTHER", False,
                                [f"Không đọc được tệp PDF: {exc}"])]
    reports = []
    for sig in embedded:
        name = sig.field_name
        reasons: list[str] = []
        try:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = no_event_loop.call(validate_pdf_signature, sig, context)
        except Exception as exc:
            reports.append(SignatureReport(name, ROLES.get(name, ""), "", None, False, False, False, False,
                                           "OTHER", False, [f"Không kiểm tra được chữ ký: {exc}"]))
            continue
        level = status.modification_level.name if status.modification_level is not None else "OTHER"
        if not status.intact:
            reasons.append("Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).")
        elif not status.valid:
            reasons.append("Chữ ký không hợp lệ về mật mã.")
        if not status.trusted:
            reasons.append("Chứng thư của người ký không thuộc tổ chức chứng thực được tin cậy.")
        if not status.docmdp_ok:
            reasons.append("Văn bản bị sửa sau khi ký theo cách không được phép.")
        signed_at = getattr(status, "signer_reported_dt", None)
        reports.append(SignatureReport(
            field=name, role=ROLES.get(name, ""), signer=_signer_name(status.signing_cert),
            signed_at=signed_at, intact=bool(status.intact), valid=bool(status.valid),
            trusted=bool(status.trusted), docmdp_ok=bool(status.docmdp_ok), modification_level=level,
            certified=sig.docmdp_level is not None, reasons=reasons))
    return reports
