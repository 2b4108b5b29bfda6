"""Issue 15, point 7 on the web: the Số CCCD in the editor and the Excel import (a number cell
keeps its leading zero), and the award list's "requires" kept and edited by the admin."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.factories import new_commendation
from tests.web.test_admin import SETTINGS
from tests.web.test_import import upload
from tests.web.xlsx import HEADER, workbook_bytes
from workflow_app.extensions import db
from workflow_app.models import Document, Organization


def test_the_import_reads_an_optional_citizen_id_column(world, as_user):
    proposal = new_commendation(world)
    before = len(proposal.nominees)
    drafter = as_user("drafter.antruong")
    rows = [[1, "Cá nhân", "Nguyễn Văn Một", "Nam", "Giáo viên", "Trường THCS An Trường", "Giấy khen", "Xuất sắc.",
             79123456789],                                  # a number cell: Excel dropped the leading 0
            [2, "Cá nhân", "Trần Thị Ba", "Nữ", "", "Ấp 1", "Giấy khen", "Tốt.", "080 000 000 001"],
            [3, "Tập thể", "Ấp Đại Đức", "", "", "xã An Trường", "Giấy khen", "Tốt.", ""]]
    response = upload(drafter, proposal, workbook_bytes(rows, header=[*HEADER, "Số CCCD"]))
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]
    db.session.expire_all()
    added = db.session.get(Document, proposal.id).nominees[before:]
    assert [n.citizen_id for n in added] == ["079123456789", "080000000001", ""]

    bad = [[1, "Cá nhân", "Lê Văn Bốn", "Nam", "", "Ấp 2", "Giấy khen", "Tốt.", "1234"],
           [2, "Tập thể", "Ấp Một", "", "", "xã An Trường", "Giấy khen", "Tốt.", "079123456789"]]
    refused = upload(drafter, proposal, workbook_bytes(bad, header=[*HEADER, "Số CCCD"])).get_data(as_text=True)
    assert "Số CCCD “1234”: phải gồm đúng 12 chữ số." in refused
    assert "Số CCCD “079123456789”: chỉ ghi cho cá nhân; tập thể, hộ gia đình để trống." in refused

    sample = drafter.get(f"/documents/{proposal.id}/import/sample.xlsx")
    header = [c.value for c in next(load_workbook(io.BytesIO(sample.data)).active.iter_rows(max_row=1))]
    assert header[-1] == "Số CCCD"


def test_the_editor_takes_a_citizen_id_and_refuses_a_bad_one_at_its_row(world, as_user):
    proposal = new_commendation(world)
    drafter = as_user("drafter.antruong")
    page = drafter.get(f"/documents/{proposal.id}/edit").get_data(as_text=True)
    assert 'name="nominees-0-citizen_id"' in page and "Số CCCD (không bắt buộc)" in page
    form = {"version": proposal.version, "title": proposal.title, "plan_id": str(proposal.body["plan_id"]),
            "period": proposal.body["period"], "reason": proposal.body["reason"], "recipients": "Phòng Nội vụ huyện"}
    for i, n in enumerate(proposal.nominees):
        form.update({f"nominees-{i}-{k}": getattr(n, k) for k in
                     ("kind", "full_name", "gender", "position", "organization", "award", "achievement")})
    refused = drafter.post(f"/documents/{proposal.id}/edit", {**form, "nominees-1-citizen_id": "12ab"})
    assert refused.status_code == 422
    assert "Dòng 2: số CCCD phải gồm đúng 12 chữ số." in refused.get_data(as_text=True)
    saved = drafter.post(f"/documents/{proposal.id}/edit", {**form, "nominees-1-citizen_id": "079123456789"})
    assert saved.status_code == 303
    db.session.expire_all()
    assert [n.citizen_id for n in db.session.get(Document, proposal.id).nominees][:2] == ["", "079123456789"]


def test_the_admin_keeps_and_edits_what_an_award_requires(world, as_user):
    admin = as_user("admin")
    url = f"/admin/organizations/{world.district.id}"
    page = admin.get(url).get_data(as_text=True)
    assert 'value="lao_dong_tien_tien"' in page and "Cần có cùng năm (mã)" in page
    rows = {"awards-0-code": "giay_khen", "awards-0-label": "Giấy khen", "awards-0-certificate": "giay_khen",
            "awards-1-code": "lao_dong_tien_tien", "awards-1-label": "Lao động tiên tiến",
            "awards-2-code": "chien_si_thi_dua_co_so", "awards-2-label": "Chiến sĩ thi đua cơ sở",
            "awards-2-certificate": "chien_si_thi_dua_co_so", "awards-2-requires": "lao_dong_tien_tien",
            "awards-2-requires_basis": "Luật Thi đua, khen thưởng 2022, Điều 23"}
    assert admin.post(url, {**SETTINGS, **rows}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Organization, world.district.id).awards == [
        {"code": "giay_khen", "label": "Giấy khen", "certificate": "giay_khen"},
        {"code": "lao_dong_tien_tien", "label": "Lao động tiên tiến", "certificate": None},
        {"code": "chien_si_thi_dua_co_so", "label": "Chiến sĩ thi đua cơ sở", "certificate": "chien_si_thi_dua_co_so",
         "requires": ["lao_dong_tien_tien"], "requires_basis": "Luật Thi đua, khen thưởng 2022, Điều 23"}]
    refused = admin.post(url, {**SETTINGS, **rows, "awards-2-requires": "bang_khen, chien_si_thi_dua_co_so"})
    assert refused.status_code == 422
    assert "Mã “bang_khen”, “chien_si_thi_dua_co_so” không phải hình thức khác trong danh mục." in \
        refused.get_data(as_text=True)


def test_the_award_search_page_finds_awards_without_accents_and_links_the_decision(world, as_user):
    from tests.factories import advance, issued_plan
    from workflow_app.services import demo_data
    plan = issued_plan(world)
    decision = new_commendation(world, plan, nominees=[dict(demo_data.NOMINEES[1]), dict(demo_data.NOMINEES[2])])
    advance(world, decision, "issued")
    browser = as_user("drafter.antruong")
    home = browser.get("/").get_data(as_text=True)
    assert 'href="/awards" title="Tra cứu khen thưởng">Khen thưởng</a>' in home
    page = browser.get("/awards?q=NGUYEN THI ngoc").get_data(as_text=True)
    assert page.count('class="wf-award-found"') == 1
    assert "Nguyễn Thị Ngọc Ánh" in page and "Đặng Văn Ước" not in page and "Giấy khen" in page
    assert f'href="/documents/{decision.id}"' in page and f"Số {decision.number}" in page
    assert world.district.name in page and "1 kết quả" in page
    year = decision.issued_on.year
    assert browser.get(f"/awards?year={year}").get_data(as_text=True).count('class="wf-award-found"') == 2
    none = browser.get("/awards?q=khong+ai&year=abc").get_data(as_text=True)
    assert "Không tìm thấy khen thưởng nào." in none
    assert browser.get("/awards?q=%00%25").status_code == 200


def test_the_reviewer_sees_the_same_person_proposed_in_another_proposal(world, as_user):
    from tests.factories import advance, issued_plan
    from workflow_app.services import demo_data
    plan = issued_plan(world)
    first = new_commendation(world, plan, nominees=[dict(demo_data.NOMINEES[1])])
    advance(world, first, "submitted")
    second = new_commendation(world, plan, nominees=[dict(demo_data.NOMINEES[1], full_name="nguyen thi ngoc anh")])
    advance(world, second, "submitted")
    page = as_user("reviewer").get(f"/documents/{second.id}").get_data(as_text=True)
    assert (f"Cũng được đề nghị trong Tờ trình số {first.proposal_entry.number} của {world.commune.name}"
            in page)
