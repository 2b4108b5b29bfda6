"""The reviewer's table (issue 13): a compact row per nominee with its award and achievement,
reasons anchored to their rows with every entered value kept, and the outcome shown after."""
from __future__ import annotations

import re

from tests.factories import advance, new_commendation, snapshot
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services.transitions import apply_transition

NOMINEES = [
    {"kind": "individual", "full_name": "Nguyễn Văn Một", "award": "giay_khen", "achievement": "Hoàn thành xuất sắc.",
     "position": "Giáo viên", "organization": "Trường THCS An Trường"},
    {"kind": "individual", "full_name": "Đỗ Thị Hai", "award": "lao_dong_tien_tien", "achievement": "Tốt."},
    {"kind": "collective", "full_name": "Tổ Văn", "award": "giay_khen", "achievement": "Tập thể tiêu biểu."},
]


def _row(html: str, n: int) -> str:
    return re.search(rf'<tr id="decision-{n}".*?</tr>', html, re.S).group(0)


def _submitted(world):
    proposal = new_commendation(world, nominees=NOMINEES)
    advance(world, proposal, "submitted")
    return proposal


def test_each_row_shows_award_achievement_and_starts_undecided(world, as_user):
    proposal = _submitted(world)
    html = as_user("reviewer").get(f"/documents/{proposal.id}/transitions/review").get_data(as_text=True)
    first, second = _row(html, 1), _row(html, 2)
    assert "Nguyễn Văn Một" in first and "Giấy khen" in first and "Hoàn thành xuất sắc." in first
    assert "Giáo viên" in first and "Trường THCS An Trường" in first
    assert 'data-search="do thi hai"' in second and "Lao động tiên tiến" in second
    assert "checked" not in first                                  # no decision made for the reviewer
    assert re.search(r'data-count="pending">3<', html)
    assert 'data-wf-filter="award"' in html and '<option value="lao_dong_tien_tien">' in html


def test_a_reason_missing_is_shown_at_its_row_and_every_value_is_kept(world, as_user):
    proposal = _submitted(world)
    ids = [n.id for n in proposal.nominees]
    reviewer = as_user("reviewer")
    form = {"version": proposal.version,
            **{f"decisions-{i}-nominee_id": nid for i, nid in enumerate(ids)},
            "decisions-0-status": "rejected", "decisions-0-note": "Chưa đủ thời gian công tác.",
            "decisions-1-status": "rejected",                     # no reason
            "decisions-2-status": "accepted"}
    before = snapshot(proposal.id)
    response = reviewer.post(f"/documents/{proposal.id}/transitions/review", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and snapshot(proposal.id) == before
    bad = _row(html, 2)
    assert "wf-row-invalid" in bad and "Cần ghi lý do không đề nghị khen thưởng." in bad
    assert "wf-row-invalid" not in _row(html, 1)
    assert 'href="#decision-2"' in html and "Dòng 2 — Đỗ Thị Hai" in html     # the banner names the row
    assert 'value="Chưa đủ thời gian công tác."' in _row(html, 1)
    assert re.search(r'value="rejected"[^>]*checked|checked[^>]*value="rejected"', _row(html, 1))
    assert re.search(r'value="accepted"[^>]*checked|checked[^>]*value="accepted"', _row(html, 3))


def test_undecided_rows_are_accepted_and_the_outcome_is_shown_after(world, as_user):
    proposal = _submitted(world)
    ids = [n.id for n in proposal.nominees]
    reviewer = as_user("reviewer")
    form = {"version": proposal.version, **{f"decisions-{i}-nominee_id": nid for i, nid in enumerate(ids)},
            "decisions-1-status": "rejected", "decisions-1-note": "Thiếu hồ sơ."}
    assert reviewer.post(f"/documents/{proposal.id}/transitions/review", form).status_code == 303
    db.session.expire_all()
    document = db.session.get(Document, proposal.id)
    assert [n.review_status for n in document.nominees] == ["accepted", "rejected", "accepted"]
    for username in ("approver", "reviewer"):
        html = as_user(username).get(f"/documents/{proposal.id}").get_data(as_text=True)
        outcome = re.search(r'<section class="wf-review-outcome.*?</section>', html, re.S).group(0)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", outcome))
        assert "2 đồng ý · 1 không đề nghị" in text
        assert "Giấy khen: 2 đồng ý, 0 không đề nghị" in text
        assert "Lao động tiên tiến: 0 đồng ý, 1 không đề nghị" in text
        assert "2. Đỗ Thị Hai (Lao động tiên tiến) — Lý do: Thiếu hồ sơ." in text
    approve = as_user("approver").get(f"/documents/{proposal.id}/transitions/approve").get_data(as_text=True)
    assert "Kết quả thẩm định" in approve
    apply_transition(document, "approve", world.users["approver"], generate=False)
    for page in (f"/documents/{proposal.id}", f"/documents/{proposal.id}/transitions/issue"):
        html = as_user("archivist").get(page).get_data(as_text=True)
        assert "Kết quả thẩm định" in html and "Lý do: Thiếu hồ sơ." in html, page


def test_no_outcome_before_the_review(world, as_user):
    proposal = _submitted(world)
    assert "Kết quả thẩm định" not in as_user("reviewer").get(f"/documents/{proposal.id}").get_data(as_text=True)
