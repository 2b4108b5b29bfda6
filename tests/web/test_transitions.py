"""Transitions from the document page: buttons only for who may act, forms that confirm,
refusals with their status and nothing changed."""
from __future__ import annotations

import re

from tests.factories import advance, new_commendation, new_plan, snapshot
from workflow_app.extensions import db
from workflow_app.models import Document


def buttons(html: str) -> set[str]:
    return set(re.findall(r'<summary[^>]*data-transition="(\w+)"', html))


def fresh(document_id: int) -> Document:
    db.session.expire_all()
    return db.session.get(Document, document_id)


def test_the_unit_head_signs_and_submits_with_confirmation_and_flash(world, as_user):
    plan = new_plan(world)
    drafter = as_user("drafter")   # prepares it; is told who signs
    page = drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert buttons(page) == set()
    assert "Bước tiếp theo: Ký và trình — do Lê Văn Trưởng (Trưởng phòng Nội vụ) ký" in " ".join(
        re.sub(r"<[^>]+>", " ", page).split())
    refused = drafter.post(f"/documents/{plan.id}/transitions/submit", {"version": plan.version})
    assert refused.status_code == 403 and "Trưởng phòng" in refused.get_data(as_text=True)
    head = as_user("truongphong.nv")
    page = head.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert buttons(page) == {"submit"}
    assert 'action="/documents/%d/transitions/submit"' % plan.id in page
    assert 'id="submit-signer_form"' in page                  # the signer's form, as at approve
    response = head.post(f"/documents/{plan.id}/transitions/submit",
                         {"version": plan.version, "comment": "Kính trình."})
    assert response.status_code == 303
    assert fresh(plan.id).state == "submitted"
    assert fresh(plan.id).proposal_signer_name == "Lê Văn Trưởng"
    shown = head.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã ký và trình tờ trình. Văn bản đang chờ thẩm định." in shown
    assert "Kính trình." in shown                              # the history shows the comment
    assert "ke-hoach.docx" in shown and "Mã kiểm tra tệp" in shown   # the generated files


def test_the_communes_chairman_sees_its_drafts_and_a_deputy_signs_kt(world, as_user):
    from tests.factories import add_user
    proposal = new_commendation(world)
    chairman = as_user("approver.antruong")
    home = chairman.get("/").get_data(as_text=True)
    assert f"/documents/{proposal.id}" in home                 # on his worklist: waiting for his signature
    add_user("pct.antruong", world.commune, ["approver"], None, "Phó Chủ tịch", full_name="Kim Văn Sơn")
    deputy = as_user("pct.antruong")
    page = deputy.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert buttons(page) == {"submit"}
    assert re.search(r'<option selected value="KT">|<option value="KT" selected>', page)
    wrong = deputy.post(f"/documents/{proposal.id}/transitions/submit", {"version": proposal.version,
                                                                         "signer_form": ""})
    assert wrong.status_code == 422 and fresh(proposal.id).state == "draft"
    done = deputy.post(f"/documents/{proposal.id}/transitions/submit", {"version": proposal.version,
                                                                        "signer_form": "KT"})
    assert done.status_code == 303
    signed = fresh(proposal.id)
    assert (signed.state, signed.proposal_signer_form, signed.proposal_entry.signer) == (
        "submitted", "KT", "Kim Văn Sơn (Phó Chủ tịch)")


def test_forged_post_without_the_role_is_403_and_changes_nothing(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    before = snapshot(plan.id)
    drafter = as_user("drafter")
    html = drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert buttons(html) == {"withdraw"}                    # only the creator's own step
    response = drafter.post(f"/documents/{plan.id}/transitions/review", {"version": before["version"]})
    assert response.status_code == 403
    assert "Bạn không có quyền “Thẩm định” văn bản này." in response.get_data(as_text=True)
    assert snapshot(plan.id) == before
    confirm = drafter.get(f"/documents/{plan.id}/transitions/review")
    assert confirm.status_code == 403


def test_user_without_any_role_on_it_sees_no_transition_button(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    for username in ("drafter", "reviewer", "archivist", "admin"):
        html = as_user(username).get(f"/documents/{plan.id}").get_data(as_text=True)
        assert buttons(html) == set(), username
        assert "Bạn không có thao tác nào" in html
    assert buttons(as_user("approver").get(f"/documents/{plan.id}").get_data(as_text=True)) == {"approve", "return"}


def test_transition_without_csrf_token_is_refused(world, as_user):
    plan = new_plan(world)
    before = snapshot(plan.id)
    response = as_user("drafter").post(f"/documents/{plan.id}/transitions/submit", {"version": plan.version},
                                        token=False)
    assert response.status_code == 400
    assert snapshot(plan.id) == before


def test_return_needs_a_comment(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    before = snapshot(plan.id)
    reviewer = as_user("reviewer")
    response = reviewer.post(f"/documents/{plan.id}/transitions/return", {"version": before["version"], "comment": " "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Cần ghi lý do trả lại." in html and "Bắt buộc khi trả lại." in html
    assert snapshot(plan.id) == before
    ok = reviewer.post(f"/documents/{plan.id}/transitions/return",
                       {"version": before["version"], "comment": "Bổ sung căn cứ."})
    assert ok.status_code == 303 and fresh(plan.id).state == "draft"


def test_stale_version_is_a_conflict(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    before = snapshot(plan.id)
    response = as_user("reviewer").post(f"/documents/{plan.id}/transitions/review", {"version": before["version"] - 1})
    assert response.status_code == 409
    assert snapshot(plan.id) == before


def test_incomplete_document_cannot_be_submitted(world, as_user):
    plan = new_plan(world, body={"sections": [], "recipients": []})
    before = snapshot(plan.id)
    response = as_user("truongphong.nv").post(f"/documents/{plan.id}/transitions/submit", {"version": plan.version})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Kế hoạch cần ít nhất một mục nội dung." in html and "Chưa nhập nơi nhận." in html
    assert snapshot(plan.id) == before


def test_invisible_document_is_404(world, as_user):
    plan = new_plan(world)   # a district draft: the commune never sees it
    commune = as_user("drafter.antruong")
    assert commune.get(f"/documents/{plan.id}").status_code == 404
    assert commune.post(f"/documents/{plan.id}/transitions/submit", {"version": 1}).status_code == 404
    assert "Không tìm thấy" in commune.get(f"/documents/{plan.id}").get_data(as_text=True)


def test_review_with_a_rejected_nominee_then_approve_and_issue(world, as_user):
    proposal = new_commendation(world, nominees=[
        {"kind": "individual", "full_name": "Nguyễn Văn Một", "award": "giay_khen", "achievement": "Xuất sắc."},
        {"kind": "individual", "full_name": "Trần Thị Hai", "award": "giay_khen", "achievement": "Tốt."}])
    advance(world, proposal, "submitted")
    first, second = (n.id for n in proposal.nominees)
    reviewer = as_user("reviewer")
    page = reviewer.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert "Ý kiến thẩm định từng trường hợp" in page and "Trần Thị Hai" in page
    decisions = {"version": proposal.version,
                 "decisions-0-nominee_id": first, "decisions-0-status": "accepted",
                 "decisions-1-nominee_id": second, "decisions-1-status": "rejected"}
    before = snapshot(proposal.id)
    missing_note = reviewer.post(f"/documents/{proposal.id}/transitions/review", decisions)
    assert missing_note.status_code == 422
    assert "Cần ghi lý do không đề nghị khen thưởng." in missing_note.get_data(as_text=True)
    assert snapshot(proposal.id) == before
    done = reviewer.post(f"/documents/{proposal.id}/transitions/review",
                         {**decisions, "decisions-1-note": "Chưa đủ thời gian công tác."})
    assert done.status_code == 303
    proposal = fresh(proposal.id)
    assert proposal.state == "reviewed"
    assert [(n.review_status, n.review_note) for n in proposal.nominees] == [
        ("accepted", ""), ("rejected", "Chưa đủ thời gian công tác.")]

    approver = as_user("approver")
    assert 'name="signer_form"' in approver.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert approver.post(f"/documents/{proposal.id}/transitions/approve",
                         {"version": proposal.version, "signer_form": "KT"}).status_code == 303
    proposal = fresh(proposal.id)
    assert (proposal.signer_form, proposal.signer_name) == ("KT", "Phạm Minh Tuấn")

    archivist = as_user("archivist")
    page = archivist.get(f"/documents/{proposal.id}/transitions/issue").get_data(as_text=True)
    assert 'type="date"' in page and 'name="issued_on"' in page
    future = archivist.post(f"/documents/{proposal.id}/transitions/issue",
                            {"version": proposal.version, "issued_on": "2999-01-01"})
    assert future.status_code == 422 and "Ngày ban hành không được ở tương lai." in future.get_data(as_text=True)
    issued = archivist.post(f"/documents/{proposal.id}/transitions/issue", {"version": proposal.version})
    assert issued.status_code == 303
    proposal = fresh(proposal.id)
    assert proposal.state == "issued" and proposal.number.endswith("/QĐ-UBND")
    shown = archivist.get(issued.headers["Location"]).get_data(as_text=True)
    assert f"Đã ban hành văn bản số {proposal.number}." in shown
    issued_files = [f for f in proposal.files if f.step == "issued"]
    download = archivist.get(f"/files/{issued_files[0].id}")
    assert download.status_code == 200 and download.headers["ETag"].strip('"') == issued_files[0].sha256
    assert download.data[:2] == b"PK"


def test_four_eyes_hides_approve_from_its_creator(world, as_user):
    from tests.factories import add_user
    both = add_user("both", world.district, ["drafter", "approver"], "NV", "Phó Chủ tịch", heads_unit=True)
    from workflow_app.services import demo_data, documents
    from workflow_app.services.transitions import apply_transition
    plan = documents.create(both, {"kind": "plan", "title": demo_data.PLAN_TITLE, "body": demo_data.PLAN_BODY})
    apply_transition(plan, "submit", both, generate=False)
    apply_transition(plan, "review", world.users["reviewer"], generate=False)
    html = as_user("both").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "approve" not in buttons(html)
    before = snapshot(plan.id)
    response = as_user("both").post(f"/documents/{plan.id}/transitions/approve", {"version": before["version"]})
    assert response.status_code == 403
    assert "Bạn đã soạn và trình văn bản này nên không thể phê duyệt" in response.get_data(as_text=True)
    assert snapshot(plan.id) == before


def test_combined_duties_are_shown_in_the_history(world, as_user):
    """A body that allows combined duties: the approver who wrote the plan signs it, and the
    document page says so under the step (issue 12, point 4)."""
    from tests.factories import add_user
    world.district.allow_combined_duties = True
    db.session.commit()
    both = add_user("both", world.district, ["drafter", "approver"], "NV", "Phó Chủ tịch", heads_unit=True)
    from workflow_app.services import demo_data, documents
    from workflow_app.services.transitions import apply_transition
    plan = documents.create(both, {"kind": "plan", "title": demo_data.PLAN_TITLE, "body": demo_data.PLAN_BODY})
    apply_transition(plan, "submit", both, generate=False)
    apply_transition(plan, "review", world.users["reviewer"], generate=False)
    page = as_user("both").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "approve" in buttons(page)
    response = as_user("both").post(f"/documents/{plan.id}/transitions/approve", {"version": fresh(plan.id).version})
    assert response.status_code == 303
    html = as_user("reviewer").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert html.count("Kiêm nhiệm theo thiết lập của cơ quan") == 1
    assert ("Kiêm nhiệm theo thiết lập của cơ quan: người phê duyệt đồng thời là người soạn và người trình "
            "văn bản.") in html


def test_worklist_shows_what_waits_with_links_to_the_action(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    html = as_user("reviewer").get("/").get_data(as_text=True)
    assert f'href="/documents/{plan.id}/transitions/review"' in html
    assert f'href="/documents/{plan.id}/transitions/return"' in html
    assert "Đã trình" in html and "kind=plan" in html   # the count per kind and state links to the list
    assert "Hiện không có văn bản nào chờ bạn xử lý." in as_user("archivist").get("/").get_data(as_text=True)
