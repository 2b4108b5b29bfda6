"""A signing certificate that was valid when uploaded and has expired since (issue 16): the approver
is told at approve (422, nothing changed), rather than the document being certified with a key whose
signature no verifier will trust; likewise the body's seal at issue."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from tests.api.conftest import assert_error
from tests.factories import advance, new_plan, snapshot
from tests.signing_support import PIN, sign_digitally
from workflow_app.extensions import db
from workflow_app.models import DocumentSignature
from workflow_app.services import signatures

pytestmark = pytest.mark.usefixtures("app")


def _short(p12: bytes, pin: str, days: int = 2) -> bytes:
    """The PKCS#12's key with a certificate like its own, valid for `days` more days only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from workflow_app.services import demo_pki
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    key, cert, _chain = pkcs12.load_key_and_certificates(p12, pin.encode())
    short = (x509.CertificateBuilder().subject_name(cert.subject).issuer_name(ca.cert.subject)
             .public_key(cert.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=days))
             .sign(ca.key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"k", key, short, [ca.cert], BestAvailableEncryption(pin.encode()))


def _expiring_credentials(world):
    """The approver's key valid for two more days."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    from workflow_app.services import demo_pki
    sign_digitally(world)
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    approver = world.users["approver"]
    p12 = demo_pki.issue_pkcs12(ca, approver.full_name, PIN, now)
    key, cert, chain = pkcs12.load_key_and_certificates(p12, PIN.encode())
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
    short = (x509.CertificateBuilder().subject_name(cert.subject).issuer_name(cert.issuer)
             .public_key(cert.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=2))
             .sign(ca.key, hashes.SHA256()))
    signatures.import_personal(approver, pkcs12.serialize_key_and_certificates(
        b"a", key, short, chain, BestAvailableEncryption(PIN.encode())), PIN)
    db.session.commit()


def test_an_expired_personal_certificate_refuses_approve_with_nothing_changed(world, caller):
    _expiring_credentials(world)
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    before = snapshot(plan.id)
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(days=5)):
        refused = caller("approver").post(f"/api/v1/documents/{plan.id}/transitions",
                                          json={"transition": "approve", "signing_pin": PIN})
    assert_error(refused, 422, "validation", "signing_pin")
    assert "hết hiệu lực" in refused.json["error"]["fields"]["signing_pin"]
    assert snapshot(plan.id) == before
    assert db.session.scalar(select(func.count()).select_from(DocumentSignature)) == 0


def test_an_expired_seal_refuses_issue_with_no_number_taken(world, caller):
    from workflow_app.services import demo_pki
    sign_digitally(world)
    now = datetime.now(timezone.utc)
    seal = demo_pki.issue_pkcs12(demo_pki.make_ca(now), world.district.name, "seal", now)
    signatures.import_seal(world.district, _short(seal, "seal"), "seal")
    db.session.commit()
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    approved = caller("approver").post(f"/api/v1/documents/{plan.id}/transitions",
                                       json={"transition": "approve", "signing_pin": PIN})
    assert approved.status_code == 200, approved.json
    before = snapshot(plan.id)
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(days=5)):
        refused = caller("archivist").post(f"/api/v1/documents/{plan.id}/transitions", json={"transition": "issue"})
    assert_error(refused, 422, "validation", "seal")
    assert "hết hiệu lực" in refused.json["error"]["message"]
    assert snapshot(plan.id) == before   # no number, no file, no history
