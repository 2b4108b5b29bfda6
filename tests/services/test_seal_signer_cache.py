"""The body's seal signer is opened once per process and kept (issue 16: the seal at issue decrypted
its PKCS#12 twice per signature); a new seal uploaded is used at once; the approver's PIN-locked key
is never kept."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.factories import advance, new_plan
from tests.signing_support import PIN, sign_digitally
from workflow_app.services import demo_pki, signatures, signers
from workflow_app.services.signatures import PIN_FIELD
from workflow_app.services.transitions import apply_transition


def _pkcs12(name: str = "Ủy ban nhân dân huyện") -> bytes:
    now = datetime.now(timezone.utc)
    return demo_pki.issue_pkcs12(demo_pki.make_ca(now), name, "seal", now)


def test_seal_signer_is_kept_by_row_and_content():
    signers.forget_seals()
    data, other = _pkcs12(), _pkcs12("Cơ quan khác")
    first = signers.seal_signer(7, data, b"seal")
    assert signers.seal_signer(7, data, b"seal") is first
    replaced = signers.seal_signer(7, other, b"seal")   # same row id, other bytes: opened anew
    assert replaced is not first and replaced.subject_name == "Cơ quan khác"
    signers.forget_seals()
    assert signers.seal_signer(7, other, b"seal") is not replaced


def test_issue_opens_the_seal_once_and_a_new_seal_at_once(app, world, monkeypatch):
    sign_digitally(world)
    signers.forget_seals()
    opened = []
    real_open = signers.open_pkcs12
    monkeypatch.setattr(signers, "open_pkcs12", lambda data, pin: opened.append(data) or real_open(data, pin))
    archivist, approver = world.users["archivist"], world.users["approver"]
    issued = []
    for _ in range(2):
        plan = new_plan(world)
        advance(world, plan, "reviewed")
        apply_transition(plan, "approve", approver, **{PIN_FIELD: PIN})
        apply_transition(plan, "issue", archivist)
        issued.append(signatures.of_document(plan)[-1])
    # two approvals open the approver's PKCS#12 each time (its PIN is not kept); the seal once
    assert len(opened) == 3
    assert issued[0].cert_sha256 == issued[1].cert_sha256

    now = datetime.now(timezone.utc)
    new_seal = signatures.import_seal(world.district, demo_pki.issue_pkcs12(
        demo_pki.make_ca(now), world.district.name, "seal", now), "seal")
    from workflow_app.extensions import db
    db.session.commit()
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    apply_transition(plan, "approve", approver, **{PIN_FIELD: PIN})
    apply_transition(plan, "issue", archivist)
    assert signatures.of_document(plan)[-1].cert_sha256 == new_seal.cert_sha256 != issued[0].cert_sha256
