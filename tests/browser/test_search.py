"""Through Chromium: a nominee's name typed without accents finds the proposal; a filter the
list does not understand is refused next to its field (issue 14, point 6)."""
from __future__ import annotations

import pytest

from .helpers import seed_documents

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_search_by_a_nominee_s_name_and_a_refused_filter(sign_in, in_app, artifacts, width):
    plan, proposal = in_app(seed_documents)
    page = sign_in("drafter.antruong", width=width)
    page.goto("/documents")
    page.fill("#q", "huynh van an")            # Huỳnh Văn Ẩn, the proposal's first nominee
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/documents?q=huynh+van+an*")
    found = page.locator(".list-group-item")   # other tests of the session may copy the proposal
    assert found.locator(f"a[href='/documents/{proposal}']").count() == 1
    assert found.locator(f"a[href='/documents/{plan}']").count() == 0   # its plan names nobody

    page.goto("/documents?year=abc&state=bogus")
    assert page.locator(".alert-danger").inner_text().startswith("Bộ lọc không hợp lệ")
    assert page.locator("#year-error").is_visible() and page.locator("#state-error").is_visible()
    assert page.locator("#year-error").inner_text() == "Năm phải là một số từ 1900 đến 2999."
    assert page.locator("#state-error").inner_text() == "Không có trạng thái “bogus”."
    assert page.locator("#year").get_attribute("aria-describedby") == "year-error"
    assert page.locator(".list-group-item").count() == 0
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.screenshot(path=str(artifacts / f"documents-refused-filter-{width}.png"), full_page=True)
    assert scroll <= inner
    # Correcting the field and filtering again lists the documents.
    page.fill("#year", "")
    page.select_option("#state", "")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 0 and page.locator(".list-group-item").count() >= 2
