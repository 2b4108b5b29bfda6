"""The register exported as .xlsx never turns user text into a live formula."""
import io
from datetime import date

from openpyxl import load_workbook

from workflow_app.domain.register import RegisterRow, RegisterSheet, summary, to_xlsx

FORMULAS = ("=1+1", '=HYPERLINK("http://example.invalid","bấm")', "=cmd|' /C calc'!A0")


def test_text_that_looks_like_a_formula_stays_text():
    rows = tuple(RegisterRow(number=f"{i:02d}/KH-UBND", issued_on=date(2023, 5, 30), type_abbr="KH",
                             title=f, signer=f, recipients=(f,), archive_copy=f, note=f)
                 for i, f in enumerate(FORMULAS, start=1))
    sheet = RegisterSheet(organization_lines=("ỦY BAN NHÂN DÂN", "=HUYỆN"), year=2023, series="KH", rows=rows)
    ws = load_workbook(io.BytesIO(to_xlsx(sheet))).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "=1+1" in texts and "=HUYỆN" in texts


def _register_docx(rows) -> tuple[str, list[str]]:
    import re
    import zipfile

    from workflow_app.domain.register import to_docx
    content = to_docx(RegisterSheet(("ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG"), 2026, "", tuple(rows)))
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = package.read("word/document.xml").decode()
        return body, package.namelist() + [re.sub(r"\s+", " ", package.read("[Content_Types].xml").decode())]


def _row(number: str, recipients=("UBND các xã, thị trấn;", "Phòng Nội vụ;", "Lưu: VT, NV.")) -> RegisterRow:
    return RegisterRow(number, date(2026, 12, 1), "QĐ", "Khen thưởng", "Phạm Minh Tuấn (Phó Chủ tịch)",
                       recipients, "VT, NV")


def test_the_printed_register_is_clean_ooxml_and_reads_as_a_register():
    """Issue 13, point 10: no stale stylesWithEffects part (Word 2010's, which Word would repair),
    one repeat-header mark per header row and none on the rows of documents, recipients joined
    without ";;", and the number and date columns never wrapped mid-number."""
    import re
    body, parts = _register_docx([_row("123/QĐ-UBND"), _row("124/QĐ-UBND")])
    assert not any("stylesWithEffects" in part for part in parts)
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", body, re.S)
    assert [row.count("<w:tblHeader") for row in rows] == [1, 1, 0, 0]
    assert ";;" not in body and "UBND các xã, thị trấn; Phòng Nội vụ; Lưu: VT, NV" in body
    for row in rows[2:]:
        cells = re.findall(r"<w:tc>.*?</w:tc>", row, re.S)
        assert all("<w:noWrap/>" in cell for cell in cells[:2]), "number and date never wrap"


def test_the_summary_names_the_type_once():
    assert summary("KH", "Kế hoạch triển khai Phong trào") == "Kế hoạch triển khai Phong trào"
    assert summary("KH", "Thực hiện Phong trào") == "Kế hoạch thực hiện Phong trào"
    assert summary("TTr", "Tờ trình đề nghị tặng Giấy khen") == "Tờ trình đề nghị tặng Giấy khen"
    assert summary("QĐ", "Quyết định về việc tặng Giấy khen") == "Quyết định về việc tặng Giấy khen"
