"""PDF bytes in, facts out: the signatures a PDF carries and whether they hold (pyHanko), and the
verification QR stamped onto page 1 of an issued PDF. Knows nothing of documents, the database or
Flask (services/verification.py does the lookups and the configuration).

Signatures (signing.md §2.5): each embedded signature is validated with pyHanko against the trust
roots given, without fetching anything from the network (no CRL/OCSP: revocation is not checked,
signing.md §2.6). Its role comes from its field, as the signing work names them: SigLeader or a
certification signature is the approver's, SigOrg the body's (the seal).

The work is bounded: a file of more than MAX_PAGES pages or MAX_REVISIONS incremental updates is
not checked, at most MAX_SIGNATURES signatures are read, and once `deadline` seconds are spent
the rest are reported as not checked (the request's size is bounded by MAX_CONTENT_LENGTH);
whatever pyHanko raises on a malformed file is a reason in the report, never an exception to
the caller.

So is its logging: on a tampered file pyHanko logs a traceback per signature listing every object
changed (tens of KB for one upload of a few hundred pages), or parse warnings per broken object.
Anyone may upload, so while a check runs the records of pyHanko's loggers are dropped (a filter
on each of them, for this call path only: signing elsewhere in the process still logs); the
caller logs one short line instead (services/verification.py).
"""
from __future__ import annotations

import contextvars
import hashlib
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from ..domain.clock import VIETNAM_TIME
from . import no_event_loop, upstream_fixes
from .verification_label import LABEL_PATH

log = logging.getLogger(__name__)

MAX_SIGNATURES = 10
MAX_REVISIONS = 30   # incremental updates: an issued file has a handful (QR, two signatures, fields)
MAX_PAGES = 2000
LEADER_FIELD, ORG_FIELD = "SigLeader", "SigOrg"
APPROVER, ORGANIZATION, OTHER = "approver", "organization", "other"
ROLE_NAMES = {APPROVER: "Người có thẩm quyền", ORGANIZATION: "Cơ quan ban hành (con dấu)", OTHER: "Khác"}

# Reasons, in Vietnamese: they are shown as they are on the public page and in the API.
ALTERED = "đã bị thay đổi sau khi ký"
NOT_A_PDF = "Tệp không phải PDF."
UNREADABLE = "Không đọc được cấu trúc PDF của tệp (tệp hỏng hoặc không đúng định dạng)."


class NotAPdf(ValueError):
    """The bytes are no PDF at all (no %PDF header): the caller answers 422."""


@dataclass
class SignatureCheck:
    field: str
    signer: str
    role: str
    signed_at: str | None
    valid: bool
    intact: bool = True        # the signed bytes are unchanged
    trusted: bool = True       # the certificate chains up to a trust root
    altered: bool = False      # something not allowed was added after the signature
    covered_sha256: str | None = None   # hash of the file as it was when this signature was made
    timestamped_at: str | None = None   # the time a trusted TSA attests (PAdES B-T), local ISO; None: no token
    reasons: list[str] = field(default_factory=list)


@dataclass
class PdfCheck:
    signatures: list[SignatureCheck]
    reasons: list[str] = field(default_factory=list)   # about the file as a whole
    complete: bool = True      # every signature was checked (bounds not reached)

    @property
    def all_valid(self) -> bool:
        return self.complete and not self.reasons and all(s.valid for s in self.signatures)

    @property
    def altered(self) -> bool:
        return any(s.altered or not s.intact for s in self.signatures)


# --- pyHanko's loggers, quiet while a check runs ---------------------------------------------

PYHANKO_PACKAGES = ("pyhanko", "pyhanko_certvalidator")
_CHECKING = contextvars.ContextVar("pdf_verification_checking", default=False)


class _QuietWhileChecking(logging.Filter):
    """Drops a record made while a check runs in this context (asyncio tasks and no_event_loop's
    thread carry the context along)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _CHECKING.get()


_QUIET = _QuietWhileChecking()
_loggers_seen = 0


def _quiet_pyhanko_loggers() -> None:
    """Put the filter on every pyHanko logger (a logger's filters do not see its children's
    records, so each gets it); again only when loggers were added since (a module imported late)."""
    global _loggers_seen
    registry = logging.root.manager.loggerDict
    if len(registry) == _loggers_seen:
        return
    for name in list(registry):
        if name.split(".", 1)[0] in PYHANKO_PACKAGES:
            logger = logging.getLogger(name)
            if _QUIET not in logger.filters:
                logger.addFilter(_QUIET)
    _loggers_seen = len(registry)


@contextmanager
def _pyhanko_quiet():
    _quiet_pyhanko_loggers()
    token = _CHECKING.set(True)
    try:
        yield
    finally:
        _CHECKING.reset(token)


def _short(exc: Exception, limit: int = 200) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def looks_like_pdf(data: bytes) -> bool:
    """A PDF starts with %PDF- within its first 1024 bytes (ISO 32000 readers allow leading junk)."""
    return b"%PDF-" in data[:1024]


def _signer_name(cert) -> str:
    try:
        subject = cert.subject.native
        return str(subject.get("common_name") or cert.subject.human_friendly)
    except Exception:   # a certificate pyHanko could read but whose name is odd
        return "(không rõ)"


def _role(sig) -> str:
    name = sig.field_name or ""
    if name == ORG_FIELD:
        return ORGANIZATION
    if name == LEADER_FIELD:
        return APPROVER
    try:
        if sig.docmdp_level is not None:   # a certification signature: the author's
            return APPROVER
    except Exception:
        pass
    return OTHER


def _local_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.isoformat(timespec="seconds")
    return moment.astimezone(VIETNAM_TIME).isoformat(timespec="seconds")


def _covered_sha256(data: bytes, sig) -> str | None:
    """The hash of the file as it stood when this signature was made: the bytes up to the end of
    its /ByteRange. That is a file the system may have issued (a later page added to it leaves
    this prefix intact)."""
    try:
        byte_range = [int(x) for x in sig.sig_object["/ByteRange"]]
        end = byte_range[2] + byte_range[3]
    except Exception:
        return None
    if not 0 < end <= len(data):
        return None
    return hashlib.sha256(data[:end]).hexdigest()


def check_signatures(data: bytes, trust_roots: list, *, deadline: float = 20.0,
                     max_signatures: int = MAX_SIGNATURES) -> PdfCheck:
    """Every signature of the PDF, validated against `trust_roots` (asn1crypto certificates).
    Raises NotAPdf for bytes that are no PDF; any other trouble is a reason in the result."""
    if not looks_like_pdf(data):
        raise NotAPdf(NOT_A_PDF)
    upstream_fixes.install()
    import pyhanko.pdf_utils.reader  # noqa: F401  pyHanko's loggers exist before they are quietened
    import pyhanko.sign.validation  # noqa: F401
    with _pyhanko_quiet():
        return _check_all(data, trust_roots, deadline, max_signatures)


def _check_all(data: bytes, trust_roots: list, deadline: float, max_signatures: int) -> PdfCheck:
    from pyhanko.pdf_utils.reader import PdfFileReader
    started = time.monotonic()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        revisions = reader.xrefs.total_revisions
        pages = int(reader.root["/Pages"].get("/Count", 0))
        if revisions > MAX_REVISIONS or pages > MAX_PAGES:
            return PdfCheck(signatures=[], complete=False, reasons=[
                f"Tệp quá lớn để kiểm tra ({pages} trang, {revisions} lần cập nhật; nhiều nhất "
                f"{MAX_PAGES} trang, {MAX_REVISIONS} lần cập nhật)."])
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        log.debug("unreadable PDF sent for verification: %s", _short(exc))
        return PdfCheck(signatures=[], reasons=[UNREADABLE])
    result = PdfCheck(signatures=[])
    if len(embedded) > max_signatures:
        result.reasons.append(f"Tệp có {len(embedded)} chữ ký; chỉ kiểm tra {max_signatures} chữ ký đầu.")
        result.complete = False
        embedded = embedded[:max_signatures]
    for sig in embedded:
        if time.monotonic() - started > deadline:
            result.reasons.append("Quá thời gian kiểm tra: một số chữ ký chưa được kiểm tra.")
            result.complete = False
            break
        result.signatures.append(_check_one(data, sig, trust_roots))
    return result


def _check_one(data: bytes, sig, trust_roots: list) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    name = sig.field_name or "(không tên)"
    try:
        signer = _signer_name(sig.signer_cert)
    except Exception:
        signer = "(không rõ)"
    check = SignatureCheck(field=name, signer=signer, role=_role(sig), signed_at=None, valid=False,
                           covered_sha256=_covered_sha256(data, sig))
    who = f"Chữ ký “{name}” ({signer})"
    try:
        context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
        status = no_event_loop.call(validate_pdf_signature, sig, context)
    except Exception as exc:
        log.debug("signature %s could not be validated: %s", name[:60], _short(exc))
        check.intact = check.trusted = False
        check.reasons.append(f"{who}: không kiểm tra được ({type(exc).__name__}).")
        return check
    check.signed_at = _local_iso(status.signer_reported_dt)
    check.intact = bool(status.intact)
    check.trusted = bool(status.trusted)
    docmdp_ok = status.docmdp_ok if status.modification_level is not None else True
    check.altered = not docmdp_ok
    check.valid = bool(status.bottom_line)
    if not status.intact:
        check.reasons.append(f"{who}: nội dung không khớp chữ ký — văn bản {ALTERED}.")
    elif not status.valid:
        check.reasons.append(f"{who}: chữ ký không hợp lệ (mật mã không đúng).")
    if status.intact and not docmdp_ok:
        check.reasons.append(f"{who}: văn bản {ALTERED} (có nội dung thêm vào sau chữ ký).")
    if status.intact and status.valid and not status.trusted:
        check.reasons.append(f"{who}: chứng thư số của người ký không do tổ chức chứng thực tin cậy cấp "
                             "(hoặc đã hết hạn).")
    _check_timestamp(check, status, who)
    if not check.valid and not check.reasons:
        check.reasons.append(f"{who}: chữ ký không hợp lệ.")
    return check


def _check_timestamp(check: SignatureCheck, status, who: str) -> None:
    """The signature's timestamp token (PAdES B-T), if it has one: the time it attests when the
    token is intact, valid and from a trusted TSA; otherwise a reason, and the signature is not
    counted valid (a forged or untrusted time is no better than a false one)."""
    token = getattr(status, "timestamp_validity", None)
    if token is None:
        return
    if token.intact and token.valid and token.trusted:
        check.timestamped_at = _local_iso(token.timestamp)
        return
    check.valid = False
    if not (token.intact and token.valid):
        check.reasons.append(f"{who}: dấu thời gian không hợp lệ.")
    else:
        check.reasons.append(f"{who}: dấu thời gian không do máy chủ cấp dấu thời gian tin cậy cấp.")


# --- the verification QR -----------------------------------------------------------------------

QR_SIZE = 48.0          # points (17 mm): scannable from paper, small in the margin
QR_MARGIN = (22.0, 10.0)   # bottom-left corner of the QR, points from the page's bottom-left
LABEL_SIZE = 6.0        # font size of "Xác thực văn bản" (points)


def _qr_path(url: str) -> tuple[str, int]:
    """The QR's dark modules as rectangles (runs of a row joined), in module units, y up."""
    import segno
    matrix = segno.make(url, error="m", micro=False).matrix
    n = len(matrix)
    parts = []
    for row, cells in enumerate(matrix):
        y = n - 1 - row
        col = 0
        while col < n:
            if cells[col]:
                start = col
                while col < n and cells[col]:
                    col += 1
                parts.append(f"{start} {y} {col - start} 1 re")
            else:
                col += 1
    return " ".join(parts), n


def _stamp_content(url: str, x: float, y: float) -> bytes:
    path, n = _qr_path(url)
    quiet = 2   # modules of white around the code, so that it reads on any background
    unit = QR_SIZE / (n + 2 * quiet)
    label_x, label_y = x + QR_SIZE + 2, y + 2
    return "\n".join([
        "Q q",   # the page's own content ran inside a q … Q we prepended: start from its state
        f"1 g {x:.2f} {y:.2f} {QR_SIZE:.2f} {QR_SIZE:.2f} re f",
        f"q {unit:.4f} 0 0 {unit:.4f} {x + quiet * unit:.3f} {y + quiet * unit:.3f} cm 0 g {path} f Q",
        f"q {LABEL_SIZE} 0 0 {LABEL_SIZE} {label_x:.2f} {label_y:.2f} cm 0 g {LABEL_PATH} f Q",
        "Q",
    ]).encode("ascii")


def add_verification_qr(pdf_bytes: bytes, url: str) -> bytes:
    """The PDF with, on page 1 in the bottom-left margin, a small QR code of `url` and the words
    "Xác thực văn bản" beside it, the QR a link to `url`: one incremental update (the original bytes
    stay as they were), drawn with vector paths only (no font, no image: PDF/A-2b stays valid).

    Call it BEFORE any signature is applied: a stamp added later breaks the signatures (signing.md
    §2.4). Raises ValueError for a PDF that already carries a signature or cannot be read."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    if not url.isascii():
        raise ValueError("the verification URL must be ASCII")
    class _KeepMetadata(IncrementalPdfFileWriter):
        def _update_meta(self):
            """pyHanko would rewrite the XMP packet (Producer, ModifyDate; pdfaid as attributes): the
            stamp is no edit of the document, so LibreOffice's PDF/A-2b metadata stays as it was."""

    try:
        writer = _KeepMetadata(BytesIO(pdf_bytes), strict=False)
    except Exception as exc:
        raise ValueError(f"unreadable PDF: {exc}") from exc
    if writer.prev.embedded_signatures:
        raise ValueError("the PDF is signed already: stamping now would break its signatures")
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    x, y = QR_MARGIN
    try:
        box = [float(v) for v in page.get("/CropBox", page.get("/MediaBox"))]
        x, y = box[0] + x, box[1] + y
    except Exception:   # MediaBox inherited from the page tree: take the usual origin
        pass
    opening = writer.add_object(generic.StreamObject(stream_data=b"q\n"))
    stamp = writer.add_object(generic.StreamObject(stream_data=_stamp_content(url, x, y)))
    writer.add_stream_to_page(0, opening, prepend=True)
    writer.add_stream_to_page(0, stamp)

    page = page_ref.get_object()
    link = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Link"),
        generic.pdf_name("/Rect"): generic.ArrayObject(
            [generic.FloatObject(v) for v in (x, y, x + QR_SIZE, y + QR_SIZE)]),
        generic.pdf_name("/Border"): generic.ArrayObject([generic.NumberObject(0)] * 3),
        generic.pdf_name("/F"): generic.NumberObject(4),   # printable (PDF/A wants it)
        generic.pdf_name("/Contents"): generic.TextStringObject("Xác thực văn bản"),
        generic.pdf_name("/A"): generic.DictionaryObject({
            generic.pdf_name("/S"): generic.pdf_name("/URI"),
            generic.pdf_name("/URI"): generic.TextStringObject(url),
        }),
    })
    link_ref = writer.add_object(link)
    annots = page.raw_get("/Annots") if "/Annots" in page else None
    if isinstance(annots, generic.IndirectObject):
        annots.get_object().append(link_ref)
        writer.mark_update(annots)
    elif isinstance(annots, generic.ArrayObject):
        annots.append(link_ref)
    else:
        page[generic.pdf_name("/Annots")] = generic.ArrayObject([link_ref])
    writer.mark_update(page_ref)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
