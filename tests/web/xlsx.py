"""Builds small .xlsx files for the import tests."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

HEADER = ["STT", "Cá nhân/Tập thể", "Họ và tên / Tên tập thể", "Giới tính", "Chức vụ", "Đơn vị",
          "Hình thức khen thưởng", "Thành tích"]


def workbook_bytes(rows, header=HEADER, title_rows=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD_ROWS = [
    [1, "Cá nhân", "Nguyễn Văn Một", "Nam", "Giáo viên", "Trường THCS An Trường", "Giấy khen", "Xuất sắc."],
    [2, "Tập thể", "Ấp Đại Đức", "", "", "xã An Trường", "Tập thể lao động tiên tiến", "Tốt."],
    [3, "ca nhan", "Trần Thị Ba", "nu", "Trưởng ấp", "Ấp 1", "giay_khen", "Vận động học tập."],
]


def _inline(ref: str, text) -> str:
    reference = f' r="{ref}"' if ref else ""
    if text == "":
        return f"<c{reference}/>"
    if isinstance(text, int):
        return f'<c{reference}><v>{text}</v></c>'
    return f'<c{reference} t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows, *, dimension: str | None = None, cell_refs: bool = True) -> bytes:
    """A worksheet part written directly (openpyxl's writer would take minutes for 100k rows):
    `rows` yields (row number, [cell values from column A]) in ascending order. Without
    `cell_refs` the cells carry no `r` (optional in OOXML: they fill the row from column A)."""
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for number, values in rows:
        cells = "".join(_inline(f"{'ABCDEFGH'[i]}{number}" if cell_refs else "", v)
                        for i, v in enumerate(values) if v != "" or not cell_refs)
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def with_sheet(sheet: bytes) -> bytes:
    """A valid .xlsx (built by openpyxl) whose first worksheet part is replaced by `sheet`."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            content = sheet if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item.filename, content)
    return out.getvalue()


def hostile_sparse_sheet(rows: int = 339_000, *, dimension: bool = True) -> bytes:
    """The probe's file: under 1 MB packed, a ~25 MB sheet of 339k sparse rows (a gap before
    every row) that passes the upload checks; each row below the header holds one cell, so
    every one is a (bad) nominee."""
    last = 2 + 2 * rows
    body = [(1, HEADER)] + [(2 + 2 * i, ["Cá nhân"]) for i in range(rows)]
    return with_sheet(sheet_xml(body, dimension=f"A1:H{last}" if dimension else None, cell_refs=False))


def valid_rows_sheet(rows: int) -> bytes:
    """`rows` well-formed nominee rows under the header (a valid file, only too long)."""
    body = [(1, HEADER)] + [(i + 2, ["", "Cá nhân", f"Nguyễn Văn {i}", "Nam", "", "", "Giấy khen", "Tốt."])
                            for i in range(rows)]
    return with_sheet(sheet_xml(body, dimension=f"A1:H{rows + 1}", cell_refs=False))
