"""The document page's PDFs in the browser (issue 16, point 2): "đang tạo bản PDF" turns into
"Xem PDF", or into "Lỗi tạo PDF — thử lại", by static/js/pdf-status.js, without a reload."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


class _Stub:
    def __init__(self, fail: bool):
        self.fail = fail

    def convert(self, data, *, pdfa=False):
        from workflow_app.services.pdf_convert import ConversionError
        if self.fail:
            raise ConversionError("thử nghiệm")
        return b"%PDF-1.6\n%%EOF\n", "stub"


def _a_submitted_plan_with_pending_pdfs() -> tuple[int, list[int]]:
    from flask import current_app

    from workflow_app.services import accounts, demo_data, documents
    from workflow_app.services.transitions import apply_transition
    drafter = accounts.find_user("drafter")
    plan = documents.create(drafter, {"kind": "plan", "title": "Kế hoạch thử bản PDF", "body": demo_data.PLAN_BODY})
    current_app.config["PDF_QUEUE"] = "manual"
    try:
        apply_transition(plan, "submit", accounts.find_user("reviewer"))   # the head of NV signs
    finally:
        current_app.config["PDF_QUEUE"] = "off"
    return plan.id, [f.id for f in plan.files]


def _settle(file_id: int, fail: bool) -> None:
    from flask import current_app

    from workflow_app.services import pdf_renditions
    saved = pdf_renditions.converter
    pdf_renditions.converter = lambda: _Stub(fail)
    current_app.config.update(PDF_MAX_ATTEMPTS=1)
    try:
        assert pdf_renditions.run_until_settled(file_id) == ("failed" if fail else "ready")
    finally:
        pdf_renditions.converter = saved
        current_app.config.update(PDF_MAX_ATTEMPTS=3)


def test_pending_pdfs_become_links_or_retry_buttons_in_place(sign_in, in_app):
    plan_id, (first, second) = in_app(_a_submitted_plan_with_pending_pdfs)
    page = sign_in("drafter")
    page.goto(f"/documents/{plan_id}")
    assert page.locator("[data-wf-pdf=pending]").count() == 2
    page.evaluate("window.wfNotReloaded = true")
    in_app(_settle, first, False)
    in_app(_settle, second, True)
    page.locator(f'a[data-wf-pdf=ready][href="/files/{first}/pdf"]').wait_for(timeout=15_000)
    failed = page.locator(f'form[data-wf-pdf=failed][action="/pdfs/{second}/retry"]')
    failed.wait_for(timeout=15_000)
    assert page.evaluate("window.wfNotReloaded") is True
    assert page.locator("a[data-wf-pdf=ready]").inner_text() == "Xem PDF"
    failed.locator("button").click()   # the form carries the page's CSRF token
    page.wait_for_url(f"**/documents/{plan_id}*")
    assert page.locator(f'[data-wf-pdf=pending][data-wf-file="{second}"]').count() == 1
