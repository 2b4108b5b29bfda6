"""Issue 16 (sign what you see), API.md "Signed PDF": with REAL PAdES signatures, validated by
pyHanko (and poppler's pdfsig as an outside check). The approver certifies the approved PDF with
their key (PIN in the request; wrong PIN: 422 and nothing changes); at issue the number and date
are filled in and the body's seal signed over them without breaking the first signature."""
from __future__ import annotations

import hashlib
import subprocess

import pytest
from sqlalchemy import func, select

from tests.api.conftest import assert_error
from tests.factories import advance, new_plan, snapshot
from tests.pdf_support import poppler
from tests.signing_support import PIN, sign_digitally
from workflow_app.extensions import db
from workflow_app.models import Document, DocumentSignature, GeneratedFile
from workflow_app.services import signatures

pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def signing(world):
    return sign_digitally(world)


def _reviewed_plan(world):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    return plan


def _approve(caller, plan, **extra):
    return caller("approver").post(f"/api/v1/documents/{plan.id}/transitions",
                                   json={"transition": "approve", **extra})


def _signed_pdf(caller, who, file_id) -> bytes:
    response = caller(who).get(f"/api/v1/files/{file_id}")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    return response.data


def test_approve_certifies_the_approved_pdf_with_the_approvers_key(world, caller, signing):
    plan = _reviewed_plan(world)
    done = _approve(caller, plan, signing_pin=PIN)
    assert done.status_code == 200, done.json
    shown = caller("approver").get(f"/api/v1/documents/{plan.id}").json
    [signature] = shown["signatures"]
    assert signature["role"] == "approver" and signature["signer"] == "Phạm Minh Tuấn" and signature["signed_at"]
    approved_files = [f for f in shown["files"] if f["step"] == "approved"]
    assert approved_files[0]["id"] == signature["file_id"] and approved_files[0]["name"].endswith("-da-ky.pdf")

    pdf = _signed_pdf(caller, "approver", signature["file_id"])
    assert hashlib.sha256(pdf).hexdigest() == approved_files[0]["sha256"]
    [report] = signatures.validate(pdf)
    assert (report.field, report.role, report.signer) == ("SigLeader", "approver", "Phạm Minh Tuấn")
    assert report.intact and report.valid and report.trusted and report.docmdp_ok and report.certified, report
    # the PDF of the signed file is the file itself, never a LibreOffice rendition of it
    assert caller("approver").get(f"/api/v1/files/{signature['file_id']}/pdf").data == pdf


@pytest.mark.parametrize("pin, status, code", [(None, 422, "validation"), ("", 422, "validation"),
                                               ("000000", 422, "validation"), (246810, 400, "bad_request")])
def test_a_wrong_or_missing_pin_refuses_the_step_and_changes_nothing(world, caller, signing, pin, status, code):
    plan = _reviewed_plan(world)
    before = snapshot(plan.id)
    extra = {} if pin is None else {"signing_pin": pin}
    assert_error(_approve(caller, plan, **extra), status, code, "signing_pin")
    assert snapshot(plan.id) == before   # state, version, history, files, numbers
    assert db.session.scalar(select(func.count()).select_from(DocumentSignature)) == 0


def test_a_body_that_does_not_sign_digitally_approves_without_a_pin(world, caller):
    plan = _reviewed_plan(world)
    assert _approve(caller, plan).status_code == 200
    assert caller("approver").get(f"/api/v1/documents/{plan.id}").json["signatures"] == []


def test_issue_fills_number_and_date_and_seals_without_breaking_the_first_signature(world, caller, signing,
                                                                                      tmp_path):
    plan = _reviewed_plan(world)
    assert _approve(caller, plan, signing_pin=PIN).status_code == 200
    issued = caller("archivist").post(f"/api/v1/documents/{plan.id}/transitions", json={"transition": "issue"})
    assert issued.status_code == 200, issued.json
    shown = caller("archivist").get(f"/api/v1/documents/{plan.id}").json
    approver_sig, seal = shown["signatures"]
    assert (approver_sig["role"], seal["role"]) == ("approver", "organization")
    assert seal["signer"] == world.district.name
    issued_files = [f for f in shown["files"] if f["step"] == "issued"]
    assert issued_files[0]["id"] == seal["file_id"]   # the signed PDF first among the issued files

    pdf = _signed_pdf(caller, "archivist", seal["file_id"])
    leader, org = signatures.validate(pdf)
    assert (leader.field, org.field) == ("SigLeader", "SigOrg")
    for report in (leader, org):
        assert report.intact and report.valid and report.trusted and report.docmdp_ok, report
    assert leader.modification_level == "FORM_FILLING" and leader.certified
    assert org.signer == world.district.name
    # the number and the day are in the form fields; pdftotext shows them on the first page
    seq = shown["number"].split("/")[0]
    (tmp_path / "issued.pdf").write_bytes(pdf)
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "issued.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
    number_line = next(line for line in first_page.splitlines() if "/KH-UBND" in line)
    assert f"Số: {seq} /KH-UBND" in " ".join(number_line.split()), number_line
    assert "DỰ THẢO" not in first_page   # the approver signed the document as issued, not a draft
    # poppler, an outside check (it does not judge DocMDP: pyHanko did above); it exits 0 even on a
    # bad signature, so its text is read
    report = poppler("pdfsig", pdf, tmp_path)
    assert report.count("Signature Validation: Signature is Valid.") == 2, report
    # an issued signed PDF verifies as issued by its hash
    assert caller("archivist").get(f"/api/v1/verify/{issued_files[0]['sha256']}").json["authentic"] is True

    flipped = bytearray(pdf)
    middle = len(pdf) // 3       # inside the first revision, covered by both signatures
    flipped[middle] ^= 0x01
    broken = signatures.validate(bytes(flipped))
    assert broken and not any(r.intact and r.valid for r in broken)
    assert "Digest Mismatch" in poppler("pdfsig", bytes(flipped), tmp_path) or \
        "Signature is Invalid" in poppler("pdfsig", bytes(flipped), tmp_path)


def test_signed_pdfs_are_not_sent_to_libreoffice(app, world, caller, signing, monkeypatch):
    """Only their page images are made, after the step (tests/services/test_signed_pdf_pages.py)."""
    from tests.pdf_support import pdf_settings
    from workflow_app.services import pdf_renditions
    plan = _reviewed_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        assert _approve(caller, plan, signing_pin=PIN).status_code == 200
    signed = db.session.scalar(select(DocumentSignature)).file_id
    assert db.session.get(GeneratedFile, signed).file_name.endswith(".pdf")
    sent = []

    class Watching:
        def convert(self, data, *, pdfa=False):
            sent.append(data)
            raise AssertionError("a PDF was sent to LibreOffice")

    monkeypatch.setattr(pdf_renditions, "converter", lambda: Watching())
    assert pdf_renditions.run_until_settled(signed) == "ready" and sent == []
    rendition = pdf_renditions.of_file(signed, with_content=True)
    assert rendition.content is None and rendition.converter == "" and rendition.pages >= 1
    assert caller("approver").get(f"/api/v1/files/{signed}/pdf").data == _signed_pdf(caller, "approver", signed)
    assert_error(caller("approver").post(f"/api/v1/pdfs/{signed}/retry"), 409, "conflict")


def test_a_commendation_decision_is_signed_and_sealed(world, caller, signing):
    from tests.factories import new_commendation
    world.district.signs_digitally = False   # its plan was issued before the district signed digitally
    proposal = new_commendation(world)
    world.district.signs_digitally = True
    db.session.commit()
    advance(world, proposal, "reviewed")
    assert _approve(caller, proposal, signing_pin=PIN).status_code == 200
    assert caller("archivist").post(f"/api/v1/documents/{proposal.id}/transitions",
                                    json={"transition": "issue"}).status_code == 200
    shown = caller("archivist").get(f"/api/v1/documents/{proposal.id}").json
    assert [s["role"] for s in shown["signatures"]] == ["approver", "organization"]
    pdf = _signed_pdf(caller, "archivist", shown["signatures"][-1]["file_id"])
    leader, org = signatures.validate(pdf)
    assert leader.ok and org.ok and leader.modification_level == "FORM_FILLING"
    assert [f["name"] for f in shown["files"] if f["step"] == "issued"][0].startswith("quyet-dinh-khen-thuong")


def test_the_pin_is_not_kept_by_an_idempotency_key(world, caller, signing):
    from workflow_app.models import IdempotencyKey
    from workflow_app.services import idempotency
    plan = _reviewed_plan(world)
    done = caller("approver").post(f"/api/v1/documents/{plan.id}/transitions",
                                   json={"transition": "approve", "signing_pin": PIN},
                                   headers={"Idempotency-Key": "approve-once"})
    assert done.status_code == 200
    row = db.session.scalar(select(IdempotencyKey))
    assert PIN not in (row.body or "")
    path = f"/api/v1/documents/{plan.id}/transitions"
    assert row.fingerprint == idempotency.fingerprint("POST", path, {"transition": "approve"})


def test_a_failed_conversion_or_a_missing_key_refuses_the_step_with_nothing_written(world, caller, signing,
                                                                                   monkeypatch):
    from workflow_app.services import pdf_convert, pdf_renditions

    class Broken:
        def convert(self, data, *, pdfa=False):
            raise pdf_convert.ConversionError("LibreOffice không chạy: thử nghiệm.")

    plan = _reviewed_plan(world)
    before = snapshot(plan.id)
    monkeypatch.setattr(pdf_renditions, "converter", lambda: Broken())
    error = assert_error(_approve(caller, plan, signing_pin=PIN), 422, "validation", "signature")
    assert "thử nghiệm" in error["fields"]["signature"]
    assert snapshot(plan.id) == before
    # the chairman (also an approver) has no signing certificate: told so, nothing written
    refused = caller("chairman").post(f"/api/v1/documents/{plan.id}/transitions",
                                      json={"transition": "approve", "signing_pin": PIN})
    assert "chưa có chứng thư" in assert_error(refused, 422, "validation", "signing_pin")["message"]
    assert snapshot(plan.id) == before


def test_issued_in_another_month_the_date_line_reads_the_issue_date(world, signing, tmp_path):
    from datetime import datetime, timedelta, timezone

    from workflow_app.domain.clock import local_today
    from workflow_app.domain.vnformat import date_phrase
    from workflow_app.services.transitions import apply_transition
    plan = _reviewed_plan(world)
    approved_at = datetime.now(timezone.utc) - timedelta(days=40)   # another month
    apply_transition(plan, "approve", world.users["approver"], signing_pin=PIN, at=approved_at)
    apply_transition(plan, "issue", world.users["archivist"])
    sealed = signatures.of_document(plan)[-1]
    pdf = db.session.get(GeneratedFile, sealed.file_id).content
    leader, org = signatures.validate(pdf)
    assert leader.ok and org.ok and leader.modification_level == "FORM_FILLING"
    (tmp_path / "issued.pdf").write_bytes(pdf)
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "issued.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert date_phrase(local_today()) in " ".join(first_page.split())


def test_the_issued_signed_pdf_carries_its_qr_and_verifies_publicly_with_both_signatures(world, caller, signing,
                                                                                          client, tmp_path):
    """Signing and verification together: the QR to /xac-thuc is stamped before the approver's
    signature (so both stay valid), and anyone checking the sealed PDF, by hash or by upload, gets
    both signatures valid against the CA stored for signing."""
    plan = _reviewed_plan(world)
    assert _approve(caller, plan, signing_pin=PIN).status_code == 200
    assert caller("archivist").post(f"/api/v1/documents/{plan.id}/transitions",
                                    json={"transition": "issue"}).status_code == 200
    shown = caller("archivist").get(f"/api/v1/documents/{plan.id}").json
    seal = shown["signatures"][1]
    pdf = _signed_pdf(caller, "archivist", seal["file_id"])
    links = poppler("pdfinfo", pdf, tmp_path)   # the file opens in poppler
    assert "Pages:" in links
    from tests.verification_support import links_on_page_one
    [qr_link] = links_on_page_one(pdf)             # the QR's link, on page 1 before the signatures
    assert "/xac-thuc/" in qr_link

    by_hash = client.get(f"/api/v1/verify/{hashlib.sha256(pdf).hexdigest()}")
    assert by_hash.status_code == 200, by_hash.json
    assert by_hash.json["authentic"] is True and by_hash.json["number"] == shown["number"]
    assert [(s["role"], s["valid"]) for s in by_hash.json["signatures"]] == [("approver", True),
                                                                          ("organization", True)]
    uploaded = client.post("/api/v1/verify", data=pdf, content_type="application/pdf")
    assert uploaded.status_code == 200 and uploaded.json["authentic"] is True, uploaded.json
    flipped = bytearray(pdf)
    flipped[len(pdf) // 3] ^= 0x01
    refused = client.post("/api/v1/verify", data=bytes(flipped), content_type="application/pdf")
    assert refused.status_code == 200 and refused.json["authentic"] is False and refused.json["reasons"]


def test_a_round_decision_is_signed_at_approve_and_sealed_at_issue(world, caller, signing):
    """The round's one decision is approved and issued like any decision: where the body signs
    digitally the approver's PIN is asked and both signatures stand on its QĐ."""
    from tests.round_decision_world import round_world
    world.district.signs_digitally = False   # the round's plan was issued before the district signed digitally
    rw = round_world(world)
    world.district.signs_digitally = True
    db.session.commit()
    made = caller("reviewer").post(f"/api/v1/rounds/{rw.round.id}/decision", json={})
    assert made.status_code == 201, made.json
    decision_id = made.json["id"]
    unsigned = caller("approver").post(f"/api/v1/documents/{decision_id}/transitions", json={"transition": "approve"})
    assert_error(unsigned, 422, "validation", "signing_pin")
    assert _approve(caller, db.session.get(Document, decision_id), signing_pin=PIN).status_code == 200
    assert caller("archivist").post(f"/api/v1/documents/{decision_id}/transitions",
                                    json={"transition": "issue"}).status_code == 200
    shown = caller("archivist").get(f"/api/v1/documents/{decision_id}").json
    assert [s["role"] for s in shown["signatures"]] == ["approver", "organization"]
    leader, org = signatures.validate(_signed_pdf(caller, "archivist", shown["signatures"][-1]["file_id"]))
    assert leader.ok and org.ok and leader.modification_level == "FORM_FILLING"
