"""The notices in the browser (issue 14 §10): the count in the top bar, the Thông báo page, reading
a notice by opening its document, "Đánh dấu đã đọc"; the page fits a phone."""
from __future__ import annotations

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.browser
USERNAME = "thamdinh.thongbao"


def _a_reviewer_with_two_submissions() -> list[int]:
    """A reviewer of the district created now (so that only these notices are theirs), and two
    plans the district's drafter submitted to them."""
    from workflow_app.services import accounts, demo_data, documents
    from workflow_app.services.transitions import apply_transition
    drafter = accounts.find_user("drafter")
    accounts.create_user(USERNAME, PASSWORD, full_name="Ngô Thị Thẩm Định", organization=drafter.organization,
                         roles=["reviewer"], position="Chuyên viên Phòng Nội vụ")
    ids = []
    for title in ("Kế hoạch tổ chức Hội nghị biểu dương điển hình tiên tiến năm 2024",
                  "Kế hoạch kiểm tra công tác thi đua, khen thưởng năm 2024"):
        plan = documents.create(drafter, {"kind": "plan", "title": title, "body": demo_data.PLAN_BODY})
        apply_transition(plan, "submit", accounts.find_user("reviewer"), generate=False)   # NV's head signs
        ids.append(plan.id)
    return ids


def test_the_top_bar_count_and_the_notices_page(sign_in, in_app, artifacts):
    first, second = in_app(_a_reviewer_with_two_submissions)
    screens = artifacts / "screens"
    screens.mkdir(exist_ok=True)
    page = sign_in(USERNAME, width=1366)
    assert page.locator("#notices-count").inner_text().split()[0] == "2"

    page.click("#notices-link")
    page.wait_for_url("**/notifications")
    assert page.locator("h1").inner_text().startswith("Thông báo")
    items = page.locator("#notices li")
    assert items.count() == 2 and page.locator("#notices li[data-unread='1']").count() == 2
    assert items.first.get_attribute("data-notice") and str(second) in items.first.locator("a").get_attribute("href")
    assert "đang chờ bạn thẩm định" in items.first.inner_text()
    page.screenshot(path=str(screens / "notices-1366.png"), full_page=True)

    items.nth(1).locator("a").click()            # opening the document reads its notice
    page.wait_for_url(f"**/documents/{first}")
    assert page.locator("#notices-count").inner_text().split()[0] == "1"
    page.click("#notices-link")
    page.wait_for_url("**/notifications")
    assert page.locator("#notices li[data-unread='1']").count() == 1

    page.get_by_role("button", name="Đánh dấu đã đọc").click()
    page.wait_for_url("**/notifications")
    assert page.locator("#notices-count").count() == 0
    assert page.locator("#notices li[data-unread='1']").count() == 0
    assert "Đã đánh dấu mọi thông báo là đã đọc." in page.locator(".alert").first.inner_text()

    phone = sign_in(USERNAME, width=390)
    phone.goto("/notifications")
    scroll, inner = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    phone.screenshot(path=str(screens / "notices-390.png"), full_page=True)
    assert scroll <= inner
