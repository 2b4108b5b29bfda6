"""End to end through Chromium: the seed plan from draft to its issued .docx; a commendation
with an Excel list and one rejected nominee; no button for who may not act."""
from __future__ import annotations

import io

import docx
import pytest

from tests.domain.document_samples import check_format
from workflow_app.services import demo_data

from .helpers import document_id, download_file, fire, flash_text, seed_documents, transition_buttons, xlsx

pytestmark = pytest.mark.browser


def write_plan(page) -> None:
    body = demo_data.PLAN_BODY
    page.goto("/")
    page.click("text=Soạn kế hoạch")
    page.fill("#title", demo_data.PLAN_TITLE)
    page.fill("#legal_bases", "\n".join(body["legal_bases"]))
    for i, section in enumerate(body["sections"]):
        if i:
            page.click("button[value=add_sections]")
        page.fill(f"#sections-{i}-heading", section["heading"])
        page.fill(f"#sections-{i}-paragraphs", "\n".join(section["paragraphs"]))
    for i, milestone in enumerate(body["milestones"]):
        page.click("button[value=add_milestones]")
        page.fill(f"#milestones-{i}-name", milestone["name"])
        page.fill(f"#milestones-{i}-due", milestone["due"])
    page.fill("#recipients", "\n".join(body["recipients"]))
    page.click("button.btn-primary[value=save]")
    assert "Đã tạo dự thảo" in flash_text(page)


def test_seed_plan_from_draft_to_issued_docx(sign_in, artifacts):
    drafter = sign_in("drafter")
    write_plan(drafter)
    plan = document_id(drafter)
    assert "MỤC ĐÍCH, YÊU CẦU" in drafter.inner_text("article")
    assert "submit" not in transition_buttons(drafter)          # the head of Phòng Nội vụ signs it
    assert "Nguyễn Văn Hùng (Trưởng phòng Nội vụ) ký" in drafter.inner_text("main")

    reviewer = sign_in("reviewer")   # Nguyễn Văn Hùng, Trưởng phòng Nội vụ: heads the unit, signs its Tờ trình
    reviewer.goto(f"/documents/{plan}")
    fire(reviewer, "submit", "Kính trình lãnh đạo xem xét ban hành Kế hoạch.")
    assert "Đã ký và trình" in flash_text(reviewer)
    reviewer.goto("/")
    reviewer.click(f"a[href='/documents/{plan}/transitions/review']")     # straight from the worklist
    reviewer.fill("#review-comment", "Phòng Nội vụ đã rà soát, thống nhất nội dung.")
    reviewer.click("button[data-transition=review]")
    assert "Đã thẩm định" in flash_text(reviewer)

    approver = sign_in("approver")
    approver.goto(f"/documents/{plan}")
    approver.click("summary[data-transition=approve]")
    approver.select_option("#approve-signer_form", "KT")
    approver.click("button[data-transition=approve]")
    assert "Đã phê duyệt" in flash_text(approver)

    archivist = sign_in("archivist")
    archivist.goto(f"/documents/{plan}")
    fire(archivist, "issue")
    assert "Đã ban hành văn bản số" in flash_text(archivist)
    target = artifacts / "issued-plan.docx"
    download_file(archivist, "ke-hoach.docx", "Đã ban hành", target)
    assert check_format([target], draft=False) == {str(target): []}


def test_commendation_with_excel_list_and_a_rejected_nominee(sign_in, in_app, artifacts, tmp_path):
    plan_id, _ = in_app(seed_documents)
    commune = sign_in("drafter.antruong")
    commune.goto("/documents/new/commendation")
    commune.fill("#title", demo_data.COMMENDATION_TITLE)
    commune.select_option("#plan_id", str(plan_id))
    commune.fill("#period", "Sơ kết giai đoạn 2023 - 2025")
    commune.fill("#reason", demo_data.COMMENDATION_BODY["reason"])
    commune.fill("#recipients", "Phòng Nội vụ huyện")
    commune.click("button[value='remove_nominees:0']")          # the list comes from Excel instead
    commune.click("button.btn-primary[value=save]")
    assert "Đã tạo dự thảo" in flash_text(commune)
    proposal = document_id(commune)

    commune.click("text=Nhập danh sách từ Excel")
    sheet = tmp_path / "danh-sach.xlsx"
    sheet.write_bytes(xlsx([
        [1, "Cá nhân", "Nguyễn Thị Ngọc Ánh", "Nữ", "Giáo viên", "Trường THCS An Trường", "Giấy khen",
         "Đã có thành tích xuất sắc trong công tác khuyến học."],
        [2, "Cá nhân", "Lê Văn Chưa Đạt", "Nam", "Trưởng ấp", "Ấp 3", "Giấy khen", "Tham gia phong trào."],
        [3, "Tập thể", "Trung tâm học tập cộng đồng xã An Trường", "", "", "xã An Trường",
         "Tập thể lao động tiên tiến", "Đã có thành tích xuất sắc trong tổ chức học tập suốt đời."]]))
    commune.set_input_files("#file", str(sheet))
    commune.click("text=Tải lên và nhập")
    assert "Đã nhập 3 dòng từ tệp Excel." in flash_text(commune)
    assert "submit" not in transition_buttons(commune)          # the commune's Chủ tịch signs it
    chairman = sign_in("approver.antruong")
    chairman.goto(f"/documents/{proposal}")
    fire(chairman, "submit")
    assert "Đã ký và trình" in flash_text(chairman)

    reviewer = sign_in("reviewer")
    reviewer.goto(f"/documents/{proposal}")
    reviewer.click("summary[data-transition=review]")
    rejected = reviewer.locator(".wf-decision").filter(has_text="Lê Văn Chưa Đạt")
    rejected.get_by_label("Không đề nghị", exact=True).check()
    rejected.locator("input[name$='-note']").fill("Chưa đủ tiêu chuẩn theo quy định.")
    reviewer.click("button[data-transition=review]")
    assert "Đã thẩm định" in flash_text(reviewer)

    approver = sign_in("approver")
    approver.goto(f"/documents/{proposal}")
    fire(approver, "approve")
    archivist = sign_in("archivist")
    archivist.goto(f"/documents/{proposal}")
    fire(archivist, "issue")
    assert "/QĐ-UBND" in flash_text(archivist)
    target = artifacts / "issued-decision.docx"
    download_file(archivist, "quyet-dinh-khen-thuong.docx", "Đã ban hành", target)
    decision = docx.Document(io.BytesIO(target.read_bytes()))
    text = "\n".join([p.text for p in decision.paragraphs]
                     + [c.text for t in decision.tables for r in t.rows for c in r.cells])
    assert "Nguyễn Thị Ngọc Ánh" in text and "Trung tâm học tập cộng đồng xã An Trường" in text
    assert "Lê Văn Chưa Đạt" not in text


def test_no_transition_button_without_the_role(sign_in, in_app):
    from workflow_app.services import accounts, documents
    from workflow_app.services.transitions import apply_transition

    def submitted_plan():
        drafter = accounts.find_user("drafter")
        plan = documents.create(drafter, {"kind": "plan", "title": "Kế hoạch kiểm tra nút thao tác",
                                          "body": demo_data.PLAN_BODY})
        apply_transition(plan, "submit", accounts.find_user("reviewer"), generate=False)   # NV's head
        return plan.id

    plan = in_app(submitted_plan)
    approver = sign_in("approver")
    approver.goto(f"/documents/{plan}")
    assert transition_buttons(approver) == set()
    assert "Bạn không có thao tác nào" in approver.inner_text("main")
    reviewer = sign_in("reviewer")
    reviewer.goto(f"/documents/{plan}")
    assert transition_buttons(reviewer) == {"review", "return"}
