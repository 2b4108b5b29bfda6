"""The admin's award table in Chromium with JavaScript off (issue 14, point 7; issue 13, point 1):
a row added, filled with its certificate and saved; a duplicate code refused in its cell."""
from __future__ import annotations

import pytest

from .conftest import PASSWORD
from .helpers import flash_text

pytestmark = pytest.mark.browser


def test_the_award_table_works_without_javascript(chromium, live_server, in_app, artifacts):
    from workflow_app.extensions import db
    from workflow_app.models import Organization
    from workflow_app.services import accounts

    def commune():        # its awards serve none of the other browser tests
        org = next(o for o in accounts.find_user("admin").organization.children if o.code == "UBND-AT")
        return org.id, list(org.awards)
    org_id, before = in_app(commune)
    context = chromium.new_context(viewport={"width": 390, "height": 900}, base_url=live_server, locale="vi-VN",
                                   java_script_enabled=False)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/login")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.goto(f"/admin/organizations/{org_id}")
        rows = page.locator("tr.wf-award-row")
        assert rows.count() == len(before)
        page.click("button[value=add_awards]")
        assert rows.count() == len(before) + 1
        last = len(before)
        page.get_by_label(f"Mã, dòng {last + 1}").fill("gia_dinh_hoc_tap")
        page.get_by_label(f"Tên hình thức khen thưởng, dòng {last + 1}").fill("Gia đình học tập")
        page.get_by_label(f"Giấy chứng nhận, dòng {last + 1}").select_option(label="Giấy khen")
        page.screenshot(path=str(artifacts / "admin-awards-390.png"), full_page=True)
        page.get_by_role("button", name="Lưu thiết lập").click()
        assert "Đã lưu thiết lập" in flash_text(page)
        saved = in_app(lambda: db.session.get(Organization, org_id).awards)
        assert saved[-1] == {"code": "gia_dinh_hoc_tap", "label": "Gia đình học tập", "certificate": "giay_khen"}
        assert saved[:-1] == [{**a, "certificate": a.get("certificate")} for a in before]

        page.get_by_label("Mã, dòng 2").fill(before[0]["code"])
        page.get_by_label("Mã, dòng 2").press("Enter")         # Enter saves, it removes no row
        cell = page.locator("tr.wf-award-row").nth(1)
        assert f"Mã “{before[0]['code']}” trùng với dòng 1." in cell.inner_text()
        assert rows.count() == len(before) + 1
        page.get_by_label("Bỏ dòng " + str(last + 1)).click()
        assert rows.count() == len(before)
    finally:
        context.close()
        in_app(lambda: _restore(org_id, before))


def _restore(org_id: int, awards: list) -> None:
    from workflow_app.extensions import db
    from workflow_app.models import Organization
    db.session.get(Organization, org_id).awards = awards
    db.session.commit()


def test_the_numbering_choices_are_readable_on_a_phone(chromium, live_server, in_app, artifacts):
    """Issue 14, point 7: the numbering dropdown showed "12/QĐ-UBI…" at 390 px. Each choice is a
    radio button whose label and example wrap inside the page, nothing cut off."""
    from workflow_app.services import accounts

    org_id = in_app(lambda: accounts.find_user("admin").organization_id)
    context = chromium.new_context(viewport={"width": 390, "height": 900}, base_url=live_server, locale="vi-VN")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/login")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.goto(f"/admin/organizations/{org_id}")
        group = page.get_by_role("group", name="Cách đánh số văn bản")
        group.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "admin-numbering-390.png"), full_page=True)
        texts = {"Mỗi loại văn bản một sổ": "67/KH-UBND, 12/QĐ-UBND",
                 "Một sổ chung cho mọi loại": "67/KH-UBND, 68/QĐ-UBND"}
        width = page.evaluate("document.documentElement.clientWidth")
        for label, example in texts.items():
            radio = group.get_by_role("radio", name=label)
            assert radio.count() == 1
            hint = page.locator(f"#{radio.get_attribute('aria-describedby')}")
            assert example in hint.inner_text()
            for element in (group.get_by_text(label, exact=True), hint):
                # fully visible: not clipped by its own box nor past the right edge of the page
                clipped = element.evaluate("e => e.scrollWidth > e.clientWidth")
                box = element.bounding_box()
                assert not clipped and box["x"] >= 0 and box["x"] + box["width"] <= width, label
        assert group.get_by_role("radio", name="Mỗi loại văn bản một sổ").is_checked()
    finally:
        context.close()
