"""Issue 13: a new proposal takes its list from Excel before it is ever saved, and the blank row
the page draws is no obstacle."""
from __future__ import annotations

from .helpers import document_id, flash_text, seed_documents, xlsx


def test_a_new_proposal_saved_with_its_excel_list_and_the_blank_row_untouched(sign_in, in_app, tmp_path):
    plan_id, _ = in_app(seed_documents)
    commune = sign_in("drafter.antruong")
    commune.get_by_role("link", name="Soạn tờ trình đề nghị khen thưởng").click()
    commune.fill("#title", "Đề nghị tặng Giấy khen cho ba cá nhân")
    commune.locator("#plan_id").select_option(str(plan_id))
    sheet = tmp_path / "danh-sach.xlsx"
    sheet.write_bytes(xlsx([[1, "Cá nhân", "Người Thứ Nhất", "Nam", "Giáo viên", "Trường A", "Giấy khen", "Tốt."],
                            [2, "Cá nhân", "Người Thứ Hai", "Nữ", "Giáo viên", "Trường A", "Giấy khen", "Tốt."],
                            [3, "Cá nhân", "Người Thứ Ba", "Nữ", "Giáo viên", "Trường B", "Giấy khen", "Tốt."]]))
    commune.locator("#nominees_file").set_input_files(str(sheet))
    commune.locator("button.btn-primary[value=save]").click()
    messages = flash_text(commune)
    assert "Đã tạo dự thảo" in messages and "Đã nhập 3 dòng từ tệp Excel." in messages
    assert document_id(commune)
    for name in ("Người Thứ Nhất", "Người Thứ Hai", "Người Thứ Ba"):
        assert commune.get_by_text(name, exact=False).first.is_visible()
