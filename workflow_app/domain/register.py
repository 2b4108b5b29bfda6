"""The outgoing register (sổ đăng ký văn bản đi): which register a number comes from, how the
number reads, and the register as .docx and .xlsx for printing and binding.

Numbers (Decree 30, Art. 15-16) run from 01 on 1 January, one register per (body, year,
series). The head of the body chooses one series per document type (the default) or one
shared series.

The export follows Decree 30/2020, Appendix IV: ten columns. The system fills what it knows;
"Ngày chuyển" and "Ký nhận" are left for the văn thư and the receiver to fill by hand on paper.
Pure: plain rows in, bytes out; no Flask, no database (services/register.py reads the rows).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from .text import clean
from .vnformat import document_number, document_symbol, without_type_word

# Numbers

PER_TYPE = "per_type"
SHARED = "shared"
SCHEMES = (PER_TYPE, SHARED)
SHARED_SERIES = "*"


def series_for(scheme: str, type_abbr: str) -> str:
    if scheme == PER_TYPE:
        return type_abbr
    if scheme == SHARED:
        return SHARED_SERIES
    raise ValueError(f"unknown numbering scheme {scheme!r}")


@dataclass(frozen=True)
class RegisterKey:
    organization_id: int
    year: int
    series: str


def formatted_number(seq: int, type_abbr: str, body_abbr: str) -> str:
    """`67/KH-UBND`."""
    return document_number(seq, document_symbol(type_abbr, body_abbr))


# The register on paper

FONT = "Times New Roman"
TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
COLUMNS = ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
           "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận",
           "Ghi chú")
# Column widths in mm on A4 landscape (297 - 20 - 15 = 262 mm of text width).
# Number and date get room for "123/QĐ-UBND" and "01/12/2026" at 11 pt on one line (and never wrap).
WIDTHS_MM = (30, 24, 56, 28, 42, 22, 12, 18, 16, 14)
NO_WRAP_COLUMNS = 2
XLSX_WIDTHS = (16, 12, 50, 24, 36, 18, 9, 12, 12, 14)
# Ghi chú of a number whose document was cancelled (Hủy): it stays taken, never given again.
VOIDED_NOTE = "Không sử dụng (đã hủy)"
TYPE_NAMES = {"KH": "Kế hoạch", "QĐ": "Quyết định", "TTr": "Tờ trình", "BB": "Biên bản", "BC": "Báo cáo",
              "TB": "Thông báo"}


@dataclass(frozen=True)
class RegisterRow:
    number: str                    # "67/KH-UBND"
    issued_on: date
    type_abbr: str                 # "KH": gives "Kế hoạch" before the trích yếu
    title: str
    signer: str = ""               # "Phạm Minh Tuấn (Phó Chủ tịch)"
    recipients: tuple[str, ...] = ()
    archive_copy: str = ""         # "VT, NV": who keeps the file copies
    copies: int | None = None      # None: left blank for the văn thư
    note: str = ""


@dataclass(frozen=True)
class RegisterSheet:
    organization_lines: tuple[str, ...]     # ("ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG")
    year: int
    series: str = ""                        # "KH", "*" (shared) or "" (all series)
    rows: tuple[RegisterRow, ...] = field(default_factory=tuple)


def summary(type_abbr: str, title: str) -> str:
    """`Kế hoạch thực hiện Phong trào ...`: the type's name, then the trích yếu (never the name twice)."""
    name = TYPE_NAMES.get(type_abbr, type_abbr)
    title = without_type_word(clean(title), name)
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        title = title[0].lower() + title[1:]   # not an acronym: the sentence continues
    return f"{name} {title}".strip()


def _recipients(recipients) -> str:
    """One line of the register: Decree 30 ends each Nơi nhận line with ";" (the last with "."),
    so the marks are dropped before joining: "UBND các xã; Phòng Nội vụ", never ";;"."""
    return "; ".join(text for r in recipients if (text := clean(r).rstrip(" ;.")))


def _cells(row: RegisterRow) -> list[str]:
    return [clean(row.number), row.issued_on.strftime("%d/%m/%Y"), summary(row.type_abbr, row.title),
            clean(row.signer), _recipients(row.recipients), clean(row.archive_copy),
            "" if row.copies is None else str(row.copies), "", "", clean(row.note)]


def _subtitle(sheet: RegisterSheet) -> str:
    series = "" if sheet.series in ("", "*") else f" — sổ {sheet.series}"
    return f"Năm {sheet.year}{series}"


def _number_range(sheet: RegisterSheet) -> str:
    if not sheet.rows:
        return "Chưa có văn bản nào."
    first, last = sheet.rows[0], sheet.rows[-1]
    return (f"Từ số {first.number} ngày {first.issued_on.strftime('%d/%m/%Y')} "
            f"đến số {last.number} ngày {last.issued_on.strftime('%d/%m/%Y')}")


def _pin_font(style) -> None:
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), FONT)
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(slot), None)


def _paragraph(container, text: str, *, bold=False, size=13, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    return paragraph


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))   # on by its presence (a "true" value is not valid OOXML)


def _no_wrap(cell) -> None:
    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _without_styles_with_effects(document) -> None:
    """python-docx's default template carries Word 2010's stylesWithEffects part, stale beside
    styles.xml (an OOXML validator expects Word to repair it): an unreferenced part is not saved."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[r_id]


def _fill(cells, values: list[str], *, bold=False) -> None:
    for cell, value in zip(cells, values):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(value)
        run.font.size, run.bold = Pt(11), bold
        if bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def to_docx(sheet: RegisterSheet, created_at: datetime | None = None) -> bytes:
    document = Document()
    for style in (document.styles["Normal"], document.styles["Table Grid"]):
        _pin_font(style)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:
        body._element.getparent().remove(body._element)
    for line in sheet.organization_lines:
        _paragraph(document, clean(line), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, "")
    _paragraph(document, TITLE, bold=True, size=16)
    _paragraph(document, _subtitle(sheet), size=14)
    _paragraph(document, _number_range(sheet), size=12).runs[0].italic = True
    _paragraph(document, "")

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    _fill(header.cells, list(COLUMNS), bold=True)
    numbers = table.add_row()
    _fill(numbers.cells, [f"({i})" for i in range(1, len(COLUMNS) + 1)], bold=True)
    _repeat_header(numbers)
    for row in sheet.rows:
        cells = table.add_row().cells   # one add_row per row: no quadratic cell() calls
        _fill(cells, _cells(row))
        for cell in cells[:NO_WRAP_COLUMNS]:
            _no_wrap(cell)
    for column, width in zip(table.columns, WIDTHS_MM):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)

    _without_styles_with_effects(document)
    created_at = created_at or datetime.now(timezone.utc)
    properties = document.core_properties
    properties.title = f"{TITLE} {_subtitle(sheet)}"
    properties.author = properties.last_modified_by = " ".join(sheet.organization_lines)
    properties.created = properties.modified = created_at.replace(tzinfo=None)
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _as_text(ws) -> None:
    """openpyxl stores a string starting with "=" as a formula: user text must stay text."""
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def to_xlsx(sheet: RegisterSheet) -> bytes:
    workbook = Workbook()
    ws = workbook.active
    ws.title = f"So di {sheet.year}"[:31]
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.organization_lines:
        ws.append([clean(line)])
        _as_text(ws)
        ws.cell(ws.max_row, 1).font = Font(name=FONT, bold=True)
    for text, size in ((TITLE, 14), (_subtitle(sheet), 12), (_number_range(sheet), 11)):
        ws.append([text])
        ws.cell(ws.max_row, 1).font = Font(name=FONT, bold=size == 14, size=size)
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(COLUMNS))
        ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")
    ws.append(list(COLUMNS))
    header_row = ws.max_row
    ws.append([f"({i})" for i in range(1, len(COLUMNS) + 1)])
    for row in (header_row, header_row + 1):
        for cell in ws[row]:
            cell.font = Font(name=FONT, bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = box
    for row in sheet.rows:
        values = _cells(row)
        values[1] = row.issued_on                     # a real date cell: sortable, filterable
        if row.copies is not None:
            values[6] = row.copies
        ws.append(values)
        _as_text(ws)
        for cell in ws[ws.max_row]:
            cell.font, cell.alignment, cell.border = Font(name=FONT), wrap, box
        ws.cell(ws.max_row, 2).number_format = "DD/MM/YYYY"
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = width
    ws.freeze_panes = ws.cell(header_row + 2, 1)
    ws.print_title_rows = f"{header_row}:{header_row + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
