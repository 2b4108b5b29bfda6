"""The plan and commendation editors: rows without JavaScript, Vietnamese messages by the field."""
from __future__ import annotations

import re

from tests.factories import advance, issued_plan, new_commendation, new_plan
from workflow_app.extensions import db
from workflow_app.models import Document


def field_error(html: str, field_id: str) -> str:
    """The first error shown right after the field with this id."""
    at = html.index(f'id="{field_id}"')
    match = re.search(r'class="invalid-feedback d-block">([^<]+)<', html[at:at + 3000])
    return match.group(1) if match else ""


PLAN_FORM = {
    "op": "save", "title": "Kế hoạch tổ chức phong trào thi đua năm 2026",
    "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n",
    "sections-0-heading": "MỤC ĐÍCH, YÊU CẦU", "sections-0-paragraphs": "Đoạn một.\r\n\r\nĐoạn hai.",
    "sections-1-heading": "NỘI DUNG", "sections-1-paragraphs": "Nội dung thi đua.",
    "milestones-0-name": "Sơ kết", "milestones-0-due": "2026-06-30",
    "recipients": "UBND các xã, thị trấn\nPhòng Nội vụ",
}


def test_create_a_plan(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/documents/new/plan")
    response = drafter.post("/documents/new/plan", PLAN_FORM)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    document_id = int(response.headers["Location"].rsplit("/", 1)[1])
    plan = db.session.get(Document, document_id)
    assert plan.state == "draft" and plan.title == PLAN_FORM["title"]
    assert plan.body["sections"][0] == {"heading": "MỤC ĐÍCH, YÊU CẦU", "paragraphs": ["Đoạn một.", "Đoạn hai."]}
    assert plan.body["milestones"] == [{"name": "Sơ kết", "due": "2026-06-30"}]
    assert plan.body["recipients"] == ["UBND các xã, thị trấn", "Phòng Nội vụ"]
    assert "Đã tạo dự thảo." in drafter.get(response.headers["Location"]).get_data(as_text=True)


def test_validation_messages_sit_next_to_their_fields(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/documents/new/plan")
    bad = {**PLAN_FORM, "title": "", "sections-1-heading": "", "milestones-0-due": "2026-02-30"}
    response = drafter.post("/documents/new/plan", bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu." in html
    assert field_error(html, "title") == "Không được để trống."
    assert field_error(html, "sections-1-heading") == "Không được để trống."
    assert field_error(html, "milestones-0-due") == "Ngày không hợp lệ (YYYY-MM-DD)."
    assert "Đoạn hai." in html                          # what was typed is kept
    assert db.session.query(Document).count() == 0


def test_rows_are_added_moved_and_removed_without_javascript(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/documents/new/plan")
    added = drafter.post("/documents/new/plan", {**PLAN_FORM, "op": "add_sections"}).get_data(as_text=True)
    assert 'id="sections-2-heading"' in added
    moved = drafter.post("/documents/new/plan", {**PLAN_FORM, "op": "down_sections:0"}).get_data(as_text=True)
    assert moved.index('value="NỘI DUNG"') < moved.index('value="MỤC ĐÍCH, YÊU CẦU"')
    removed = drafter.post("/documents/new/plan", {**PLAN_FORM, "op": "remove_sections:0"}).get_data(as_text=True)
    assert "MỤC ĐÍCH, YÊU CẦU" not in removed and 'id="sections-1-heading"' not in removed
    no_milestone = drafter.post("/documents/new/plan", {**PLAN_FORM, "op": "remove_milestones:0"})
    assert 'id="milestones-0-name"' not in no_milestone.get_data(as_text=True)
    assert db.session.query(Document).count() == 0    # none of these stored anything


def _landings(html: str) -> dict[str, str]:
    """op -> the anchor its button's page lands at (the formaction's fragment)."""
    found = {}
    for button in re.findall(r"<button[^>]*>", html):
        op, action = re.search(r'value="([^"]+)"', button), re.search(r'formaction="([^"]*)"', button)
        if op and action:
            found[op.group(1)] = action.group(1)
    return found


def test_row_buttons_land_back_at_the_row_without_javascript(world, as_user):
    """Issue 14 §3: the redrawn page opens at the new or moved row, not at the top: each button's
    formaction carries the row's anchor, and the rows (and lists) have those ids."""
    plan = new_plan(world)
    drafter = as_user("drafter")
    path = f"/documents/{plan.id}/edit"
    html = drafter.get(path).get_data(as_text=True)
    sections = len(plan.body["sections"])
    landings = _landings(html)
    assert landings["add_sections"] == f"{path}#sections-{sections}"
    assert landings["up_sections:1"] == f"{path}#sections-0"
    assert landings["down_sections:0"] == f"{path}#sections-1"
    assert landings["remove_sections:0"] == f"{path}#sections-0"          # the next row takes its place
    assert landings[f"remove_sections:{sections - 1}"] == f"{path}#sections-{sections - 2}"
    assert landings["add_milestones"] == f"{path}#milestones-{len(plan.body['milestones'])}"
    assert re.search(rf'<form[^>]*action="{path}"', html)       # saving lands at the top, as before
    for i in range(sections):
        assert f'id="sections-{i}"' in html
    assert 'id="sections"' in html and 'id="milestones"' in html
    added = drafter.post(path, {**PLAN_FORM, "version": plan.version, "op": "add_sections"}).get_data(as_text=True)
    assert 'id="sections-2"' in added and _landings(added)["add_sections"] == f"{path}#sections-3"
    only = drafter.post(path, {**PLAN_FORM, "version": plan.version, "op": "remove_milestones:0"})
    assert "add_milestones" in _landings(only.get_data(as_text=True))
    new = drafter.get("/documents/new/plan").get_data(as_text=True)
    assert _landings(new)["remove_sections:0"] == "/documents/new/plan#sections"   # none left: the list


def test_nominee_rows_land_back_at_the_row_without_javascript(world, as_user):
    proposal = new_commendation(world)
    path = f"/documents/{proposal.id}/edit"
    html = as_user("drafter.antruong").get(path).get_data(as_text=True)
    count = len(proposal.nominees)
    landings = _landings(html)
    assert landings["add_nominees"] == f"{path}#nominees-{count}"
    assert landings["remove_nominees:2"] == f"{path}#nominees-2"
    assert f'id="nominees-{count - 1}"' in html and 'id="nominees"' in html


def test_edit_keeps_the_version_and_refuses_a_stale_one(world, as_user):
    plan = new_plan(world)
    drafter = as_user("drafter")
    form = drafter.get(f"/documents/{plan.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{plan.version}"' in form
    data = {**PLAN_FORM, "version": plan.version}
    assert drafter.post(f"/documents/{plan.id}/edit", data).status_code == 303
    stale = drafter.post(f"/documents/{plan.id}/edit", {**data, "title": "Khác"})
    assert stale.status_code == 409
    db.session.expire_all()
    assert db.session.get(Document, plan.id).title == PLAN_FORM["title"]


def test_only_drafts_are_edited(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    drafter = as_user("drafter")
    page = drafter.get(f"/documents/{plan.id}/edit")
    assert page.status_code == 302
    response = drafter.post(f"/documents/{plan.id}/edit", {**PLAN_FORM, "version": plan.version})
    assert response.status_code == 409
    assert "Chỉ sửa được văn bản ở trạng thái dự thảo." in response.get_data(as_text=True)
    assert as_user("reviewer").get(f"/documents/{plan.id}/edit").status_code in (302, 403)


def test_commendation_editor_offers_issued_plans_and_the_award_list(world, as_user):
    plan = issued_plan(world)
    commune = as_user("drafter.antruong")
    html = commune.get("/documents/new/commendation").get_data(as_text=True)
    assert f'<option value="{plan.id}">{plan.number}' in html
    assert '<option value="giay_khen">Giấy khen</option>' in html
    assert '<option value="household">Hộ gia đình</option>' in html
    data = {"op": "save", "title": "Đề nghị tặng Giấy khen", "plan_id": plan.id, "period": "Sơ kết 2023 - 2025",
            "reason": "Thành tích xuất sắc.", "recipients": "Phòng Nội vụ huyện",
            "nominees-0-kind": "individual", "nominees-0-full_name": "Nguyễn Văn Một", "nominees-0-gender": "male",
            "nominees-0-award": "giay_khen", "nominees-0-achievement": "Xuất sắc.",
            "nominees-1-kind": "collective", "nominees-1-full_name": "Trường THCS An Trường",
            "nominees-1-award": "khong_co", "nominees-1-achievement": "",
            "nominees-2-kind": "household", "nominees-2-full_name": "Hộ ông Thạch Sa Rinh",
            "nominees-2-award": "giay_khen", "nominees-2-achievement": "Gia đình học tập tiêu biểu."}
    bad = commune.post("/documents/new/commendation", data)
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert field_error(html, "nominees-1-award") == "Hình thức khen thưởng không có trong danh mục của cơ quan."
    assert field_error(html, "nominees-1-achievement") == "Không được để trống."
    fixed = commune.post("/documents/new/commendation",
                         {**data, "nominees-1-award": "tap_the_lao_dong_tien_tien", "nominees-1-achievement": "Tốt."})
    assert fixed.status_code == 303
    proposal = db.session.get(Document, int(fixed.headers["Location"].rsplit("/", 1)[1]))
    assert proposal.body["plan_id"] == plan.id
    assert [(n.kind, n.full_name, n.award) for n in proposal.nominees] == [
        ("individual", "Nguyễn Văn Một", "giay_khen"),
        ("collective", "Trường THCS An Trường", "tap_the_lao_dong_tien_tien"),
        ("household", "Hộ ông Thạch Sa Rinh", "giay_khen")]
    assert "Hộ gia đình" in commune.get(f"/documents/{proposal.id}").get_data(as_text=True)
    added = commune.post("/documents/new/commendation", {**data, "op": "add_nominees"}).get_data(as_text=True)
    assert 'id="nominees-3-full_name"' in added
    removed = commune.post("/documents/new/commendation", {**data, "op": "remove_nominees:0"}).get_data(as_text=True)
    assert "Nguyễn Văn Một" not in removed


def test_delete_a_never_submitted_draft(world, as_user):
    proposal = new_commendation(world)
    commune = as_user("drafter.antruong")
    assert "Xoá dự thảo" in commune.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert commune.post(f"/documents/{proposal.id}/delete").status_code == 303
    db.session.expunge_all()
    assert db.session.get(Document, proposal.id) is None


def test_only_drafters_create(world, as_user):
    assert as_user("reviewer").get("/documents/new/plan").status_code == 403
    assert as_user("drafter").get("/documents/new/memo").status_code == 404


def test_the_title_fields_say_what_to_type(world, as_user):
    """Issue 13 §9: 'Trích yếu (tên kế hoạch)' invited 'Kế hoạch …', printed 'Kế hoạch kế hoạch …'."""
    plan_page = as_user("drafter").get("/documents/new/plan").get_data(as_text=True)
    assert "tên kế hoạch" not in plan_page and "Gõ nội dung sau chữ “Kế hoạch”" in plan_page
    proposal_page = as_user("drafter.antruong").get("/documents/new/commendation").get_data(as_text=True)
    assert "tên tờ trình" not in proposal_page and "Gõ nội dung sau chữ “Về việc”" in proposal_page
