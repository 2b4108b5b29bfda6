"""Digital signing set up for a test: a demo CA trusted, the approver's PKCS#12 with a PIN, the
district's seal, and the district signing digitally (issue 16)."""
from __future__ import annotations

from datetime import datetime, timezone

from workflow_app.extensions import db
from workflow_app.services import demo_pki, signatures
from workflow_app.services.signers import certificate_info

PIN = "246810"


def sign_digitally(world, pin: str = PIN):
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    signatures.add_trust_root(certificate_info(ca.cert).der)
    approver = world.users["approver"]
    signatures.import_personal(approver, demo_pki.issue_pkcs12(ca, approver.full_name, pin, now,
                                                                organization=world.district.name), pin)
    signatures.import_seal(world.district, demo_pki.issue_pkcs12(ca, world.district.name, "seal", now), "seal")
    world.district.signs_digitally = True
    db.session.commit()
    return ca
