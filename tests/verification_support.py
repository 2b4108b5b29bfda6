"""Real PAdES signatures for the verification tests: a throwaway CA and signers made with
`cryptography`, a small PDF written by hand, signed with pyHanko as the signing work signs (the
approver's certification signature in SigLeader, the body's approval signature in SigOrg)."""
from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.factories import advance, new_plan
from tests.pdf_support import pdf_settings
from workflow_app.extensions import db
from workflow_app.models import GeneratedFile
from workflow_app.services import no_event_loop, pdf_renditions


@dataclass
class TestCa:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])


def make_ca(common_name: str = "CA thử nghiệm") -> TestCa:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return TestCa(key, cert)


def make_signer(ca: TestCa, common_name: str):
    """A pyHanko SimpleSigner holding a fresh key and a certificate from `ca` (non-repudiation set)."""
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(ca.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .sign(ca.key, hashes.SHA256()))
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([ca.asn1]))


def minimal_pdf(pages: int = 1) -> bytes:
    """A small valid PDF (A4 pages, one line of text each), written by hand with a correct xref."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_number = 3 + 2 * pages
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font_number} 0 R >> >> >>".encode())
        text = f"BT /F1 14 Tf 100 700 Td (Van ban thu nghiem, trang {i + 1}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def sign(pdf: bytes, signer, field_name: str = "SigLeader", *, certify: bool | None = None) -> bytes:
    """`pdf` signed by `signer` in a new signature field (invisible) named `field_name`: a
    certification signature (DocMDP: form filling) for SigLeader, an approval one otherwise."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    certify = field_name == "SigLeader" if certify is None else certify
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, certify=certify, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        **({"docmdp_permissions": fields.MDPPerm.FILL_FORMS} if certify else {}))
    out = BytesIO()
    no_event_loop.call(signers.PdfSigner(meta, signer=signer).sign_pdf, writer, output=out)
    return out.getvalue()


def add_page_after_signing(pdf: bytes) -> bytes:
    """An incremental update appending a page to a (signed) PDF: what a forger would do."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    content = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 14 Tf 100 700 Td (Trang them) Tj ET"))
    pages_ref = writer.root.raw_get("/Pages")
    pages = pages_ref.get_object()
    page = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/Parent"): pages_ref,
        generic.pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
        generic.pdf_name("/Contents"): content,
    })
    pages["/Kids"].append(writer.add_object(page))
    pages[generic.pdf_name("/Count")] = generic.NumberObject(int(pages["/Count"]) + 1)
    writer.mark_update(pages_ref)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def flip_a_signed_byte(pdf: bytes) -> bytes:
    """One byte of the signed content changed (inside the first page's text)."""
    at = pdf.index(b"Van ban thu nghiem")
    return pdf[:at] + b"W" + pdf[at + 1:]


# --- an issued document with its PDF (needs the app and world fixtures) ---------------------

class PdfStub:
    """Stands in for LibreOffice: a small real PDF, so that the QR can be stamped on it."""

    def convert(self, data, *, pdfa=False):
        return minimal_pdf(), "stub"


def issued_with_pdf(app, world, monkeypatch):
    """An issued plan whose issued .docx has its PDF rendition (QR stamped)."""
    monkeypatch.setattr(pdf_renditions, "converter", lambda: PdfStub())
    app.config["PUBLIC_URL"] = "https://tdkt.example.vn"
    try:
        plan = new_plan(world)
        with pdf_settings(app, PDF_QUEUE="manual"):
            advance(world, plan, "issued", generate=True)
            pdf_renditions.run_pending()
    finally:
        app.config["PUBLIC_URL"] = ""
    issued = next(f for f in plan.files if f.step == "issued")
    rendition = pdf_renditions.of_file(issued.id, with_content=True)
    assert rendition.status == "ready"
    return plan, issued, rendition


def links_on_page_one(pdf: bytes) -> list[str]:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader
    page = PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Kids"][0].get_object()
    annotations = [a.get_object() for a in page.get("/Annots", [])]
    # a signed PDF also has the signature fields' widgets there: only the links count
    return [str(a["/A"]["/URI"]) for a in annotations if a.get("/Subtype") == "/Link"]


def store_signed(plan, issued, pdf: bytes) -> GeneratedFile:
    """What the signing work does: the signed PDF stored as a generated file of the issued step."""
    row = GeneratedFile(document_id=plan.id, event_id=issued.event_id, step="issued", template_name="signed-pdf",
                        template_sha256="", file_name=issued.file_name[:-5] + ".pdf", content=pdf,
                        sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf))
    db.session.add(row)
    db.session.commit()
    return row


def code_of(file_id: int) -> str | None:
    """The verification code the QR on this file's PDF rendition carries."""
    from sqlalchemy import select

    from workflow_app.models import VerificationCode
    return db.session.scalar(select(VerificationCode.code).where(VerificationCode.file_id == file_id))


def rewrite_every_page(pdf: bytes) -> bytes:
    """An incremental update that rewrites every page object of a (signed) PDF (each turned 90°):
    pyHanko's difference analysis then lists every replaced object in a traceback per signature,
    tens of KB of log for one upload of a few hundred pages."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    for ref in writer.root["/Pages"]["/Kids"]:
        ref.get_object()[generic.pdf_name("/Rotate")] = generic.NumberObject(90)
        writer.mark_update(ref)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_signature_contents(pdf: bytes) -> bytes:
    """One hex digit changed inside the first signature's /Contents (its CMS no longer parses)."""
    at = pdf.index(b"/Contents <") + 20
    return pdf[:at] + (b"1" if pdf[at:at + 1] == b"0" else b"0") + pdf[at + 1:]


@contextmanager
def logs_of(caplog, level=logging.INFO):
    """caplog at `level` for the app's and pyHanko's loggers."""
    with caplog.at_level(level):
        yield caplog


def log_size(caplog) -> int:
    """Bytes the captured records would write (each formatted as a handler writes it, traceback
    included)."""
    return sum(len(caplog.handler.format(record).encode()) for record in caplog.records)


@contextmanager
def generated_bytes_read():
    """Counts the bytes of generated files' contents (generated_files.content) the ORM session
    reads while the block runs: [total] when it ends. Every statement that names that column is
    run here and its rows measured (and handed on as they were)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    read = [0]

    def measure(state):
        if not state.is_select or "generated_files.content" not in str(state.statement):
            return None
        result = state.invoke_statement().freeze()
        read[0] += sum(len(value) for row in result().all() for value in row if isinstance(value, bytes))
        return result()

    event.listen(Session, "do_orm_execute", measure)
    try:
        yield read
    finally:
        event.remove(Session, "do_orm_execute", measure)


def issued_round_decision_with_pdfs(app, world, monkeypatch):
    """A round's decision issued (unsigned: its body does not sign digitally) with its files' PDF
    renditions, each with its verification QR: (decision, its issued files)."""
    from tests.round_decision_world import advance_decision, round_world
    from workflow_app.models import Document
    from workflow_app.services import round_decisions

    monkeypatch.setattr(pdf_renditions, "converter", lambda: PdfStub())
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    app.config["PUBLIC_URL"] = "https://tdkt.example.vn"
    try:
        with pdf_settings(app, PDF_QUEUE="manual"):
            db.session.expire_all()
            advance_decision(world, db.session.get(Document, decision.id), "issued")
            pdf_renditions.run_pending()
    finally:
        app.config["PUBLIC_URL"] = ""
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    return decision, [f for f in decision.files if f.step == "issued"]
