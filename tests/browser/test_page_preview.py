"""The preview in the browser (issue 16, point 2: sign what you see): the approver opens the approve
page of a reviewed proposal while its decision's PDF is still being made ("Đang tạo bản xem
trước…"); the in-process worker makes it with LibreOffice, and static/js/page-preview.js puts the
page images in place without a reload, on a phone as on a desktop, with no sideways scrolling."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _reviewed_proposal_with_pending_pdfs() -> tuple[int, int]:
    from flask import current_app

    from workflow_app.extensions import db
    from workflow_app.models import Document
    from workflow_app.services import accounts
    from workflow_app.services.transitions import apply_transition

    from .helpers import submitted_proposal
    proposal = db.session.get(Document, submitted_proposal(3))
    current_app.config["PDF_QUEUE"] = "manual"   # recorded pending; nothing converts them yet
    try:
        apply_transition(proposal, "review", accounts.find_user("reviewer"))
    finally:
        current_app.config["PDF_QUEUE"] = "off"
    decision = max(f.id for f in proposal.files if f.template_name == "quyet-dinh-khen-thuong")
    return proposal.id, decision


def _start_the_worker():
    from flask import current_app

    from workflow_app.services import pdf_renditions
    current_app.config.update(PDF_QUEUE="thread", PDF_SWEEP_SECONDS=0.5)
    pdf_renditions.start_thread_worker(current_app._get_current_object())


def _stop_the_worker():
    from flask import current_app

    from workflow_app.services import pdf_renditions
    pdf_renditions.stop_thread_worker()
    current_app.config.update(PDF_QUEUE="off", PDF_SWEEP_SECONDS=30)


def _fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_approver_sees_the_pages_of_the_decision(sign_in, in_app, artifacts):
    proposal_id, decision = in_app(_reviewed_proposal_with_pending_pdfs)
    url = f"/documents/{proposal_id}/transitions/approve"
    phone = sign_in("approver", width=375)
    phone.goto(url)
    pending = phone.locator(f"#pages-of-{decision}[data-wf-preview=pending]")
    assert pending.locator("[role=status]").inner_text().strip() == "Đang tạo bản xem trước…"
    assert phone.locator("img.wf-page").count() == 0
    phone.evaluate("window.wfNotReloaded = true")
    in_app(_start_the_worker)
    try:
        first = phone.locator(f"#pages-of-{decision}[data-wf-preview=ready] img.wf-page").first
        first.wait_for(timeout=120_000)   # a cold LibreOffice, then the images
        first.scroll_into_view_if_needed()
        phone.wait_for_function("document.querySelector('img.wf-page').naturalWidth > 0")
        assert phone.evaluate("window.wfNotReloaded") is True
        assert first.get_attribute("src") == f"/files/{decision}/pages/1.png?w=900"
        assert first.get_attribute("alt").startswith("Trang 1/")
        box = first.bounding_box()
        assert 0 < box["width"] <= 375 and box["height"] > box["width"]   # an upright page, within the screen
        assert _fits(phone, 375)
        phone.screenshot(path=str(artifacts / "preview-approve-375.png"), full_page=True)

        desktop = sign_in("approver")
        desktop.goto(url)
        image = desktop.locator(f"#pages-of-{decision} img.wf-page").first
        desktop.wait_for_function("document.querySelector('img.wf-page').naturalWidth > 0")
        assert image.bounding_box()["width"] > 375 and _fits(desktop, 1280)
        desktop.screenshot(path=str(artifacts / "preview-approve-1280.png"))
    finally:
        in_app(_stop_the_worker)
