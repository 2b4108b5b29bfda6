"""Issue 16 from the command line: seed-demo sets up DEMO signing and prints the PINs once;
`flask signing import-p12 USER FILE` stores a user's PKCS#12 checked by its PIN."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import select

from tests.factories import build_world
from workflow_app.extensions import db
from workflow_app.models import Organization, SigningCredential
from workflow_app.services import accounts, demo_pki, signatures


def test_seed_demo_sets_up_demo_signing_once_and_prints_the_pins(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--password", "CangLong@2023"])
    assert first.exit_code == 0, first.output
    assert "Mã PIN ký số demo" in first.output and "DEMO" in first.output
    pins = dict(re.findall(r"^\s+(approver\S*)\s+(\d{6})$", first.output, re.M))
    assert set(pins) == {"approver", "approver.antruong"}
    roots = db.session.scalars(select(SigningCredential).where(SigningCredential.purpose == "trust_root")).all()
    assert [r.subject for r in roots] == [demo_pki.DEMO_CA_NAME] and "DEMO" in roots[0].subject
    for org in db.session.scalars(select(Organization)):
        assert org.signs_digitally and signatures.seal_credential(org.id) is not None
    approver = accounts.find_user("approver")
    credential = signatures.personal_credential(approver)
    assert pins["approver"].encode() not in credential.pkcs12
    assert signatures.unlock_for_approval(None, approver, pins["approver"]).subject_name == approver.full_name

    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "Mã PIN" not in again.output
    assert len(db.session.scalars(select(SigningCredential)).all()) == len(pins) + 2 + 1   # + 2 seals, 1 root


def test_import_p12_checks_the_pin_and_keeps_the_file_as_it_is(app, tmp_path):
    world = build_world()
    now = datetime.now(timezone.utc)
    path = tmp_path / "approver.p12"
    path.write_bytes(demo_pki.issue_pkcs12(demo_pki.make_ca(now), "Phạm Minh Tuấn", "4321", now))
    runner = app.test_cli_runner()
    wrong = runner.invoke(args=["signing", "import-p12", "approver", str(path), "--pin", "0000"])
    assert wrong.exit_code != 0 and "PIN" in wrong.output
    assert signatures.personal_credential(world.users["approver"]) is None
    done = runner.invoke(args=["signing", "import-p12", "approver", str(path), "--pin", "4321"])
    assert done.exit_code == 0, done.output
    assert signatures.personal_credential(world.users["approver"]).pkcs12 == path.read_bytes()
    unknown = runner.invoke(args=["signing", "import-p12", "nobody", str(path), "--pin", "4321"])
    assert unknown.exit_code != 0 and "nobody" in unknown.output


def test_add_root_of_a_file_that_is_no_certificate_says_so(app, tmp_path):
    """Not a traceback: a clear message, nothing stored (a .p12 or a PEM key given by mistake)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    runner = app.test_cli_runner()
    key_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(   # made here: no key is tracked
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    for name, data in (("key.pem", key_pem),
                       ("ca.der", b"\x30\x03\x02\x01\x00"), ("empty.cer", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        refused = runner.invoke(args=["signing", "add-root", str(path)])
        assert refused.exit_code == 1 and "chứng thư" in refused.output, (name, refused.output)
        assert not isinstance(refused.exception, ValueError) and "Traceback" not in refused.output
    assert db.session.scalars(select(SigningCredential)).all() == []
