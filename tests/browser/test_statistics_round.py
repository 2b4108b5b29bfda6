"""The statistics page's round selector, in a browser: choosing a round of the seed plan names
it in the heading and the title, the export link carries it, and the page fits a phone."""
from __future__ import annotations

import re


def test_choosing_a_round_names_it_and_the_page_fits_a_phone(sign_in):
    for width in (390, 1366):
        page = sign_in("reviewer", width=width)
        page.goto("/statistics/?year=all")
        labels = page.locator("#round_id optgroup").evaluate_all("(groups) => groups.map(g => g.label)")
        assert labels and all(label.startswith("Kế hoạch ") for label in labels)
        page.select_option("#round_id", label="Sơ kết giai đoạn 2023 - 2025")
        page.click("form:has(#round_id) button[type=submit]")
        page.wait_for_url(re.compile(r"round_id=\d+"))
        assert page.locator("#statistics-round").inner_text().startswith(
            "Đợt khen thưởng: Sơ kết giai đoạn 2023 - 2025")
        assert page.title().startswith("Thống kê khen thưởng: Sơ kết giai đoạn 2023 - 2025")
        assert "round_id=" in page.locator("#statistics-xlsx").get_attribute("href")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{width}px: scrollWidth {scroll} > {inner}"
