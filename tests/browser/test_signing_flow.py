"""Sign what you see, in the browser (issue 16, "Done means"): the approver opens a reviewed
proposal, sees the pages of its decision, gives a wrong PIN (a Vietnamese error, nothing changed),
then the right one: approved, and the document page lists the signed PDF first ("Đã ký số") with
its signer; the archivist, before issuing, sees the pages of the approver's signed PDF (the one he
numbers and seals: "Đang tạo bản xem trước…", then its images without a reload), issues, and the
document page shows the sealed PDF's pages; the sealed PDF is first among the files; the public
/xac-thuc page, given that PDF, says it is authentic with two valid signatures. On a 375 px phone
the PIN form and the pages are usable without sideways scrolling.

The district signs digitally only during this test (the session's database is shared with the other
browser tests, whose approvals take no PIN): switched on at the start, off at the end."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

from .helpers import flash_text

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

PIN = "135790"


def _district_signs_digitally() -> None:
    from datetime import datetime, timezone

    from sqlalchemy import select

    from workflow_app.extensions import db
    from workflow_app.models import Organization
    from workflow_app.services import accounts, demo_data, demo_pki, signatures
    from workflow_app.services.signers import certificate_info
    now = datetime.now(timezone.utc)
    ca = demo_pki.make_ca(now)
    signatures.add_trust_root(certificate_info(ca.cert).der)
    approver = accounts.find_user("approver")
    district = db.session.scalar(select(Organization).where(Organization.code == demo_data.DISTRICT["code"]))
    signatures.import_personal(approver, demo_pki.issue_pkcs12(ca, approver.full_name, PIN, now,
                                                                organization=district.name), PIN)
    signatures.import_seal(district, demo_pki.issue_pkcs12(ca, district.name, "seal", now), "seal")
    district.signs_digitally = True
    db.session.commit()


def _district_signs_on_paper() -> None:
    from sqlalchemy import select

    from workflow_app.extensions import db
    from workflow_app.models import Organization
    from workflow_app.services import demo_data
    district = db.session.scalar(select(Organization).where(Organization.code == demo_data.DISTRICT["code"]))
    district.signs_digitally = False
    db.session.commit()


@contextmanager
def district_signs_digitally(in_app):
    in_app(_district_signs_digitally)
    try:
        yield
    finally:
        in_app(_district_signs_on_paper)


def _reviewed_proposal_with_its_pages() -> tuple[int, int]:
    """A commune's proposal, reviewed by the district (other people's work), the PDF and page images
    of its draft decision made (LibreOffice): (proposal id, decision file id)."""
    from flask import current_app

    from workflow_app.extensions import db
    from workflow_app.models import Document
    from workflow_app.services import accounts, pdf_renditions
    from workflow_app.services.transitions import apply_transition

    from .helpers import submitted_proposal
    proposal = db.session.get(Document, submitted_proposal(2))
    current_app.config["PDF_QUEUE"] = "manual"
    try:
        apply_transition(proposal, "review", accounts.find_user("reviewer"))
    finally:
        current_app.config["PDF_QUEUE"] = "off"
    decision = max(f.id for f in proposal.files if f.template_name == "quyet-dinh-khen-thuong")
    assert pdf_renditions.run_until_settled(decision) == "ready"
    return proposal.id, decision


def _pdf_queue(mode: str) -> None:
    from flask import current_app
    current_app.config["PDF_QUEUE"] = mode


@contextmanager
def pdfs_recorded_not_made(in_app):
    """PDF_QUEUE manual while the steps are taken in the browser: each step's PDFs and page images
    are recorded pending, and made only when the test says (as a worker would)."""
    in_app(_pdf_queue, "manual")
    try:
        yield
    finally:
        in_app(_pdf_queue, "off")


def _signed_file(document_id: int, role: str) -> int:
    """The file id of the document's signed PDF: the approver's, or the sealed one ("organization")."""
    from sqlalchemy import select

    from workflow_app.extensions import db
    from workflow_app.models import DocumentSignature
    return db.session.scalar(select(DocumentSignature.file_id).where(
        DocumentSignature.document_id == document_id, DocumentSignature.role == role)
        .order_by(DocumentSignature.id.desc()).limit(1))


def _make_the_pages(file_id: int) -> str:
    from workflow_app.services import pdf_renditions
    return pdf_renditions.run_until_settled(file_id)


def _pages_appear(page, file_id: int):
    """The file's pages, put in place by page-preview.js once made; the first one drawn."""
    first = page.locator(f"#pages-of-{file_id}[data-wf-preview=ready] img.wf-page").first
    first.wait_for(timeout=30_000)
    first.scroll_into_view_if_needed()
    page.wait_for_function(f"document.querySelector('#pages-of-{file_id} img.wf-page').naturalWidth > 0")
    assert first.get_attribute("src") == f"/files/{file_id}/pages/1.png?w=900"
    return first


def _state(document_id: int) -> tuple[str, int, int]:
    from workflow_app.extensions import db
    from workflow_app.models import Document
    db.session.expire_all()
    document = db.session.get(Document, document_id)
    return document.state, document.version, len(document.files)


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _first_file(page):
    return page.locator("section[aria-labelledby=files-heading] li").first


def test_the_approver_signs_what_they_see_and_anyone_can_verify(sign_in, in_app, artifacts, tmp_path):
    with district_signs_digitally(in_app):
        proposal_id, decision_file = in_app(_reviewed_proposal_with_its_pages)
        before = in_app(_state, proposal_id)
        with pdfs_recorded_not_made(in_app):
            _sign_see_issue_and_verify(sign_in, in_app, artifacts, tmp_path, proposal_id, decision_file, before)


def _sign_see_issue_and_verify(sign_in, in_app, artifacts, tmp_path, proposal_id, decision_file, before):
    phone = sign_in("approver", width=375)
    phone.goto(f"/documents/{proposal_id}")
    phone.click("summary[data-transition=approve]")
    pin = phone.locator("#approve-signing_pin")
    assert pin.is_visible()
    assert phone.locator(f"#pages-of-{decision_file} img.wf-page").count() >= 1
    phone.wait_for_function("document.querySelector('img.wf-page').naturalWidth > 0")
    assert _no_sideways_scroll(phone)
    pin.fill("000000")
    phone.locator("button[data-transition=approve]").click()
    phone.wait_for_url(f"**/documents/{proposal_id}/transitions/approve")
    assert "Mã PIN ký số không đúng." in flash_text(phone)
    assert "Mã PIN không đúng." in phone.locator("#approve-signing").inner_text()
    assert in_app(_state, proposal_id) == before   # nothing changed
    # the confirmation page: the pages beside the PIN, usable on the phone
    first = phone.locator(f"#pages-of-{decision_file} img.wf-page").first
    first.scroll_into_view_if_needed()
    phone.wait_for_function("document.querySelector('img.wf-page').naturalWidth > 0")
    box = first.bounding_box()
    assert 0 < box["width"] <= 375 and box["height"] > box["width"]
    assert _no_sideways_scroll(phone)
    phone.screenshot(path=str(artifacts / "sign-wrong-pin-375.png"), full_page=True)
    pin = phone.locator("#approve-signing_pin")
    assert pin.input_value() == ""   # a PIN is never sent back
    pin.fill(PIN)
    pin_box = pin.bounding_box()
    assert pin_box["x"] >= 0 and pin_box["x"] + pin_box["width"] <= 375
    phone.locator("button[data-transition=approve]").click()
    phone.wait_for_url(f"**/documents/{proposal_id}")
    assert "Đã phê duyệt" in flash_text(phone)
    assert in_app(_state, proposal_id)[0] == "approved"
    signed = _first_file(phone)
    assert "Đã ký số" in signed.inner_text()
    assert signed.locator(".fw-semibold").first.inner_text().endswith("-da-ky.pdf")
    assert signed.locator("[data-wf-signature=approver]").inner_text().startswith("Người ký: Phạm Minh Tuấn")
    assert _no_sideways_scroll(phone)
    phone.screenshot(path=str(artifacts / "sign-approved-375.png"), full_page=True)

    # the archivist, before issuing, sees the pages of the approver's signed PDF: made after the
    # approval by the PDF queue (here, when the test says), put in place without a reload
    signed_file = in_app(_signed_file, proposal_id, "approver")
    archivist = sign_in("archivist")
    archivist.goto(f"/documents/{proposal_id}/transitions/issue")
    pending = archivist.locator(f"#pages-of-{signed_file}[data-wf-preview=pending]")
    assert pending.locator("[role=status]").inner_text().strip() == "Đang tạo bản xem trước…"
    assert archivist.locator(f"#pages-of-{decision_file}").count() == 0   # not the unsigned rendition
    archivist.evaluate("window.wfNotReloaded = true")
    assert in_app(_make_the_pages, signed_file) == "ready"
    first = _pages_appear(archivist, signed_file)
    assert archivist.evaluate("window.wfNotReloaded") is True
    assert first.get_attribute("alt").startswith("Trang 1/") and "-da-ky.pdf" in first.get_attribute("alt")
    assert "Đã ký số" in archivist.locator(f"#pages-of-{signed_file} h3").inner_text()
    box = first.bounding_box()
    assert box["width"] > 375 and box["height"] > box["width"]   # an upright page, beside the form
    archivist.screenshot(path=str(artifacts / "sign-issue-confirm-1280.png"), full_page=True)
    archivist.locator("button[data-transition=issue]").click()
    archivist.wait_for_url(f"**/documents/{proposal_id}")
    assert "ban hành" in flash_text(archivist).lower()
    # once issued, the document page shows the sealed original's pages
    sealed_file = in_app(_signed_file, proposal_id, "organization")
    assert archivist.locator(f"#pages-of-{sealed_file}[data-wf-preview=pending]").count() == 1
    assert in_app(_make_the_pages, sealed_file) == "ready"
    _pages_appear(archivist, sealed_file)
    assert archivist.locator("[data-wf-pages] [data-wf-preview]").count() == 1
    sealed = _first_file(archivist)
    assert "Đã ký số" in sealed.inner_text()
    assert "Đã ban hành" in sealed.inner_text()
    assert sealed.locator("[data-wf-signature]").all_inner_texts()[0].startswith("Người ký: Phạm Minh Tuấn")
    assert sealed.locator("[data-wf-signature=organization]").inner_text().startswith(
        "Chữ ký số cơ quan: Ủy ban nhân dân huyện Càng Long")
    with archivist.expect_download() as download:
        sealed.get_by_role("link", name="Tải về").click()
    pdf = tmp_path / "sealed.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    visitor = sign_in(None, width=375)   # anyone, on a phone
    visitor.goto("/xac-thuc")
    visitor.set_input_files("#tep", str(pdf))
    visitor.get_by_role("button", name="Xác thực").click()
    visitor.wait_for_load_state()
    result = visitor.locator("section[aria-labelledby=ket-qua]")
    assert "Đúng văn bản do hệ thống ban hành; các chữ ký số đều hợp lệ." in result.inner_text()
    assert "Trích yếu\nVề việc tặng Giấy khen" in result.inner_text()   # the decision's, not the Tờ trình's
    rows = result.locator("tbody tr")
    assert rows.count() == 2
    assert all("Hợp lệ" in r.inner_text() and "Không hợp lệ" not in r.inner_text() for r in rows.all())
    assert "Phạm Minh Tuấn" in rows.nth(0).inner_text()
    assert _no_sideways_scroll(visitor)
    visitor.screenshot(path=str(artifacts / "verify-sealed-375.png"), full_page=True)
