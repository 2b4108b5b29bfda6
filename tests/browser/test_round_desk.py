"""The round's desk in the browser (issue 15, point 6): from the standing office's worklist to the
desk, "Chưa nộp", "Nhắc nộp hồ sơ", the recorded reminder; the page fits a phone."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _second_round() -> tuple[int, str]:
    """The demo plan's "Tổng kết" round (nobody answers it in the other tests), and the key of the
    district's Phòng Giáo dục và Đào tạo, a unit with no users: reminding it tells nobody else."""
    from sqlalchemy import select

    from workflow_app.extensions import db
    from workflow_app.models import Round, Unit
    round_ = db.session.scalars(select(Round).order_by(Round.position.desc(), Round.id)).first()
    unit = db.session.scalar(select(Unit).where(Unit.code == "GDDT"))
    return round_.id, f"unit-{unit.id}"


def test_open_the_desk_see_who_has_not_proposed_and_remind(sign_in, in_app, artifacts):
    round_id, addressee = in_app(_second_round)
    page = sign_in("reviewer", width=1366)
    page.locator(f"[data-desk-round='{round_id}'] a").click()
    page.wait_for_url(f"**/rounds/{round_id}/desk")
    assert page.locator("h1").inner_text().startswith("Tổng kết")
    row = page.locator(f"#expected tr[data-addressee='{addressee}']")
    assert "Chưa nộp" in row.inner_text()
    row.get_by_role("button", name="Nhắc nộp hồ sơ").click()
    page.wait_for_url(f"**/rounds/{round_id}/desk")
    assert "Đã ghi nhắc Phòng Giáo dục và Đào tạo nộp hồ sơ, nhưng nơi này chưa có tài khoản nào" in page.locator(
        ".alert").first.inner_text()
    row = page.locator(f"#expected tr[data-addressee='{addressee}']")
    assert "Đã nhắc lúc" in row.locator("[data-reminder]").inner_text()
    assert "Nguyễn Văn Hùng" in row.locator("[data-reminder]").inner_text()
    assert row.locator("[data-reminded-today]").count() == 1
    assert row.get_by_role("button", name="Nhắc nộp hồ sơ").count() == 0
    screens = artifacts / "screens"
    screens.mkdir(exist_ok=True)
    page.screenshot(path=str(screens / "round-desk-1366.png"), full_page=True)

    phone = sign_in("reviewer", width=390)
    phone.goto(f"/rounds/{round_id}/desk")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
