"""Issue 13: the new-proposal editor (blank rows, Excel before the first save), duplicates,
and the issued decision listed under its own trích yếu and issuer."""
from __future__ import annotations

import io
import re

import docx

from tests.factories import advance, issued_plan, new_commendation
from tests.web.test_editors import field_error
from tests.web.xlsx import GOOD_ROWS, workbook_bytes
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import demo_data

NEW = "/documents/new/commendation"


def proposal_form(plan, **rows) -> dict:
    data = {"op": "save", "title": "Đề nghị tặng Giấy khen năm 2026", "plan_id": plan.id,
            "period": "Sơ kết 2023 - 2025", "reason": "Thành tích xuất sắc.", "recipients": "Phòng Nội vụ huyện"}
    data.update(rows)
    return data


def blank_row(i: int) -> dict:
    return {f"nominees-{i}-kind": "individual", f"nominees-{i}-full_name": "", f"nominees-{i}-gender": "",
            f"nominees-{i}-position": "", f"nominees-{i}-organization": "", f"nominees-{i}-award": "",
            f"nominees-{i}-achievement": ""}


def filled_row(i: int, name: str = "Nguyễn Văn Một", organization: str = "Trường THCS An Trường") -> dict:
    return {**blank_row(i), f"nominees-{i}-full_name": name, f"nominees-{i}-gender": "male",
            f"nominees-{i}-organization": organization, f"nominees-{i}-award": "giay_khen",
            f"nominees-{i}-achievement": "Xuất sắc."}


def created(response) -> Document:
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    db.session.expire_all()
    return db.session.get(Document, int(response.headers["Location"].rsplit("/", 1)[1]))


# 1. Blank rows

def test_the_untouched_blank_row_of_a_new_proposal_is_ignored(world, as_user):
    plan = issued_plan(world)
    commune = as_user("drafter.antruong")
    page = commune.get(NEW).get_data(as_text=True)
    assert 'id="nominees-0-full_name"' in page            # the pre-filled blank row is still offered
    proposal = created(commune.post(NEW, proposal_form(plan, **blank_row(0))))
    assert proposal.nominees == []
    between = created(commune.post(NEW, proposal_form(plan, **filled_row(0), **blank_row(1),
                                                      **filled_row(2, "Trần Thị Hai"))))
    assert [n.full_name for n in between.nominees] == ["Nguyễn Văn Một", "Trần Thị Hai"]


def test_a_partly_filled_row_is_named_with_what_it_misses(world, as_user):
    plan = issued_plan(world)
    commune = as_user("drafter.antruong")
    partial = {**blank_row(2), "nominees-2-full_name": "Lê Văn Ba"}
    response = commune.post(NEW, proposal_form(plan, **filled_row(0), **blank_row(1), **partial))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "không có trong danh mục" not in html        # an award not chosen is not an award unknown
    assert "Dòng 3: chưa có hình thức khen thưởng, thành tích." in html
    assert field_error(html, "nominees-2-award") == "Chưa chọn hình thức khen thưởng."
    assert field_error(html, "nominees-2-achievement") == "Không được để trống."
    assert "Lê Văn Ba" in html                          # what was typed is kept
    assert db.session.query(Document).filter_by(kind="commendation").count() == 0
    long_unit = {**partial, "nominees-2-organization": "x" * 301}
    html = commune.post(NEW, proposal_form(plan, **filled_row(0), **blank_row(1), **long_unit)).get_data(as_text=True)
    assert "Dòng 3: chưa có hình thức khen thưởng, thành tích; đơn vị dài quá 300 ký tự." in html


def test_the_api_says_an_award_was_not_chosen(world, as_user):
    from workflow_app.domain.errors import ValidationFailed
    from workflow_app.services import documents
    try:
        documents.create(world.users["commune_drafter"], {
            "kind": "commendation", "title": "Đề nghị", "body": {},
            "nominees": [{"full_name": "A", "achievement": "Tốt.", "award": ""},
                         {"full_name": "B", "achievement": "Tốt.", "award": "bang_vang"}]})
    except ValidationFailed as exc:
        assert exc.fields["nominees[0].award"] == "Chưa chọn hình thức khen thưởng."
        assert exc.fields["nominees[1].award"] == "Hình thức khen thưởng không có trong danh mục của cơ quan."
    else:
        raise AssertionError("accepted")


# 2. Excel before the first save

def test_a_new_proposal_takes_its_list_from_excel_in_one_post(world, as_user):
    plan = issued_plan(world)
    commune = as_user("drafter.antruong")
    page = commune.get(NEW).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'name="nominees_file"' in page
    assert "/documents/new/commendation/import/sample.xlsx" in page
    sample = commune.get("/documents/new/commendation/import/sample.xlsx")
    assert sample.status_code == 200 and sample.mimetype.endswith("spreadsheetml.sheet")
    form = {**proposal_form(plan, **blank_row(0)), "nominees_file": (io.BytesIO(workbook_bytes(GOOD_ROWS)), "ds.xlsx")}
    response = commune.post(NEW, form, content_type="multipart/form-data")
    proposal = created(response)
    assert [n.full_name for n in proposal.nominees] == ["Nguyễn Văn Một", "Ấp Đại Đức", "Trần Thị Ba"]
    assert proposal.title == "Đề nghị tặng Giấy khen năm 2026"
    shown = commune.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã nhập 3 dòng từ tệp Excel." in shown


def test_a_bad_file_on_the_new_page_creates_nothing_and_names_its_rows(world, as_user):
    plan = issued_plan(world)
    commune = as_user("drafter.antruong")
    rows = [GOOD_ROWS[0], [2, "Cá nhân", "", "Nam", "", "", "Giấy khen", "Tốt."]]
    form = {**proposal_form(plan, **blank_row(0)), "nominees_file": (io.BytesIO(workbook_bytes(rows)), "ds.xlsx")}
    response = commune.post(NEW, form, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Dòng 3 (tệp Excel): Thiếu họ tên." in html
    assert "Đề nghị tặng Giấy khen năm 2026" in html     # the form keeps what was typed
    assert db.session.query(Document).filter_by(kind="commendation").count() == 0
    not_xlsx = {**proposal_form(plan), "nominees_file": (io.BytesIO(b"no"), "ds.xls")}
    refused = commune.post(NEW, not_xlsx, content_type="multipart/form-data")
    assert refused.status_code == 422 and "Chỉ nhận tệp Excel .xlsx" in refused.get_data(as_text=True)


# 3. Duplicates

def upload(browser, document, data: bytes, **extra):
    browser.get(f"/documents/{document.id}/import")
    db.session.expire_all()
    document = db.session.get(Document, document.id)
    form = {"version": document.version, "file": (io.BytesIO(data), "ds.xlsx"), **extra}
    return browser.post(f"/documents/{document.id}/import", form, content_type="multipart/form-data")


def names(document_id: int) -> list[str]:
    db.session.expire_all()
    return [n.full_name for n in db.session.get(Document, document_id).nominees]


def test_importing_the_same_file_twice_skips_the_duplicates(world, as_user):
    proposal = new_commendation(world, nominees=[])
    commune = as_user("drafter.antruong")
    assert upload(commune, proposal, workbook_bytes(GOOD_ROWS)).status_code == 303
    again = upload(commune, proposal, workbook_bytes(GOOD_ROWS))
    assert again.status_code == 303
    assert names(proposal.id) == ["Nguyễn Văn Một", "Ấp Đại Đức", "Trần Thị Ba"]
    flash = commune.get(again.headers["Location"]).get_data(as_text=True)
    assert "3 dòng trùng với danh sách hiện có" in flash and "Dòng 2" in flash
    page = commune.get(f"/documents/{proposal.id}/import").get_data(as_text=True)
    skip = re.search(r'<input[^>]*name="duplicates"[^>]*value="skip"[^>]*>', page)
    assert skip and "checked" in skip.group(0)


def test_duplicates_match_without_accents_case_or_spacing_and_may_be_kept(world, as_user):
    proposal = new_commendation(world, nominees=[])
    commune = as_user("drafter.antruong")
    assert upload(commune, proposal, workbook_bytes(GOOD_ROWS[:1])).status_code == 303
    variant = [[1, "Cá nhân", "  nguyen   van MOT ", "Nam", "", "trường thcs an  trường", "Giấy khen", "Khác."],
               [2, "Cá nhân", "Nguyễn Văn Một", "Nam", "", "Trường Tiểu học An Trường", "Giấy khen", "Khác."]]
    skipped = upload(commune, proposal, workbook_bytes(variant))
    assert skipped.status_code == 303
    assert names(proposal.id) == ["Nguyễn Văn Một", "Nguyễn Văn Một"]     # same name, another unit: kept
    kept = upload(commune, proposal, workbook_bytes(variant[:1]), duplicates="keep")
    assert kept.status_code == 303 and len(names(proposal.id)) == 3


def test_rows_repeated_within_one_file_are_skipped_after_the_first(world, as_user):
    proposal = new_commendation(world, nominees=[])
    commune = as_user("drafter.antruong")
    response = upload(commune, proposal, workbook_bytes([GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0]]))
    assert response.status_code == 303
    assert names(proposal.id) == ["Nguyễn Văn Một", "Ấp Đại Đức"]
    assert "1 dòng trùng" in commune.get(response.headers["Location"]).get_data(as_text=True)


def test_saving_duplicate_rows_warns_and_the_page_flags_them(world, as_user):
    plan = issued_plan(world)
    commune = as_user("drafter.antruong")
    response = commune.post(NEW, proposal_form(plan, **filled_row(0), **filled_row(1, "NGUYỄN VĂN MỘT")))
    proposal = created(response)
    assert len(proposal.nominees) == 2                    # a warning, not a refusal
    html = commune.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dòng 1 và dòng 2 trùng họ tên và đơn vị" in html
    advance(world, proposal, "submitted")
    reviewer_page = as_user("reviewer").get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert "Trùng với dòng 2" in reviewer_page and "Trùng với dòng 1" in reviewer_page   # both rows
    review = as_user("reviewer").get(f"/documents/{proposal.id}/transitions/review").get_data(as_text=True)
    assert review.count('class="badge text-bg-warning wf-duplicate"') >= 2


def test_earlier_decisions_of_the_same_plan_are_flagged(world, as_user):
    from workflow_app.services.nominee_checks import previous_awards, round_of
    plan = issued_plan(world)
    first = new_commendation(world, plan)
    advance(world, first, "issued")
    again = dict(demo_data.NOMINEES[1], full_name="NGUYEN THI NGOC ANH", achievement="Lần nữa.")
    stranger = dict(demo_data.NOMINEES[1], full_name="Người Mới")
    second = new_commendation(world, plan, nominees=[stranger, again])
    found = previous_awards(second.nominees, round_of(second))
    assert list(found) == [1]
    assert [a.number for a in found[1]] == [first.number] and found[1][0].document_id == first.id
    other_plan = issued_plan(world)
    third = new_commendation(world, other_plan, nominees=[again])
    assert previous_awards(third.nominees, round_of(third)) == {}
    without_plan = new_commendation(world, plan, nominees=[again])
    without_plan.body = {**without_plan.body, "plan_id": None}
    db.session.commit()
    assert previous_awards(without_plan.nominees, round_of(without_plan)) == {}   # the plan's round is another
    advance(world, second, "submitted")
    page = as_user("reviewer").get(f"/documents/{second.id}").get_data(as_text=True)
    assert f"Đã khen thưởng theo QĐ số {first.number}" in page
    review = as_user("reviewer").get(f"/documents/{second.id}/transitions/review").get_data(as_text=True)
    assert f"Đã khen thưởng theo QĐ số {first.number}" in review


# 4. The issued decision under its own trích yếu and issuer

def test_an_issued_decision_is_listed_and_registered_under_its_own_subject(world, as_user):
    proposal = new_commendation(world)
    advance(world, proposal, "issued")
    db.session.expire_all()
    proposal = db.session.get(Document, proposal.id)
    decision = proposal.number_entry
    assert decision.title.startswith("Về việc tặng Giấy khen") and decision.title != demo_data.COMMENDATION_TITLE
    assert proposal.proposal_entry.title == demo_data.COMMENDATION_TITLE   # the Tờ trình keeps its own
    archivist = as_user("archivist")
    listed = archivist.get("/documents").get_data(as_text=True)
    assert f"Ủy ban nhân dân huyện Càng Long · <strong>{proposal.number}</strong>" in listed
    assert "Về việc tặng Giấy khen" in listed
    register = archivist.get("/archive/register").get_data(as_text=True)
    assert "Quyết định về việc tặng Giấy khen" in register
    printed = docx.Document(io.BytesIO(archivist.get("/archive/register.docx").data))
    cells = [c.text for t in printed.tables for r in t.rows for c in r.cells]
    assert any(c.startswith("Quyết định về việc tặng Giấy khen") for c in cells)
    assert not any(c.startswith("Quyết định đề nghị") for c in cells)
    commune = as_user("drafter.antruong").get("/archive/register").get_data(as_text=True)
    assert "Tờ trình đề nghị tặng Giấy khen" in commune
    by_decision = archivist.get("/documents?q=ve viec tang giay khen").get_data(as_text=True)
    by_proposal = archivist.get("/documents?q=cho tap the ca nhan co thanh tich").get_data(as_text=True)
    assert f"/documents/{proposal.id}\"" in by_decision and f"/documents/{proposal.id}\"" in by_proposal


def test_a_round_is_the_plan_or_without_one_the_deciding_body_and_year():
    from datetime import date
    from types import SimpleNamespace

    from workflow_app.services.nominee_checks import Round, duplicates

    def decision(plan_id, year, issuer_id=1, kind="commendation"):
        return SimpleNamespace(kind=kind, issuer_id=issuer_id, body={"plan_id": plan_id},
                               issued_on=date(year, 5, 1), created_at=None)
    by_plan, by_year = Round("commendation", 1, 7, 2026), Round("commendation", 1, None, 2026)
    assert by_plan.matches(decision(7, 2025)) and not by_plan.matches(decision(8, 2026))
    assert by_year.matches(decision(None, 2026)) and not by_year.matches(decision(None, 2025))
    assert not by_year.matches(decision(7, 2026)) and not by_year.matches(decision(None, 2026, issuer_id=2))
    rows = [{"full_name": "Nguyễn Văn Một", "organization": "Trường A"},
            {"full_name": " nguyen van  MOT", "organization": "truong a "},
            {"full_name": "Nguyễn Văn Một", "organization": "Trường B"},
            {"full_name": "", "organization": ""}, {"full_name": "", "organization": ""}]
    assert duplicates(rows) == {0: [1], 1: [0]}
