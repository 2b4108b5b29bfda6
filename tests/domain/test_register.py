"""The register exported as .xlsx never turns user text into a live formula."""
import io
from datetime import date

from openpyxl import load_workbook

from workflow_app.domain.register import RegisterRow, RegisterSheet, to_xlsx

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
