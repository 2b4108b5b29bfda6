"""The outgoing register: the page, the .docx and .xlsx exports (reopened), the issued files."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import docx
import time_machine
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from tests.factories import NEW_YEAR_IN_VIETNAM, advance, new_plan
from tests.round_decision_world import advance_decision, round_world
from workflow_app.domain.register import COLUMNS
from workflow_app.services import round_decisions

AT = datetime(2025, 3, 10, 3, 0, tzinfo=timezone.utc)


def issued(world):
    plan = new_plan(world)
    advance(world, plan, "issued", at=AT)
    return plan


def test_register_page_lists_issued_documents(world, as_user):
    plan = issued(world)
    html = as_user("archivist").get("/archive/register?year=2025").get_data(as_text=True)
    assert plan.number in html and "Kế hoạch thực hiện Phong trào" in html
    assert '<option value="KH"' in html
    assert "Chưa có văn bản nào được đăng ký trong năm 2024." in as_user("archivist").get(
        "/archive/register?year=2024").get_data(as_text=True)


def test_register_exports_reopen(world, as_user):
    plan = issued(world)
    archivist = as_user("archivist")
    word = archivist.get("/archive/register.docx?year=2025&series=KH")
    assert word.status_code == 200 and word.mimetype.endswith("wordprocessingml.document")
    assert "so-dang-ky-van-ban-di-2025-KH.docx" in word.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(word.data))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
    row = [c.text for c in table.rows[2].cells]
    assert row[0] == plan.number and row[1] == "10/03/2025" and row[2].startswith("Kế hoạch thực hiện")
    assert row[3] == "Phạm Minh Tuấn (Phó Chủ tịch)" and row[5] == "VT, NV"
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in [p.text for p in document.paragraphs]

    excel = archivist.get("/archive/register.xlsx?year=2025")
    assert excel.status_code == 200
    sheet = load_workbook(io.BytesIO(excel.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r[0] == COLUMNS[0])
    assert list(rows[header_at]) == list(COLUMNS)
    assert rows[header_at + 2][0] == plan.number and rows[header_at + 2][1].date().isoformat() == "2025-03-10"


def test_issued_file_downloads_from_the_register(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "issued", generate=True)   # with the generated files
    archivist = as_user("archivist")
    html = archivist.get(f"/archive/register?year={plan.issued_on.year}").get_data(as_text=True)
    issued_file = next(f for f in plan.files if f.step == "issued")
    assert f'href="/files/{issued_file.id}"' in html
    response = archivist.get(f"/files/{issued_file.id}")
    assert response.status_code == 200 and response.data == issued_file.content
    assert "ke-hoach.docx" in response.headers["Content-Disposition"]
    assert as_user("drafter.antruong").get("/files/999999").status_code == 404


def test_the_register_page_and_exports_default_to_the_office_year(world, as_user):
    """31 December 17:30 UTC is 1 January 00:30 in Vietnam: the register of the new year is the default."""
    with time_machine.travel(NEW_YEAR_IN_VIETNAM, tick=True):
        plan = new_plan(world)
        advance(world, plan, "issued")
        archivist = as_user("archivist")
        html = archivist.get("/archive/register").get_data(as_text=True)
        excel = archivist.get("/archive/register.xlsx")
    assert plan.issued_on.year == 2027 and plan.number in html
    assert "so-dang-ky-van-ban-di-2027.xlsx" in excel.headers["Content-Disposition"]


def test_the_register_page_lists_each_thong_bao_of_a_round_decision_with_its_file(world, as_user):
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    advance_decision(world, decision, "issued")
    year = decision.issued_on.year
    html = as_user("archivist").get(f"/archive/register?year={year}&series=TB").get_data(as_text=True)
    notices = {f.file_name: f for f in decision.files if f.template_name == "thong-bao-ket-qua-dot"}
    assert '<option value="TB" selected' in html
    for number, body, name in (("01/TB-UBND", "Ủy ban nhân dân xã An Trường", "xa-an-truong"),
                               ("02/TB-UBND", "Ủy ban nhân dân xã Huyền Hội", "xa-huyen-hoi")):
        assert number in html and f"xét khen thưởng đợt sơ kết giai đoạn 2023 - 2025 của {body}" in html
        file_id = notices[f"thong-bao-ket-qua-dot-{name}.docx"].id
        assert f"/files/{file_id}\"" in html
    exported = docx.Document(io.BytesIO(as_user("archivist").get(f"/archive/register.docx?year={year}&series=TB").data))
    cells = [c.text for c in exported.tables[0].rows[2].cells]
    assert cells[0] == "01/TB-UBND" and cells[2].startswith("Thông báo kết quả xét khen thưởng đợt sơ kết")
    assert cells[4] == "Ủy ban nhân dân xã An Trường"
