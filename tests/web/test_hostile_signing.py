"""Hostile input on the signing pages (issue 16): PKCS#12 files an outside reviewer might upload."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from workflow_app.extensions import db
from workflow_app.models import SigningCredential
from workflow_app.services import demo_pki


def _p12_named(common_name: str, pin: str = "1111") -> bytes:
    """A PKCS#12 whose certificate's common name is `common_name`, whatever it holds."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
            .issuer_name(ca.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .sign(ca.key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"x", key, cert, [ca.cert], BestAvailableEncryption(pin.encode()))


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(SigningCredential))


def test_a_certificate_name_with_a_nul_is_kept_without_it_not_a_500(world, as_user):
    """PostgreSQL refuses NUL in text: the name is kept without its control characters."""
    admin = as_user("admin")
    p12 = _p12_named("Nguyễn\x00Văn An")
    done = admin.post(f"/admin/users/{world.users['approver'].id}/signing",
                      {"pkcs12": (io.BytesIO(p12), "a.p12"), "pin": "1111"}, content_type="multipart/form-data")
    assert done.status_code == 303
    db.session.expire_all()
    row = db.session.scalar(select(SigningCredential))
    assert row.subject == "NguyễnVăn An" and row.pkcs12 == p12


def _p12_with(key, pin: str = "1111") -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Văn An")]))
            .issuer_name(ca.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .sign(ca.key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"x", key, cert, [ca.cert], BestAvailableEncryption(pin.encode()))


def test_a_key_the_pdf_signature_cannot_use_is_refused_at_upload(world, as_user):
    """An Ed25519 key opens with its PIN, but PAdES signing with SHA-256 cannot use it: refused when
    uploaded (422, nothing kept), rather than every approval failing afterwards."""
    from cryptography.hazmat.primitives.asymmetric import ed448, ed25519
    admin = as_user("admin")
    for key in (ed25519.Ed25519PrivateKey.generate(), ed448.Ed448PrivateKey.generate()):
        refused = admin.post(f"/admin/users/{world.users['approver'].id}/signing",
                             {"pkcs12": (io.BytesIO(_p12_with(key)), "a.p12"), "pin": "1111"},
                             content_type="multipart/form-data")
        assert refused.status_code == 422 and "loại khóa" in refused.get_data(as_text=True)
        seal = admin.post(f"/admin/organizations/{world.district.id}/signing",
                          {"pkcs12": (io.BytesIO(_p12_with(key)), "a.p12"), "pin": "1111"},
                          content_type="multipart/form-data")
        assert seal.status_code == 422 and "loại khóa" in seal.get_data(as_text=True)
    assert _count() == 0


def test_a_pin_is_never_echoed_nor_logged(world, as_user, caplog):
    """A wrong PIN (and the right one) appear in no page, no flash and no log line."""
    import logging

    from tests.factories import advance, new_plan
    from tests.signing_support import PIN, sign_digitally
    sign_digitally(world)
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    approver = as_user("approver")
    wrong_pin = "Mật-mã-sai-987654"
    with caplog.at_level(logging.DEBUG):
        wrong = approver.post(f"/documents/{plan.id}/transitions/approve",
                              {"version": plan.version, "signing_pin": wrong_pin})
        assert wrong.status_code == 422
        assert wrong_pin not in wrong.get_data(as_text=True)
        done = approver.post(f"/documents/{plan.id}/transitions/approve", {"version": plan.version,
                                                                             "signing_pin": PIN})
        assert done.status_code == 303
        assert PIN not in approver.get(done.headers["Location"]).get_data(as_text=True)
    logged = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
    assert wrong_pin not in logged and PIN not in logged
