"""Nominees from Excel: a clean file is imported, a file with bad rows imports nothing."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.factories import issued_plan, new_commendation, snapshot
from tests.web.xlsx import GOOD_ROWS, HEADER, workbook_bytes
from workflow_app.extensions import db
from workflow_app.models import Document


def upload(browser, document, data: bytes, replace=False, name="danh-sach.xlsx"):
    browser.get(f"/documents/{document.id}/import")
    form = {"version": document.version, "file": (io.BytesIO(data), name)}
    if replace:
        form["replace"] = "y"
    return browser.post(f"/documents/{document.id}/import", form, content_type="multipart/form-data")


def names(document_id: int) -> list[str]:
    db.session.expire_all()
    return [n.full_name for n in db.session.get(Document, document_id).nominees]


def test_a_clean_file_is_imported(world, as_user):
    proposal = new_commendation(world)
    before = names(proposal.id)
    response = upload(as_user("drafter.antruong"), proposal, workbook_bytes(GOOD_ROWS,
                      title_rows=[["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"], []]))
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    after = db.session.get(Document, proposal.id)
    assert names(proposal.id) == before + ["Nguyễn Văn Một", "Ấp Đại Đức", "Trần Thị Ba"]
    added = after.nominees[-3:]
    assert [(n.kind, n.gender, n.award) for n in added] == [
        ("individual", "male", "giay_khen"), ("collective", "", "tap_the_lao_dong_tien_tien"),
        ("individual", "female", "giay_khen")]


def test_households_are_imported_by_their_vietnamese_label(world, as_user):
    """Issue 13, point 4: "Hộ gia đình" (any case, with or without accents, or `household`) in the
    kind column imports a household, under the sample's new header as under the old one."""
    proposal = new_commendation(world)
    rows = [[1, "Hộ gia đình", "Hộ ông Thạch Sa Rinh", "", "", "Ấp Sóc Ruộng", "Giấy khen", "Gia đình học tập."],
            [2, "hộ gia đình", "Gia đình bà Kim Thị Ỷ", "", "", "Ấp Giồng Lức", "Giấy khen", "Gia đình học tập."],
            [3, "ho gia dinh", "Hộ Trần Văn Ba", "", "", "Ấp 1", "giay_khen", "Gia đình học tập."],
            [4, "household", "Hộ Lê Thị Bốn", "", "", "Ấp 2", "Giấy khen", "Gia đình học tập."]]
    for header in (HEADER, ["STT", "Cá nhân/Tập thể/Hộ gia đình", *HEADER[2:]]):
        response = upload(as_user("drafter.antruong"), proposal, workbook_bytes(rows, header=header), replace=True)
        assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
        db.session.expire_all()
        proposal = db.session.get(Document, proposal.id)
        assert [(n.kind, n.gender, n.full_name) for n in proposal.nominees] == [("household", "", r[2]) for r in rows]


def test_replace_the_list(world, as_user):
    proposal = new_commendation(world)
    assert upload(as_user("drafter.antruong"), proposal, workbook_bytes(GOOD_ROWS[:1]), replace=True).status_code == 303
    assert names(proposal.id) == ["Nguyễn Văn Một"]


def test_bad_rows_are_reported_by_row_number_and_nothing_is_imported(world, as_user):
    proposal = new_commendation(world)
    before = snapshot(proposal.id)
    rows = [GOOD_ROWS[0],
            [2, "Cá nhân", "", "Nam", "", "", "Giấy khen", "Tốt."],
            [3, "Nhóm", "Lê Văn Bốn", "Khác", "", "", "Bằng khen", ""],
            [4, "Cá nhân", "Hồ Thị Năm", "", "", "", "Giấy khen", "x" * 5001]]
    response = upload(as_user("drafter.antruong"), proposal, workbook_bytes(rows))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Tệp có lỗi; chưa nhập dòng nào." in html
    assert "<strong>Dòng 3:</strong> Thiếu họ tên." in html
    assert "<strong>Dòng 4:</strong>" in html and "Loại “Nhóm” không hợp lệ (Cá nhân, Tập thể hoặc Hộ gia đình)" in html
    assert "hình thức khen thưởng “Bằng khen” không có trong danh mục của cơ quan" in html
    assert "<strong>Dòng 5:</strong>" in html and "dài quá 5000 ký tự" in html
    assert "<strong>Dòng 2:</strong>" not in html
    assert snapshot(proposal.id) == before


def test_not_an_excel_file(world, as_user):
    proposal = new_commendation(world)
    response = upload(as_user("drafter.antruong"), proposal, b"not a spreadsheet", name="ds.xlsx")
    assert response.status_code == 422
    assert "Tệp không phải bảng tính Excel .xlsx hợp lệ." in response.get_data(as_text=True)
    missing_columns = upload(as_user("drafter.antruong"), proposal, workbook_bytes([["a"]], header=["Tên"]))
    assert "Không tìm thấy dòng tiêu đề" in missing_columns.get_data(as_text=True)


def test_sample_file_opens_and_imports_as_is(world, as_user):
    proposal = new_commendation(world)
    commune = as_user("drafter.antruong")
    sample = commune.get(f"/documents/{proposal.id}/import/sample.xlsx")
    assert sample.status_code == 200 and sample.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(sample.data)).active
    assert [c.value for c in sheet[1]][2] == "Họ và tên / Tên tập thể"
    assert upload(commune, proposal, sample.data, replace=True).status_code == 303
    assert names(proposal.id) == ["Nguyễn Văn A", "Trường Tiểu học An Trường A", "Hộ ông Trần Văn B"]
    assert [n.kind for n in db.session.get(Document, proposal.id).nominees] == ["individual", "collective", "household"]


def test_only_an_editor_of_the_draft_imports(world, as_user):
    proposal = new_commendation(world)
    assert as_user("drafter").get(f"/documents/{proposal.id}/import").status_code == 404   # not visible
    from tests.factories import advance
    advance(world, proposal, "submitted")
    assert as_user("drafter.antruong").get(f"/documents/{proposal.id}/import").status_code == 409


def test_sample_keeps_award_labels_that_look_like_formulas_as_text(world, as_user):
    """A body may name an award "=Giấy khen" or "+Bằng khen": the sample must hold that text,
    not a formula Excel would evaluate (and the import would then refuse its own sample)."""
    plan = issued_plan(world)   # before the awards change: its rounds name the demo's awards
    world.district.awards = [{"code": "giay_khen", "label": "=Giấy khen"},
                             {"code": "bang_khen", "label": "+Bằng khen (HYPERLINK)"}]
    db.session.commit()
    proposal = new_commendation(world, plan, nominees=[])
    commune = as_user("drafter.antruong")
    sample = commune.get(f"/documents/{proposal.id}/import/sample.xlsx")
    workbook = load_workbook(io.BytesIO(sample.data))
    award_cells = [row[6] for row in workbook.active.iter_rows(min_row=2)]
    listed = [row[0] for row in workbook["Danh mục"].iter_rows(min_row=2)]
    for cell in award_cells + listed:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert [c.value for c in listed] == ["=Giấy khen", "+Bằng khen (HYPERLINK)"]
    assert upload(commune, proposal, sample.data, replace=True).status_code == 303
    assert names(proposal.id) == ["Nguyễn Văn A", "Trường Tiểu học An Trường A", "Hộ ông Trần Văn B"]
    assert [n.kind for n in db.session.get(Document, proposal.id).nominees] == ["individual", "collective", "household"]
