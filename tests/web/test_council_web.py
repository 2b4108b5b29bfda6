"""The council page of a round (/rounds/<id>/council; issue 15, point 4): the meeting form (the
review step's partial), one vote input per nominee, results and quota warnings; refusals shown
beside the fields in Vietnamese, nothing changed."""
from __future__ import annotations

import re

from tests.council_support import CSTDCS, GIAY_KHEN, by_name, council_round, reviewed_proposal
from workflow_app.extensions import db
from workflow_app.models import Document, Round


def _form(proposal, **change) -> dict:
    rows = by_name(proposal)
    order = [rows[("Nguyễn Văn Một", CSTDCS)], rows[("Nguyễn Văn Một", "lao_dong_tien_tien")],
             rows[("Trần Văn Hai", CSTDCS)], rows[("Trần Văn Hai", "lao_dong_tien_tien")],
             rows[("Lê Văn Ba", GIAY_KHEN)]]
    votes = {"Nguyễn Văn Một": "8", "Trần Văn Hai": "7"}
    data = {"members": "9", "meeting-held_at": "2026-11-20T08:00", "meeting-ended_at": "10:30",
            "meeting-place": "Hội trường UBND huyện",
            "meeting-chair-name": "Nguyễn Văn Chủ", "meeting-chair-position": "Chủ tịch Hội đồng",
            "meeting-secretary-name": "Nguyễn Văn Hùng", "meeting-secretary-position": "Thư ký Hội đồng",
            "meeting-attendees": "\r\n".join(f"Thành viên {i}, Ủy viên" for i in range(1, 6)),
            "meeting-absent_written": "Phạm Văn Vắng, Ủy viên", "meeting-absent": ""}
    for i, n in enumerate(order):
        data[f"votes-{i}-nominee_id"] = str(n.id)
        data[f"votes-{i}-votes_for"] = votes.get(n.full_name, "") if n.award == CSTDCS else ""
    data.update(change)
    return data


def test_the_council_page_records_the_vote_and_shows_the_results(world, as_user):
    round_ = council_round(world, quotas={"UBND-AT": {CSTDCS: 1}})
    proposal = reviewed_proposal(world, round_)
    browser = as_user("reviewer")
    page = browser.get(f"/rounds/{round_.id}/council")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Họp Hội đồng Thi đua - Khen thưởng" in html and 'name="meeting-held_at"' in html
    assert re.search(r'<details class="wf-meeting[^"]*" open>\s*<summary[^>]*>Cuộc họp của Hội đồng</summary>', html)
    assert html.count('class="form-control form-control-sm wf-council-votes') == 5
    assert "≥ 80% tổng số thành viên" in html
    assert "Ủy ban nhân dân xã An Trường: 2 “Chiến sĩ thi đua cơ sở”, vượt chỉ tiêu 1." in html

    response = browser.post(f"/rounds/{round_.id}/council", _form(proposal))
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    html = browser.get(f"/rounds/{round_.id}/council").get_data(as_text=True)
    assert "Đã ghi kết quả họp Hội đồng Thi đua - Khen thưởng." in html
    assert "Không đạt</span> 7/9 (77,8%)" in html and "Đạt</span> 8/9 (88,9%)" in html
    assert "Không đạt tỷ lệ phiếu bầu (7/9 = 77,8%, cần ≥ 80% tổng số thành viên)" in html
    assert "vượt chỉ tiêu" not in html
    assert 'value="9"' in html and 'value="Hội trường UBND huyện"' in html   # what was recorded, to edit
    db.session.expire_all()
    two = by_name(db.session.get(Document, proposal.id))[("Trần Văn Hai", CSTDCS)]
    assert (two.review_status, two.votes_for, two.votes_total) == ("rejected", 7, 9)


def test_bad_votes_are_shown_beside_the_fields_and_nothing_changes(world, as_user):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    browser = as_user("reviewer")
    browser.get(f"/rounds/{round_.id}/council")
    response = browser.post(f"/rounds/{round_.id}/council", _form(proposal, **{
        "members": "6", "votes-0-votes_for": "10", "votes-2-votes_for": "", "meeting-place": ""}))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Cần nhập địa điểm họp." in html
    assert "số phiếu đồng ý (10) nhiều hơn tổng số thành viên Hội đồng (6)" in html
    assert "Chưa nhập số phiếu đồng ý cho: Trần Văn Hai (Chiến sĩ thi đua cơ sở)." in html
    db.session.expire_all()
    assert db.session.get(Round, round_.id).council is None
    assert {n.review_status for n in db.session.get(Document, proposal.id).nominees} == {"accepted"}


def test_who_may_see_and_record(world, as_user):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    drafter = as_user("drafter")
    html = drafter.get(f"/rounds/{round_.id}/council").get_data(as_text=True)
    assert "Chỉ người thẩm định của cơ quan ban hành kế hoạch ghi kết quả họp Hội đồng." in html
    assert drafter.post(f"/rounds/{round_.id}/council", _form(proposal)).status_code == 403
    assert as_user("drafter.antruong").get(f"/rounds/{round_.id}/council").status_code == 404


def test_the_plan_editor_keeps_a_rounds_quotas(world, as_user):
    from tests.web.test_rounds_web import ROUND_FORM, _created
    drafter = as_user("drafter")
    bad = drafter.post("/documents/new/plan", {**ROUND_FORM,
                                               "rounds-0-quotas_text": "UBND-AT | Bằng khen | 2\nVP | Giấy khen | hai"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Dòng 1: không có hình thức khen thưởng “Bằng khen” trong danh mục của cơ quan." in html
    assert "Dòng 2: số tối đa phải là số nguyên không âm." in html
    plan = _created(drafter.post("/documents/new/plan", {
        **ROUND_FORM, "rounds-0-quotas_text": "UBND-AT | Giấy khen | 2\nPhòng Nội vụ | lao_dong_tien_tien | 1"}))
    assert plan.body["rounds"][0]["quotas"] == {"UBND-AT": {"giay_khen": 2}, "Phòng Nội vụ": {"lao_dong_tien_tien": 1}}
    edit = drafter.get(f"/documents/{plan.id}/edit").get_data(as_text=True)
    assert "UBND-AT | Giấy khen | 2\nPhòng Nội vụ | Lao động tiên tiến | 1" in edit


def test_the_admin_sets_a_bodys_level_and_each_awards_threshold_and_levels(world, as_user):
    from tests.web.test_admin import SETTINGS, award_rows
    from workflow_app.models import Organization
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    page = admin.get(url).get_data(as_text=True)
    assert 'name="level"' in page and '<option selected value="huyen">' in page
    assert 'name="awards-2-threshold_percent"' in page and 'value="80"' in page and 'value="tinh, huyen"' in page
    rows = award_rows(("giay_khen", "Giấy khen", "giay_khen"), ("cstdcs", "Chiến sĩ thi đua cơ sở", ""))
    refused = admin.post(url, {**SETTINGS, **rows, "level": "xa", "awards-1-threshold_percent": "180",
                               "awards-1-given_by": "tinh, quan"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Tỷ lệ phiếu phải lớn hơn 0 và không quá 100 (%)." in html and "Mã cấp “quan” không hợp lệ" in html
    saved = admin.post(url, {**SETTINGS, **rows, "level": "xa", "awards-1-threshold_percent": "66,7",
                             "awards-1-threshold_of": "present", "awards-1-given_by": "tinh, huyen"})
    assert saved.status_code == 303, saved.get_data(as_text=True)[:2000]
    db.session.expire_all()
    org = db.session.get(Organization, world.district.id)
    assert org.level == "xa"
    assert org.awards[1] == {"code": "cstdcs", "label": "Chiến sĩ thi đua cơ sở", "certificate": None,
                             "vote_threshold": {"percent": 66.7, "of": "present"}, "given_by": ["tinh", "huyen"]}
    assert org.awards[0] == {"code": "giay_khen", "label": "Giấy khen", "certificate": "giay_khen"}
    assert 'value="66,7"' in admin.get(url).get_data(as_text=True)


def test_a_proposal_reviewed_after_the_page_was_drawn_gets_its_inputs(world, as_user):
    from tests.council_support import person
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    browser = as_user("reviewer")
    browser.get(f"/rounds/{round_.id}/council")
    later = reviewed_proposal(world, round_, nominees=[person("Võ Văn Bốn", CSTDCS),
                                                      person("Võ Văn Bốn", "lao_dong_tien_tien")])
    response = browser.post(f"/rounds/{round_.id}/council", _form(proposal))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Chưa nhập số phiếu đồng ý cho: Võ Văn Bốn" in html
    new_id = by_name(later)[("Võ Văn Bốn", CSTDCS)].id
    assert f'value="{new_id}"' in html and html.count("wf-council-votes") == 7
