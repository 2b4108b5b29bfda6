"""Verification anyone can do (API.md "Signed PDF"; issue 16, point 5): GET /api/v1/verify/{sha256}
for issued PDFs with their signatures, POST /api/v1/verify with the PDF itself. Real PAdES
signatures from a throwaway CA (tests/signing_support.py)."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from tests.api.conftest import assert_error
from tests.factories import advance, new_plan
from tests.pdf_support import pdf_settings
from tests.verification_support import (
    add_page_after_signing,
    code_of,
    corrupt_signature_contents,
    flip_a_signed_byte,
    issued_with_pdf,
    links_on_page_one,
    log_size,
    logs_of,
    make_ca,
    make_signer,
    minimal_pdf,
    rewrite_every_page,
    sign,
    store_signed,
)
from workflow_app.extensions import db
from workflow_app.models import PdfRendition, VerificationCode
from workflow_app.services import pdf_renditions, pdf_verification, verification

PDF = {"Content-Type": "application/pdf"}


@pytest.fixture(scope="module")
def pki():
    ca = make_ca()
    return {"ca": ca, "leader": make_signer(ca, "Nguyễn Văn An - Chủ tịch"),
            "org": make_signer(ca, "Ủy ban nhân dân huyện Càng Long"), "stranger": make_ca("CA lạ")}


@pytest.fixture
def trusted(app, pki, tmp_path):
    """SIGNING_TRUST_ROOTS names the test CA's PEM file (for this test only)."""
    path = tmp_path / "ca.pem"
    path.write_bytes(pki["ca"].pem)
    saved = app.config.get("SIGNING_TRUST_ROOTS")
    app.config["SIGNING_TRUST_ROOTS"] = str(path)
    yield path
    app.config["SIGNING_TRUST_ROOTS"] = saved


@pytest.fixture
def signed_issue(app, world, monkeypatch, pki):
    plan, issued, rendition = issued_with_pdf(app, world, monkeypatch)
    pdf = sign(sign(rendition.content, pki["leader"]), pki["org"], "SigOrg")
    store_signed(plan, issued, pdf)
    return plan, rendition, pdf


def _expected_head(plan) -> dict:
    return {"number": plan.number, "issued_on": plan.issued_on.isoformat(),
            "organization": "Ủy ban nhân dân huyện Càng Long", "title": plan.title}


def test_the_issued_pdf_rendition_answers_with_its_qr_code(app, world, monkeypatch, anonymous):
    plan, issued, rendition = issued_with_pdf(app, world, monkeypatch)
    code = code_of(issued.id)
    assert code and verification.is_code(code)
    url = f"https://tdkt.example.vn/xac-thuc/{code}"
    assert links_on_page_one(rendition.content) == [url]
    assert rendition.sha256 == hashlib.sha256(rendition.content).hexdigest()
    assert rendition.pages == 1   # counted before the QR's update
    answer = anonymous.get(f"/api/v1/verify/{rendition.sha256}")
    assert answer.status_code == 200
    assert answer.json == {"authentic": True, **_expected_head(plan), "signatures": [], "reasons": [],
                           "altered": False}
    # the .docx answers as it always did
    assert anonymous.get(f"/api/v1/verify/{issued.sha256}").json == {"authentic": True, **_expected_head(plan)}
    # drafts' PDFs say nothing
    draft = next(f for f in plan.files if f.step != "issued")
    draft_pdf = pdf_renditions.of_file(draft.id)
    assert code_of(draft.id) is None
    assert anonymous.get(f"/api/v1/verify/{draft_pdf.sha256}").status_code == 404


def test_a_signed_issued_pdf_by_hash_and_by_upload(signed_issue, trusted, anonymous):
    plan, _, pdf = signed_issue
    signatures = [{"signer": "Nguyễn Văn An - Chủ tịch", "role": "approver", "valid": True},
                  {"signer": "Ủy ban nhân dân huyện Càng Long", "role": "organization", "valid": True}]
    by_hash = anonymous.get(f"/api/v1/verify/{hashlib.sha256(pdf).hexdigest()}")
    posted = anonymous.post("/api/v1/verify", data=pdf, headers=PDF)
    for answer in (by_hash, posted):
        assert answer.status_code == 200, answer.json
        body = answer.json
        assert body["authentic"] is True and body["reasons"] == [] and body["altered"] is False
        assert {k: body[k] for k in _expected_head(plan)} == _expected_head(plan)
        assert [{k: s[k] for k in ("signer", "role", "valid")} for s in body["signatures"]] == signatures
        assert all(s["signed_at"].endswith("+07:00") for s in body["signatures"])


def test_a_flipped_byte_is_not_authentic(signed_issue, trusted, anonymous):
    _, _, pdf = signed_issue
    at = len(pdf) // 3   # inside the signed content, not in a signature's /Contents
    tampered = flip_a_signed_byte(pdf) if b"Van ban thu nghiem" in pdf else pdf[:at] + b"X" + pdf[at + 1:]
    body = anonymous.post("/api/v1/verify", data=tampered, headers=PDF).json
    assert body["authentic"] is False and body["altered"] is True
    assert all(s["valid"] is False for s in body["signatures"])
    assert any("không phải là tệp do hệ thống ban hành" in r for r in body["reasons"])
    assert any(pdf_verification.ALTERED in r for r in body["reasons"])


def test_a_page_added_after_signing_is_named_and_refused(signed_issue, trusted, anonymous):
    plan, _, pdf = signed_issue
    body = anonymous.post("/api/v1/verify", data=add_page_after_signing(pdf), headers=PDF).json
    assert body["authentic"] is False and body["altered"] is True
    assert body["number"] == plan.number and body["title"] == plan.title   # the file it was
    assert body["reasons"][0] == verification.CHANGED_AFTER_ISSUE
    assert body["signatures"][0]["valid"] is False


def test_an_untrusted_signer_is_not_authentic(app, signed_issue, anonymous, pki, tmp_path):
    _, _, pdf = signed_issue
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(pki["stranger"].pem)
    app.config["SIGNING_TRUST_ROOTS"] = str(stranger)
    try:
        body = anonymous.post("/api/v1/verify", data=pdf, headers=PDF).json
    finally:
        app.config["SIGNING_TRUST_ROOTS"] = ""
    assert body["authentic"] is False and body["altered"] is False
    assert body["number"]   # the file is the issued one; its signers are not trusted
    assert any("tin cậy" in r for r in body["reasons"])


def test_a_trust_root_provider_in_code(app, signed_issue, anonymous, pki):
    _, _, pdf = signed_issue
    assert anonymous.post("/api/v1/verify", data=pdf, headers=PDF).json["authentic"] is False   # no roots
    provider = lambda: [pki["ca"].pem]  # noqa: E731
    verification.add_trust_root_provider(app, provider)
    try:
        assert anonymous.post("/api/v1/verify", data=pdf, headers=PDF).json["authentic"] is True
    finally:
        app.extensions["verification_trust_roots"].remove(provider)


def test_a_pdf_the_system_never_issued(app, anonymous, pki, trusted, world):
    pdf = sign(minimal_pdf(), pki["leader"])   # validly signed, by a trusted signer, but not issued here
    body = anonymous.post("/api/v1/verify", data=pdf, headers=PDF).json
    assert body["authentic"] is False and body["number"] is None and body["signatures"][0]["valid"] is True
    assert body["reasons"] == [verification.NOT_ISSUED]


def test_bad_uploads(app, anonymous):
    assert_error(anonymous.post("/api/v1/verify", data=b"%PDF-1.7", headers={"Content-Type": "text/plain"}),
                 415, "bad_request")
    assert_error(anonymous.post("/api/v1/verify", json={"pdf": "..."}), 415, "bad_request")
    assert_error(anonymous.post("/api/v1/verify", data=b"", headers=PDF), 422, "validation")
    assert_error(anonymous.post("/api/v1/verify", data=b"PK\x03\x04 not a pdf", headers=PDF), 422, "validation")
    broken = anonymous.post("/api/v1/verify", data=b"%PDF-1.7\n\x00\xff garbage", headers=PDF)
    assert broken.status_code == 200 and broken.json["authentic"] is False
    assert pdf_verification.UNREADABLE in broken.json["reasons"]
    app.config["MAX_CONTENT_LENGTH"], saved = 1000, app.config["MAX_CONTENT_LENGTH"]
    try:
        assert_error(anonymous.post("/api/v1/verify", data=minimal_pdf() * 3, headers=PDF), 413, "too_large")
    finally:
        app.config["MAX_CONTENT_LENGTH"] = saved


def test_uploads_are_rate_limited(app, anonymous):
    app.config["VERIFY_UPLOAD_RATE_LIMIT"] = "2 per minute"
    try:
        for _ in range(2):
            assert anonymous.post("/api/v1/verify", data=minimal_pdf(), headers=PDF).status_code == 200
        refused = anonymous.post("/api/v1/verify", data=minimal_pdf(), headers=PDF)
    finally:
        app.config["VERIFY_UPLOAD_RATE_LIMIT"] = "10 per minute"
    assert_error(refused, 429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0 and "Đăng nhập" not in refused.json["error"]["message"]


def test_a_rendition_whose_stamp_failed_is_stored_without_code(app, world, monkeypatch):
    class Broken:
        def convert(self, data, *, pdfa=False):
            return b"%PDF-1.6\nnot really\n%%EOF\n", "stub"
    monkeypatch.setattr(pdf_renditions, "converter", lambda: Broken())
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        advance(world, plan, "issued", generate=True)
        assert set(pdf_renditions.run_pending().values()) == {"ready"}
    assert db.session.scalars(select(PdfRendition.file_id)).all()
    assert db.session.scalars(select(VerificationCode.code)).all() == []


def test_look_ups_are_rate_limited(app, anonymous):
    app.config["VERIFY_RATE_LIMIT"] = "2 per minute"
    try:
        answers = [anonymous.get(f"/api/v1/verify/{'0' * 64}") for _ in range(3)]
    finally:
        app.config["VERIFY_RATE_LIMIT"] = "60 per minute"
    assert [a.status_code for a in answers[:2]] == [404, 404]
    assert_error(answers[2], 429, "rate_limited")


TAMPERINGS = {"every page rewritten": rewrite_every_page, "a flipped byte": flip_a_signed_byte,
              "a page added": add_page_after_signing, "a broken signature": corrupt_signature_contents}


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_a_tampered_upload_logs_one_short_line(pki, trusted, anonymous, caplog, tampering):
    """A public upload must not flood the log: pyHanko writes a traceback listing every replaced
    object per signature (~55 KB for this 300-page file, more for larger ones). One line of ours
    stays: the reasons, the sha256 and the size."""
    pdf = TAMPERINGS[tampering](sign(sign(minimal_pdf(300), pki["leader"]), pki["org"], "SigOrg"))
    with logs_of(caplog):
        answer = anonymous.post("/api/v1/verify", data=pdf, headers=PDF)
    assert answer.status_code == 200 and answer.json["authentic"] is False
    assert log_size(caplog) <= 400, (log_size(caplog), [r.name for r in caplog.records])
    assert not [r for r in caplog.records if r.name.startswith("pyhanko")]
    [line] = [r.getMessage() for r in caplog.records]
    assert hashlib.sha256(pdf).hexdigest() in line and f"size={len(pdf)}" in line


def test_a_non_pdf_upload_logs_one_short_line_too(anonymous, caplog):
    with logs_of(caplog):
        assert anonymous.post("/api/v1/verify", data=b"not a pdf" * 1000, headers=PDF).status_code == 422
    [line] = [r.getMessage() for r in caplog.records]
    assert "not_a_pdf" in line and "size=9000" in line and len(line) <= 300


def test_pyhankos_own_logs_stay_outside_verification(pki, caplog):
    """Only the verification's call path is quiet: the same pyHanko logger still logs elsewhere."""
    import logging
    with logs_of(caplog):
        pdf_verification.check_signatures(rewrite_every_page(sign(minimal_pdf(3), pki["leader"])), [])
        logging.getLogger("pyhanko.sign.diff_analysis.policies").warning("outside verification")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pyhanko")] == ["outside verification"]


def test_quiet_also_where_an_event_loop_runs(pki, caplog):
    """Inside a running event loop pyHanko's validation runs in a thread of its own
    (services/no_event_loop.py): the quiet goes with it."""
    import asyncio

    async def check_in_a_loop():
        return pdf_verification.check_signatures(rewrite_every_page(sign(minimal_pdf(3), pki["leader"])), [])

    with logs_of(caplog):
        check = asyncio.run(check_in_a_loop())
    assert check.altered and not [r for r in caplog.records if r.name.startswith("pyhanko")]
