"""What a newcomer hit, desk by desk (issue 14): sign-in focus, the top bar at 1366 px, where the
editor lands after adding or moving a row, why a draft came back, the files after a return."""
from __future__ import annotations

import time

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def _focused(page) -> str | None:
    return page.evaluate("document.activeElement && document.activeElement.name")


def test_sign_in_keeps_the_focus_on_the_form(sign_in):
    """§8: the username has the focus; an empty form says what is missing in words; after a wrong
    password the username stays and the focus waits in the password field."""
    page = sign_in(None)
    page.goto("/login")
    assert _focused(page) == "username"
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert _focused(page) == "username"
    assert page.get_by_text("Nhập tên đăng nhập.").is_visible()
    assert page.get_by_text("Nhập mật khẩu.").is_visible()
    page.fill("input[name=username]", "drafter")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").is_visible()
    assert page.input_value("input[name=username]") == "drafter"
    assert _focused(page) == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    assert "Xin chào" in page.inner_text("main")


def test_top_bar_is_one_row_at_1366_px_with_the_longest_position(sign_in, in_app):
    """§9: the longest demo position (and the admin's extra menu entry) keep the bar on one
    row; the whole name and position stay readable in the title."""
    from workflow_app.services import demo_data
    users = {u[0]: u for u in demo_data.USERS}
    longest = max(demo_data.USERS, key=lambda u: len(u[1]) + len(u[2]))[0]
    for username in dict.fromkeys((longest, "admin", "drafter.antruong")):
        _, full_name, position, *_ = users[username]
        page = sign_in(username, width=1366)
        if username == "admin":   # issue 14 §1: not an empty worklist
            assert page.url.endswith("/admin/users")
        tops = page.evaluate("[...document.querySelectorAll('header nav > *')]"
                             ".map(e => Math.round(e.getBoundingClientRect().top))")
        assert max(tops) - min(tops) <= 12, (username, tops)
        user = page.locator("header a[href='/account/password']")
        assert full_name in user.get_attribute("title") and position in user.get_attribute("title")


def _long_plan(sections: int = 12) -> int:
    from workflow_app.services import accounts, demo_data, documents
    body = {**demo_data.PLAN_BODY, "sections": [
        {"heading": f"MỤC {i + 1}", "paragraphs": [f"Nội dung mục {i + 1}, đoạn {j + 1}." for j in range(4)]}
        for i in range(sections)]}
    plan = documents.create(accounts.find_user("drafter"), {"kind": "plan", "title": "Kế hoạch dài", "body": body})
    return plan.id


def _signed_in_without_javascript(chromium, live_server, username: str):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server,
                                   locale="vi-VN", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    return context, page


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""s => { const b = document.querySelector(s).getBoundingClientRect();
                                   return b.top >= -1 && b.top < window.innerHeight; }""", selector)


def _landed(page, selector: str) -> bool:
    """Without JavaScript the browser scrolls to the anchor a moment after the load: wait for it."""
    for _ in range(50):
        if page.evaluate("window.scrollY") > 0 and _in_view(page, selector):
            return True
        time.sleep(0.1)
    return False


def _focused_on(page, attribute: str, value: str) -> bool:
    """Waits (polling: the CSP refuses wait_for_function's eval) until the focus is on the
    element whose `attribute` is `value`."""
    for _ in range(50):
        if page.evaluate(f"document.activeElement && document.activeElement.{attribute}") == value:
            return True
        time.sleep(0.1)
    return False


def _top(page, selector: str) -> float:
    return page.evaluate("s => document.querySelector(s).getBoundingClientRect().top", selector)


def test_adding_a_row_without_javascript_lands_at_the_new_row(chromium, live_server, in_app):
    """§3 without JavaScript: the redrawn page opens at the new row (the button's formaction
    carries its anchor), not at the top of a long plan."""
    plan = in_app(_long_plan)
    context, page = _signed_in_without_javascript(chromium, live_server, "drafter")
    try:
        page.goto(f"/documents/{plan}/edit")
        with page.expect_navigation():
            page.click("button[value=add_sections]")
        assert page.url.endswith(f"/documents/{plan}/edit#sections-12")
        assert page.locator("#sections-12-heading").count() == 1
        assert _landed(page, "#sections-12")
        with page.expect_navigation():
            page.click("button[value='down_sections:3']")
        assert page.url.endswith("#sections-4") and _landed(page, "#sections-4")
        assert page.input_value("#sections-4-heading") == "MỤC 4"
    finally:
        context.close()


def test_adding_or_moving_a_row_with_javascript_keeps_the_place(sign_in, in_app):
    """§3 with JavaScript (static/js/app.js, allowed by the CSP): the page comes back scrolled as
    it was, the new row where the button was and its first field focused; a moved row stays
    where it stood, its move button focused to press again."""
    plan = in_app(_long_plan)
    page = sign_in("drafter", width=1366)
    page.goto(f"/documents/{plan}/edit")
    page.locator("button[value=add_sections]").scroll_into_view_if_needed()
    before = _top(page, "button[value=add_sections]")
    with page.expect_navigation():
        page.click("button[value=add_sections]")
    assert _focused_on(page, "id", "sections-12-heading")
    assert not page.url.endswith("#sections-12")        # the script lands, not the anchor
    assert abs(_top(page, "#sections-12") - before) < 4 or _in_view(page, "#sections-12")
    assert page.evaluate("window.scrollY") > 0
    page.locator("#sections-6").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    row_top = _top(page, "#sections-6")
    with page.expect_navigation():
        page.click("button[value='up_sections:6']")
    assert _focused_on(page, "value", "up_sections:5")
    assert abs(_top(page, "#sections-5") - row_top) < 4
    assert page.input_value("#sections-5-heading") == "MỤC 7"
    with page.expect_navigation():
        page.keyboard.press("Enter")                      # the focused button moves it on
    assert _focused_on(page, "value", "up_sections:4")
    assert page.input_value("#sections-4-heading") == "MỤC 7"
    assert abs(_top(page, "#sections-4") - row_top) < 4


def test_a_returned_draft_says_why_and_its_files_keep_their_codes_out_of_the_way(sign_in, in_app, artifacts):
    """§2 and §4 through the browser: a submit stopped by a missing field offers the editor at
    that field; a returned draft carries the reviewer's reason on the worklist, the document
    and the edit page; its files are grouped by step, the newest marked, the check codes hidden
    until asked for."""
    from .helpers import fire, flash_text, transition_buttons
    reason = "Bổ sung nơi nhận Phòng Giáo dục và Đào tạo."
    drafter = sign_in("drafter", width=1366)
    drafter.goto("/documents/new/plan")
    drafter.fill("#title", "Kế hoạch thi đua chào mừng ngày Nhà giáo Việt Nam")
    drafter.fill("#sections-0-heading", "MỤC ĐÍCH")
    drafter.fill("#sections-0-paragraphs", "Động viên giáo viên.")
    with drafter.expect_navigation():
        drafter.click("button.btn-primary[value=save]")
    plan = int(drafter.url.rsplit("/", 1)[1])
    assert "submit" not in transition_buttons(drafter)        # the unit's head signs and submits it
    head = sign_in("reviewer", width=1366)   # Nguyễn Văn Hùng heads Phòng Nội vụ (and reviews too)
    head.goto(f"/documents/{plan}")
    fire(head, "submit")
    assert "Chưa nhập nơi nhận." in flash_text(head)
    head.screenshot(path=str(artifacts / "blocked-submit-1366.png"), full_page=True)
    assert head.locator(".wf-blocked").count() == 0            # he does not edit it: its drafter does
    drafter.goto(f"/documents/{plan}/edit#recipients")
    assert _focused_on(drafter, "id", "recipients")
    drafter.keyboard.type("UBND các xã, thị trấn")
    with drafter.expect_navigation():
        drafter.click("button.btn-primary[value=save]")
    head.goto(f"/documents/{plan}")
    fire(head, "submit")
    assert "Đã ký và trình" in flash_text(head)

    reviewer = sign_in("reviewer", width=1366)
    reviewer.goto(f"/documents/{plan}")
    fire(reviewer, "return", comment=reason)
    head.goto("/")
    row = head.locator("li.list-group-item").filter(has_text="Kế hoạch thi đua chào mừng ngày Nhà giáo")
    assert "Bị trả lại" in row.inner_text() and reason in row.inner_text()
    head.screenshot(path=str(artifacts / "worklist-returned-1366.png"), full_page=True)
    drafter.goto("/following")                                 # its drafter follows it, and reads why
    row = drafter.locator("li.list-group-item").filter(has_text="Kế hoạch thi đua chào mừng ngày Nhà giáo")
    assert "Bị trả lại" in row.inner_text() and reason in row.inner_text()
    for path in (f"/documents/{plan}", f"/documents/{plan}/edit"):
        drafter.goto(path)
        banner = drafter.locator(".wf-returned")
        assert banner.is_visible() and reason in banner.inner_text() and "Nguyễn Văn Hùng" in banner.inner_text()

    head.goto(f"/documents/{plan}")
    fire(head, "submit")
    drafter.goto(f"/documents/{plan}")
    files = drafter.locator("section[aria-labelledby=files-heading]")
    assert files.locator(".wf-file-group").count() == 2
    assert files.get_by_text("Bản mới nhất").count() == 2 and files.get_by_text("Bản trước").count() == 2
    code = files.locator("code.wf-hash").first
    assert not code.is_visible()                           # one click away
    files.get_by_text("Mã kiểm tra tệp").first.click()
    assert code.is_visible() and len(code.inner_text()) == 64
    assert "SHA-256" not in files.inner_text()
    drafter.screenshot(path=str(artifacts / "files-after-return-1366.png"), full_page=True)
