"""Excel uploads: .xlsx only, size-limited, zip bombs refused before openpyxl opens them, and
formulas never evaluated. Each refusal names the reason in Vietnamese and imports nothing."""
from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from tests.factories import new_commendation, snapshot
from tests.web.xlsx import GOOD_ROWS, HEADER, workbook_bytes
from workflow_app.services import nominee_import


def upload(browser, document, data: bytes, name="danh-sach.xlsx"):
    browser.get(f"/documents/{document.id}/import")
    form = {"version": document.version, "file": (io.BytesIO(data), name)}
    return browser.post(f"/documents/{document.id}/import", form, content_type="multipart/form-data")


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The .xlsx `data` with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def with_formulas(*formulas: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for index, formula in enumerate(formulas, start=1):
        sheet.append([index, "Cá nhân", formula, "Nam", "", "", "Giấy khen", "Tốt."])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD = workbook_bytes(GOOD_ROWS)


def zip_bomb() -> bytes:
    """A valid-looking .xlsx whose sheet unpacks to 200 MB of zeros (a few hundred KB packed)."""
    return rezip(GOOD, add={"xl/worksheets/padding.xml": b"0" * (200 * 1024 * 1024)})


def dense_part() -> bytes:
    """Small in total but one part packed far tighter than any spreadsheet (ratio > 100)."""
    return rezip(GOOD, add={"xl/media/pad.bin": b"\0" * (5 * 1024 * 1024)})


# (file name, content, expected message) — crafted files, each refused with its reason.
REFUSED = [
    ("ds.xls", GOOD, "Chỉ nhận tệp Excel .xlsx"),
    ("ds.xlsm", GOOD, "Chỉ nhận tệp Excel .xlsx"),
    ("ds.csv", b"STT,Ho ten\n1,=HYPERLINK(\"http://x\")\n", "Chỉ nhận tệp Excel .xlsx"),
    ("ds.xlsx", b"STT,Ho ten\n1,A\n", "Tệp không phải bảng tính Excel .xlsx hợp lệ."),            # a CSV renamed
    # an .xls renamed
    ("ds.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Tệp không phải bảng tính Excel .xlsx hợp lệ."),
    ("ds.xlsx", rezip(GOOD, add={"xl/vbaProject.bin": b"macro"}), "Không nhận tệp có macro"),  # .xlsm renamed
    ("ds.xlsx", rezip(GOOD, replace={"[Content_Types].xml": zipfile.ZipFile(io.BytesIO(GOOD)).read(
        "[Content_Types].xml").replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")}), "Không nhận tệp có macro"),
    ("ds.xlsx", None, "Tệp không phải bảng tính Excel .xlsx hợp lệ."),   # a .docx renamed (below)
]


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


REFUSED[-1] = ("ds.xlsx", _zip_without_workbook(), REFUSED[-1][2])


@pytest.mark.parametrize("name,content,message", REFUSED,
                         ids=["xls", "xlsm", "csv", "csv-renamed", "xls-renamed", "vba-part",
                              "macro-content-type", "docx-renamed"])
def test_only_real_xlsx_files(name, content, message):
    result = nominee_import.read(content, [{"code": "giay_khen", "label": "Giấy khen"}], filename=name)
    assert not result.ok and result.nominees == []
    assert any(message in text for _, text in result.errors), result.errors


def test_size_limit_is_checked_first():
    big = GOOD + b"\0" * (nominee_import.MAX_FILE_BYTES)
    result = nominee_import.read(big, [], filename="ds.xlsx")
    assert result.errors == [(None, "Tệp quá lớn: nhiều nhất 2 MB.")]


@pytest.mark.parametrize("make,message", [(zip_bomb, "dung lượng sau khi giải nén quá lớn"),
                                          (dense_part, "tỉ lệ nén bất thường")])
def test_zip_bombs_are_refused_before_openpyxl_opens_them(monkeypatch, make, message):
    data = make()
    assert len(data) < nominee_import.MAX_FILE_BYTES

    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened a refused file")

    monkeypatch.setattr(nominee_import, "open_first_sheet", must_not_open)
    result = nominee_import.read(data, [], filename="ds.xlsx")
    assert len(result.errors) == 1 and message in result.errors[0][1]


def test_formula_cells_are_refused_and_never_evaluated():
    data = with_formulas("=1+1", '=HYPERLINK("http://evil.example/","Bấm vào")', "=CMD|' /C calc'!A0")
    result = nominee_import.read(data, [{"code": "giay_khen", "label": "Giấy khen"}], filename="ds.xlsx")
    assert not result.ok and result.nominees == []
    assert [row for row, _ in result.errors] == [2, 3, 4]
    assert "Ô C2 chứa công thức" in result.errors[0][1] and "Paste Values" in result.errors[0][1]


def test_text_that_starts_with_an_equals_sign_is_kept_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([1, "Cá nhân", "Nguyễn Văn A", "Nam", "", "", "Giấy khen", "=1+1"])
    sheet["H2"].data_type = "s"   # typed as '=1+1 in Excel: text, not a formula
    out = io.BytesIO()
    workbook.save(out)
    result = nominee_import.read(out.getvalue(), [{"code": "giay_khen", "label": "Giấy khen"}], filename="ds.xlsx")
    assert result.ok, result.errors
    assert result.nominees[0]["achievement"] == "=1+1"


def test_refusals_through_the_web_change_nothing(world, as_user):
    proposal = new_commendation(world)
    before = snapshot(proposal.id)
    commune = as_user("drafter.antruong")
    for name, data, message in [
        ("ds.xlsm", GOOD, "Chỉ nhận tệp Excel .xlsx"),
        ("ds.xlsx", zip_bomb(), "dung lượng sau khi giải nén quá lớn"),
        ("ds.xlsx", with_formulas("=1+1"), "chứa công thức"),
        ("ds.xlsx", GOOD + b"\0" * nominee_import.MAX_FILE_BYTES, "Tệp quá lớn"),
    ]:
        response = upload(commune, proposal, data, name)
        assert response.status_code == 422, (name, response.status_code)
        assert message in response.get_data(as_text=True)
        assert snapshot(proposal.id) == before
    assert upload(commune, proposal, GOOD).status_code == 303   # and a good file still goes in


def test_a_request_above_the_app_limit_is_413(world, app, as_user):
    commune = as_user("drafter.antruong")
    proposal = new_commendation(world)
    huge = b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = upload(commune, proposal, huge)
    assert response.status_code == 413
    assert "Tệp tải lên vượt quá dung lượng cho phép" in response.get_data(as_text=True)
