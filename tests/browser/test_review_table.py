"""The review at 300 nominees (issue 13): the reviewer finds 3 by name (without accents), rejects
them in one go, writes the reasons, accepts the rest with "select all" and one button, and submits;
the clicks and typed entries are counted and printed with the page's height. A reason missing is
shown at its row, by the server (no JavaScript) and before the post (with it)."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .helpers import flash_text, submitted_proposal

pytestmark = pytest.mark.browser
NOMINEES = 300
REJECTED = {7: "Chưa đủ tiêu chuẩn theo quy định.", 142: "Đã được khen cùng thành tích năm trước.",
            290: "Hồ sơ thiếu xác nhận của đơn vị."}
# what the reviewer types to find each (no accents: the search folds them), and the name it finds
SEARCHES = {7: ("tran thi duoc de nghi 007", "Trần Thị Được Đề Nghị 007"),   # a Lao động tiên tiến
            142: ("de nghi 142", "Trần Thị Được Đề Nghị 142"),                # a Giấy khen
            290: ("to chuyen mon so 290", "Tổ Chuyên Môn Số 290")}             # a collective
MAX_HEIGHT = 12_000     # px at 1366: the page of decision blocks was 27,000


class Counter:
    """Clicks (buttons, links, choices, checkboxes) and typed entries (one per field filled)."""

    def __init__(self):
        self.clicks = self.entries = 0

    def click(self, locator, action: str = "click", *args):
        self.clicks += 1
        getattr(locator, action)(*args)

    def type(self, locator, text: str):
        self.entries += 1
        locator.fill(text)


def _decisions(proposal_id):
    from workflow_app.extensions import db
    from workflow_app.models import Document
    db.session.expire_all()
    return [(n.full_name, n.review_status, n.review_note) for n in db.session.get(Document, proposal_id).nominees]


def _text(locator) -> str:
    return re.sub(r"\s+", " ", locator.inner_text()).strip()


def test_reject_three_of_300_through_the_table(sign_in, in_app):
    proposal = in_app(submitted_proposal, NOMINEES)
    phone = sign_in("reviewer", width=390)                       # how long the same page is on a phone
    phone.goto(f"/documents/{proposal}/transitions/review")
    phone.locator("[data-wf-review].wf-review-live").wait_for()
    phone_height = phone.evaluate("document.body.scrollHeight")
    count, started = Counter(), time.monotonic()
    reviewer = sign_in("reviewer", width=1366)
    count.clicks += 1                                            # the sign-in button
    count.click(reviewer.locator(f"a[href$='/documents/{proposal}/transitions/review']").first)
    table = reviewer.locator("[data-wf-review]")
    reviewer.locator("[data-wf-review].wf-review-live").wait_for()     # review.js has run
    height = reviewer.evaluate("document.body.scrollHeight")
    assert _text(table.locator(".wf-review-counts")).startswith("0 đồng ý · 0 không đề nghị · 300 chưa quyết định")

    search = table.locator("[data-wf-search]")
    for typed, name in SEARCHES.values():
        count.type(search, typed)
        shown = table.locator("tr.wf-decision:visible")
        expect(shown).to_have_count(1)
        assert name in shown.inner_text()
        count.click(shown.locator("[data-wf-select]"), "check")
    count.type(search, "")
    assert _text(table.locator("[data-wf-selected]")) == "3"
    count.click(table.locator("[data-wf-bulk=rejected]"))
    assert _text(table.locator(".wf-review-counts")).startswith("0 đồng ý · 3 không đề nghị · 297 chưa quyết định")
    count.click(table.locator("[data-wf-filter=status]"), "select_option", "rejected")
    for n, reason in REJECTED.items():
        row = table.locator(f"#decision-{n}")
        assert row.is_visible()
        count.type(row.locator(".wf-review-note input"), reason)
    assert table.locator("tr.wf-decision:visible").count() == 3

    count.click(table.locator("[data-wf-filter=status]"), "select_option", "pending")
    assert _text(table.locator("[data-wf-shown]")) == "297"
    count.click(table.locator("[data-wf-select-all]"), "check")
    count.click(table.locator("[data-wf-bulk=accepted]"))
    assert _text(table.locator(".wf-review-counts")).startswith("297 đồng ý · 3 không đề nghị · 0 chưa quyết định")
    count.click(reviewer.locator("button[data-transition=review]"))
    assert "Đã thẩm định" in flash_text(reviewer)
    wall = time.monotonic() - started
    print(f"\nreview table: {NOMINEES} nominees, {len(REJECTED)} rejected: {count.clicks} clicks, "
          f"{count.entries} typed entries, page height {height} px at 1366 px ({phone_height} px at 390 px), "
          f"{wall:.1f} s")

    decisions = in_app(_decisions, proposal)
    rejected = {int(name[-3:]): note for name, status, note in decisions if status == "rejected"}
    assert rejected == REJECTED
    assert sum(1 for _, status, _ in decisions if status == "accepted") == NOMINEES - len(REJECTED)
    outcome = reviewer.locator(".wf-review-outcome")              # the document page after the review
    assert "297 đồng ý · 3 không đề nghị" in _text(outcome)
    assert "142. Trần Thị Được Đề Nghị 142" in _text(outcome)
    assert height < MAX_HEIGHT, f"the review page is {height} px tall at 1366 px"
    assert count.clicks <= 12


def test_a_missing_reason_is_shown_at_its_row_by_the_server(chromium, live_server, in_app):
    """Without JavaScript the form posts as it is; the server's reason comes back at the row,
    linked from the banner, with everything entered kept."""
    from .conftest import PASSWORD
    proposal = in_app(submitted_proposal, 30)
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server,
                                   java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto("/login")
        page.fill("input[name=username]", "reviewer")
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        page.goto(f"/documents/{proposal}/transitions/review")
        assert not page.locator("[data-wf-search]").is_visible()     # the toolbar needs the script
        page.locator("#decision-3").get_by_label("Không đề nghị", exact=True).check()
        page.locator("#decision-3 .wf-review-note input").fill("Thiếu hồ sơ.")
        page.locator("#decision-12").get_by_label("Không đề nghị", exact=True).check()   # no reason
        page.click("button[data-transition=review]")
        banner = page.locator(".wf-review-errors")
        assert "Dòng 12 — Trần Thị Được Đề Nghị 012" in banner.inner_text()
        banner.get_by_role("link", name=re.compile("Dòng 12")).click()
        assert page.url.endswith("#decision-12")
        row = page.locator("#decision-12")
        assert "wf-row-invalid" in row.get_attribute("class")
        assert "Cần ghi lý do không đề nghị khen thưởng." in row.inner_text()
        assert row.get_by_label("Không đề nghị", exact=True).is_checked()
        assert page.locator("#decision-3 .wf-review-note input").input_value() == "Thiếu hồ sơ."
        assert "wf-row-invalid" not in page.locator("#decision-3").get_attribute("class")
    finally:
        context.close()


def test_a_missing_reason_is_caught_before_the_post_at_its_row(sign_in, in_app):
    proposal = in_app(submitted_proposal, 30)
    page = sign_in("reviewer", width=390)
    page.goto(f"/documents/{proposal}/transitions/review")
    table = page.locator("[data-wf-review]")
    page.locator("[data-wf-review].wf-review-live").wait_for()
    shown = table.locator("[data-wf-shown]")
    table.locator("[data-wf-filter=kind]").select_option("collective")          # rows 10, 20, 30
    assert _text(shown) == "3" and table.locator("#decision-20").is_visible()
    table.locator("[data-wf-filter=kind]").select_option("")
    table.locator("[data-wf-filter=award]").select_option("lao_dong_tien_tien")  # rows 7, 14, 21, 28
    assert _text(shown) == "4" and not table.locator("#decision-8").is_visible()
    table.locator("[data-wf-filter=award]").select_option("")
    table.locator("[data-wf-search]").fill("de nghi 021")
    table.locator("#decision-21 [data-wf-select]").check()
    table.locator("[data-wf-bulk=rejected]").click()
    assert page.evaluate("document.activeElement.name") == "decisions-20-note"   # the reason is asked next
    page.click("button[data-transition=review]")
    row = table.locator("#decision-21")
    assert "wf-row-invalid" in row.get_attribute("class")
    assert "Dòng 21" in table.locator(".wf-review-errors").inner_text()
    assert _text(table.locator("[data-wf-shown]")) == "30"                       # the filters were cleared
    assert page.evaluate("document.activeElement.name") == "decisions-20-note"
    assert f"/documents/{proposal}/transitions/review" in page.url and not page.locator(".alert-success").count()
    page.keyboard.type("Chưa đủ thời gian công tác.")                       # the focused reason box
    page.click("button[data-transition=review]")                              # not disabled by the stop
    assert "Đã thẩm định" in flash_text(page)
    assert [d for d in in_app(_decisions, proposal) if d[1] == "rejected"] == [
        ("Trần Thị Được Đề Nghị 021", "rejected", "Chưa đủ thời gian công tác.")]
