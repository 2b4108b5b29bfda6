"""Issue 15 on the web: the plan editor's rounds (no JavaScript), the proposal's "Đợt khen thưởng"
select, the "Nộp muộn" badge and the reason a late proposal's review asks for."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.factories import issued_plan
from tests.web.test_editors import PLAN_FORM, field_error
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import documents
from workflow_app.services.transitions import apply_transition

GROUPS = ("Tập thể | tập thể | Giấy khen; Tập thể lao động tiên tiến\n"
          "- Hoàn thành xuất sắc nhiệm vụ\n- Có mô hình học tập hiệu quả\n"
          "Cá nhân | cá nhân | Giấy khen; lao_dong_tien_tien\n- Hoàn thành tốt nhiệm vụ\n")
ROUND_FORM = {**PLAN_FORM, "rounds-0-name": "Sơ kết năm 2026", "rounds-0-proposals_due": "2026-11-30",
              "rounds-0-groups_text": GROUPS}


def _created(response) -> Document:
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    return db.session.get(Document, int(response.headers["Location"].rsplit("/", 1)[1]))


def test_the_plan_editor_keeps_rounds_typed_without_javascript(world, as_user):
    drafter = as_user("drafter")
    page = drafter.get("/documents/new/plan").get_data(as_text=True)
    assert 'value="add_rounds"' in page and "Đợt khen thưởng" in page
    added = drafter.post("/documents/new/plan", {**PLAN_FORM, "op": "add_rounds"}).get_data(as_text=True)
    assert 'id="rounds-0-groups_text"' in added
    plan = _created(drafter.post("/documents/new/plan", ROUND_FORM))
    assert plan.body["rounds"] == [{
        "key": "so-ket-nam-2026", "name": "Sơ kết năm 2026", "proposals_due": "2026-11-30", "groups": [
            {"name": "Tập thể", "kind": "collective", "awards": ["giay_khen", "tap_the_lao_dong_tien_tien"],
             "criteria": ["Hoàn thành xuất sắc nhiệm vụ", "Có mô hình học tập hiệu quả"]},
            {"name": "Cá nhân", "kind": "individual", "awards": ["giay_khen", "lao_dong_tien_tien"],
             "criteria": ["Hoàn thành tốt nhiệm vụ"]}]}]
    edit = drafter.get(f"/documents/{plan.id}/edit").get_data(as_text=True)
    assert "Cá nhân | cá nhân | Giấy khen; Lao động tiên tiến" in edit
    shown = drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG" in shown and "Tập thể lao động tiên tiến" in shown


def test_the_rounds_editor_says_what_is_wrong_in_vietnamese(world, as_user):
    drafter = as_user("drafter")
    bad = drafter.post("/documents/new/plan", {
        **ROUND_FORM, "rounds-0-proposals_due": "2026-02-30",
        "rounds-0-groups_text": "- Tiêu chí mồ côi\nTập thể | gia đình | Bằng khen Thủ tướng\nCá nhân, Giấy khen"})
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert "Dòng 1: tiêu chí phải đứng dưới một dòng nhóm đối tượng" in html
    assert "Dòng 2: loại đối tượng “gia đình” không hợp lệ" in html
    assert "Dòng 2: không có hình thức khen thưởng “Bằng khen Thủ tướng” trong danh mục của cơ quan." in html
    assert "Dòng 3: dòng nhóm cần ba phần" in html
    dated = drafter.post("/documents/new/plan", {**ROUND_FORM, "rounds-0-proposals_due": "2026-02-30"})
    assert dated.status_code == 422
    assert field_error(dated.get_data(as_text=True), "rounds-0-proposals_due") == "Ngày không hợp lệ (YYYY-MM-DD)."
    assert db.session.query(Document).count() == 0


def test_a_proposal_picks_a_round_and_a_late_one_is_badged_and_its_review_asks_why(world, as_user):
    plan = issued_plan(world)
    round_ = plan.rounds[0]
    commune = as_user("drafter.antruong")
    page = commune.get("/documents/new/commendation").get_data(as_text=True)
    assert f'<option value="{round_.id}">Sơ kết giai đoạn 2023 - 2025 — Kế hoạch {plan.number}' in page
    data = {"op": "save", "title": "Đề nghị tặng Giấy khen", "round_id": round_.id, "plan_id": "", "period": "",
            "reason": "Thành tích xuất sắc.", "recipients": "Phòng Nội vụ huyện",
            "nominees-0-kind": "individual", "nominees-0-full_name": "Nguyễn Văn Một", "nominees-0-gender": "male",
            "nominees-0-award": "chien_si_thi_dua_co_so", "nominees-0-achievement": "Xuất sắc."}
    refused = commune.post("/documents/new/commendation", data)
    assert refused.status_code == 422
    assert "Dòng 1 (Nguyễn Văn Một)" in field_error(refused.get_data(as_text=True), "nominees-0-award")
    proposal = _created(commune.post("/documents/new/commendation", {**data, "nominees-0-award": "giay_khen"}))
    assert (proposal.round_id, proposal.body["plan_id"], proposal.body["period"]) == (
        round_.id, plan.id, "Sơ kết giai đoạn 2023 - 2025")

    # submitted on 3 November 2025, after the round's deadline (31 October)
    apply_transition(proposal, "submit", world.users["commune_approver"], generate=False,
                     at=datetime(2025, 11, 3, 2, 0, tzinfo=timezone.utc))
    proposal = documents.get_visible(proposal.id, world.users["reviewer"])
    assert proposal.late
    reviewer = as_user("reviewer")
    assert "Nộp muộn" in reviewer.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert "Nộp muộn" in reviewer.get("/documents").get_data(as_text=True)
    confirm = reviewer.get(f"/documents/{proposal.id}/transitions/review").get_data(as_text=True)
    assert "data-late-note" in confirm
    no_reason = reviewer.post(f"/documents/{proposal.id}/transitions/review", {"version": proposal.version})
    assert no_reason.status_code == 422
    assert "cần ghi lý do" in no_reason.get_data(as_text=True)
    done = reviewer.post(f"/documents/{proposal.id}/transitions/review",
                         {"version": proposal.version, "comment": "Gửi chậm vì bão; vẫn xem xét."})
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).state == "reviewed"
