"""Xác thực văn bản, the public page (issue 16, point 5): no login; a PDF chosen in a plain form
upload (no JavaScript) is checked and the report shown in Vietnamese; /xac-thuc/<code> is where
the QR on an issued PDF leads."""
from __future__ import annotations

import hashlib
import html
from io import BytesIO

import pytest

from tests.verification_support import (
    add_page_after_signing,
    code_of,
    flip_a_signed_byte,
    generated_bytes_read,
    issued_round_decision_with_pdfs,
    issued_with_pdf,
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


@pytest.fixture(scope="module")
def pki():
    ca = make_ca()
    return {"ca": ca, "leader": make_signer(ca, "Nguyễn Văn An - Chủ tịch"),
            "org": make_signer(ca, "Ủy ban nhân dân huyện Càng Long")}


@pytest.fixture
def signed_issue(app, world, monkeypatch, pki, tmp_path):
    plan, issued, rendition = issued_with_pdf(app, world, monkeypatch)
    pdf = sign(sign(rendition.content, pki["leader"]), pki["org"], "SigOrg")
    store_signed(plan, issued, pdf)
    path = tmp_path / "ca.pem"
    path.write_bytes(pki["ca"].pem)
    app.config["SIGNING_TRUST_ROOTS"] = str(path)
    yield plan, rendition, pdf
    app.config["SIGNING_TRUST_ROOTS"] = ""


def _upload(client, pdf: bytes, name: str = "van-ban.pdf"):
    return client.post("/xac-thuc", data={"tep": (BytesIO(pdf), name, "application/pdf")},
                       content_type="multipart/form-data")


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_the_form_is_public_and_works_without_javascript(client):
    page = client.get("/xac-thuc")
    assert page.status_code == 200
    text = _text(page)
    assert "Xác thực văn bản" in text and 'enctype="multipart/form-data"' in text
    assert 'type="file"' in text and 'name="tep"' in text and "<script" not in text.split("<main", 1)[-1].split(
        "</main>")[0]


def test_a_valid_signed_pdf_shows_its_report(client, signed_issue):
    plan, _, pdf = signed_issue
    page = _upload(client, pdf)
    assert page.status_code == 200
    text = _text(page)
    assert "Đúng văn bản do hệ thống ban hành; các chữ ký số đều hợp lệ." in text
    for expected in (plan.number, plan.issued_on.strftime("%d/%m/%Y"), "Ủy ban nhân dân huyện Càng Long",
                     plan.title, "Nguyễn Văn An - Chủ tịch", "Người có thẩm quyền ký",
                     "Cơ quan ban hành (chữ ký số cơ quan)"):
        assert expected in text, expected
    assert "Không hợp lệ" not in text


def test_a_changed_pdf_says_it_was_changed_after_signing(client, signed_issue):
    plan, _, pdf = signed_issue
    for tampered in (flip_a_signed_byte(pdf), add_page_after_signing(pdf)):
        text = _text(_upload(client, tampered))
        assert "Không xác thực được văn bản." in text
        assert "đã bị thay đổi sau khi ký" in text and "Không hợp lệ" in text
    assert plan.number in _text(_upload(client, add_page_after_signing(pdf)))   # names the file it was


def test_a_tampered_upload_logs_one_short_line(client, pki, caplog):
    pdf = rewrite_every_page(sign(sign(minimal_pdf(300), pki["leader"]), pki["org"], "SigOrg"))
    with logs_of(caplog):
        page = _upload(client, pdf)
    assert page.status_code == 200 and "Không xác thực được văn bản." in _text(page)
    assert log_size(caplog) <= 400 and not [r for r in caplog.records if r.name.startswith("pyhanko")]
    [line] = [r.getMessage() for r in caplog.records]
    assert hashlib.sha256(pdf).hexdigest() in line and f"size={len(pdf)}" in line


def test_not_a_pdf_or_no_file(client):
    refused = _upload(client, b"PK\x03\x04 a docx", "van-ban.docx")
    assert refused.status_code == 422 and "Tệp đã chọn không phải tệp PDF." in _text(refused)
    empty = client.post("/xac-thuc", data={}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "Hãy chọn tệp PDF" in _text(empty)


def test_a_pdf_never_issued(client):
    text = _text(_upload(client, minimal_pdf()))
    assert "Không xác thực được văn bản." in text and "không phải là tệp do hệ thống ban hành" in text


def test_the_qr_code_leads_to_the_report(client, signed_issue):
    plan, rendition, pdf = signed_issue
    page = client.get(f"/xac-thuc/{code_of(rendition.file_id)}")
    assert page.status_code == 200
    text = _text(page)
    # the newest issued PDF of the document: the signed one, with both signatures
    assert plan.number in text and "Nguyễn Văn An - Chủ tịch" in text and "Đúng văn bản do hệ thống ban hành" in text
    by_hash = client.get(f"/xac-thuc/{rendition.sha256}")
    assert by_hash.status_code == 200 and plan.title in _text(by_hash)
    for unknown in ("khong-co-ma-nay", "0" * 64, "a"):
        missing = client.get(f"/xac-thuc/{unknown}")
        assert missing.status_code == 404 and "Không có văn bản ban hành nào" in _text(missing)


def test_the_qr_code_of_a_round_decision_reads_no_other_file(app, world, monkeypatch, client):
    """A round's decision issues many files (its QĐ, a certificates file and a Thông báo per
    proposing body): the page finds the PDF to check without reading every file's bytes (none
    is a PDF here, the body does not sign: its QĐ's PDF rendition answers)."""
    decision, issued = issued_round_decision_with_pdfs(app, world, monkeypatch)
    assert len(issued) >= 3 and not any(f.file_name.endswith(".pdf") for f in issued)
    main = min(issued, key=lambda f: f.id)
    db.session.expire_all()
    with generated_bytes_read() as read:
        page = client.get(f"/xac-thuc/{code_of(main.id)}")
    assert page.status_code == 200 and decision.number in _text(page)
    assert "Đúng văn bản do hệ thống ban hành" in _text(page)
    assert read == [0]


def test_the_qr_code_reads_only_the_signed_pdf(client, signed_issue):
    plan, rendition, pdf = signed_issue
    db.session.expire_all()
    with generated_bytes_read() as read:
        page = client.get(f"/xac-thuc/{code_of(rendition.file_id)}")
    assert page.status_code == 200 and "Nguyễn Văn An - Chủ tịch" in _text(page)
    assert read == [len(pdf)]


def test_the_page_is_rate_limited(app, client):
    app.config["VERIFY_RATE_LIMIT"] = "2 per minute"
    try:
        statuses = [client.get("/xac-thuc/khong-co-ma-nay").status_code for _ in range(3)]
    finally:
        app.config["VERIFY_RATE_LIMIT"] = "60 per minute"
    assert statuses[:2] == [404, 404] and statuses[2] == 429
