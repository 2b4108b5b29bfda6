"""Through Chromium (issue 13, point 8): the reviewer opens "Biên bản họp xét", types the
meeting and a vote, and the Biên bản generated says so; the section fits a 390 px phone."""
from __future__ import annotations

import io
from datetime import timedelta

import docx
import pytest

from tests.domain.document_samples import check_format
from workflow_app.domain.clock import local_today

from .helpers import download_file, flash_text
from .test_layout import _submitted_proposal

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1366])
def test_the_reviewer_records_the_meeting_and_the_minutes_follow(sign_in, in_app, artifacts, width):
    proposal = in_app(_submitted_proposal)
    day = local_today() - timedelta(days=1)
    reviewer = sign_in("reviewer", width=width)
    reviewer.goto(f"/documents/{proposal}")
    reviewer.click("summary[data-transition=review]")
    form = reviewer.locator("form[action$='/transitions/review']")
    assert not form.locator("#review-meeting-place").is_visible()          # folded until opened
    form.locator("details.wf-meeting summary").click()
    form.locator("#review-meeting-held_at").fill(f"{day.isoformat()}T08:00")
    form.locator("#review-meeting-ended_at").fill("10:30")
    form.locator("#review-meeting-place").fill("Hội trường Ủy ban nhân dân huyện Càng Long")
    form.locator("#review-meeting-chair-name").fill("Nguyễn Văn An")
    form.locator("#review-meeting-chair-position").fill("Chủ tịch Hội đồng")
    form.locator("#review-meeting-secretary-name").fill("Võ Thị Ngọc Hân")
    form.locator("#review-meeting-attendees").fill("Trần Minh Đức, Phó Chủ tịch\nDương Quốc Khởi, Ủy viên")
    form.locator("#review-meeting-absent_written").fill("Kim Văn Sơn, Ủy viên")
    first = form.locator(".wf-decision").first
    first.locator("input[name$='-votes_for']").fill("7")
    first.locator("input[name$='-votes_total']").fill("9")
    overflow = reviewer.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    reviewer.screenshot(path=str(artifacts / f"review-meeting-{width}.png"), full_page=True)
    assert overflow <= 0, f"{overflow}px of horizontal scrolling at {width}px"
    form.locator("button[data-transition=review]").click()
    reviewer.wait_for_load_state()
    assert "Đã thẩm định" in flash_text(reviewer)

    target = artifacts / f"bien-ban-meeting-{width}.docx"
    download_file(reviewer, "bien-ban-xet-khen-thuong.docx", "Đã thẩm định", target)
    text = [p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "Thời gian bắt đầu: 08 giờ 00 phút, " in "\n".join(text)
    assert "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./." in text
    assert "Vắng mặt: Kim Văn Sơn, Ủy viên (có ý kiến bằng văn bản)." in text
    whole = docx.Document(io.BytesIO(target.read_bytes()))
    cells = [c.text for t in whole.tables for row in t.rows for c in row.cells]
    assert "7/9 (77,8%)" in cells
    assert any("THƯ KÝ" in c and "Võ Thị Ngọc Hân" in c for c in cells)
    assert any("CHỦ TRÌ" in c and "Nguyễn Văn An" in c for c in cells)
    assert check_format([target], draft=True) == {str(target): []}
