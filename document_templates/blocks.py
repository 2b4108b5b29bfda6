"""The ND30 blocks every official master shares, with their docxtpl tags.

Widths follow FORMAT.md: a 165 mm text block (A4, margins 20/20/30/15), the
header table 40 % / 60 %, the signature table beside "Nơi nhận:".
"""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from masterkit import CELL_PADDING_MM, CENTER, hline, para, table, tag
from workflow_app.domain.documents import ooxml

TEXT_MM = 165
HEADER_MM = (65, 100)
SIGNATURE_MM = (80, 85)
TIEU_NGU_MM = 56        # "Độc lập - Tự do - Hạnh phúc", 13 pt bold: the line is as long as the text
BODY_LINE_MM = 20       # 1/3-1/2 of "HUYỆN CÀNG LONG" (46 mm at 13 pt bold)
SUBJECT_LINE_MM = 50    # 1/3-1/2 of a one-line trích yếu
SIGNATURE_SPACE = 4     # empty lines for the signature and the seal
DRAFT_MARK_MM = 35      # the "DỰ THẢO" box at the right of the first page's top margin


def loop(container, items: str, var: str, style: str, text: str | None = None) -> None:
    """One paragraph per item: {%p for var in items %} / text / {%p endfor %}."""
    tag(container, f"{{%p for {var} in {items} %}}")
    para(container, text or f"{{{{ {var} }}}}", style)
    tag(container, "{%p endfor %}")


def header_block(doc) -> None:
    """Ô 1-4: issuing body, number | Quốc hiệu, Tiêu ngữ, place and date (number and date share row 2)."""
    t = table(doc, HEADER_MM, rows=2)
    left, right = t.rows[0].cells
    tag(left, "{%p if parent_line %}")
    para(left, "{{ parent_line }}", "VBCoQuanChuQuan")
    tag(left, "{%p endif %}")
    loop(left, "body_lines", "line", "VBCoQuan")
    hline(left, BODY_LINE_MM, HEADER_MM[0] - CELL_PADDING_MM)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "VBQuocHieu")
    para(right, "Độc lập - Tự do - Hạnh phúc", "VBTieuNgu")
    hline(right, TIEU_NGU_MM, HEADER_MM[1] - CELL_PADDING_MM)
    number_cell, date_cell = t.rows[1].cells
    para(number_cell, "{{ number_line }}", "VBSoKyHieu")
    para(date_cell, "{{ place_date_line }}", "VBDiaDanh")


def title_block(doc, type_name: str) -> None:
    """Ô 5a: type name, trích yếu, short line."""
    para(doc, type_name, "VBTenLoai")
    para(doc, "{{ subject }}", "VBTrichYeu")
    hline(doc, SUBJECT_LINE_MM, TEXT_MM)


def article(doc, label: str, text: str) -> None:
    """`Điều N.` in bold, the rest of the paragraph upright."""
    p = para(doc, "", "VBNoiDung")
    p.add_run(label).bold = True
    p.add_run(" " + text)


def signature_block(doc) -> None:
    """Ô 9b beside ô 7: recipients left, authority lines, space, signer's name right; never split."""
    left, right = _signature_row(doc)
    para(left, "Nơi nhận:", "VBNoiNhan")
    loop(left, "recipient_lines", "line", "VBNoiNhanMuc")
    _signed(right, "authority_lines", "signer_name")


def _signature_row(doc):
    """The two cells of a signature block's one row, which never splits."""
    t = table(doc, SIGNATURE_MM)
    ooxml.set_cell_margins(t, top=240)          # 12 pt between the body and the block
    ooxml.mark_row(t.rows[0], "w:cantSplit")
    return t.rows[0].cells


def _signed(cell, authority: str | None, name: str, title: str = "") -> None:
    """Authority lines (a loop over `authority`, or the fixed `title`), room to sign, the name."""
    if authority:
        loop(cell, authority, "line", "VBChucVuKy")
    else:
        para(cell, title, "VBChucVuKy")
    for _ in range(SIGNATURE_SPACE):
        para(cell, "", "VBChucVuKy")
    para(cell, "{{ %s }}" % name, "VBNguoiKy")


def minutes_signature_block(doc) -> None:
    """A Biên bản's (Mẫu 1.9): the secretary's signature left (`secretary_name`, when there is
    one), the chair's right (`authority_lines`, `signer_name`), "Nơi nhận:" under the secretary's.
    One row that never splits; both names sit at the same height."""
    left, right = _signature_row(doc)
    tag(left, "{%p if secretary_name %}")
    _signed(left, None, "secretary_name", title="THƯ KÝ")
    para(left, "", "VBNoiNhanMuc")
    tag(left, "{%p endif %}")
    para(left, "Nơi nhận:", "VBNoiNhan")
    loop(left, "recipient_lines", "line", "VBNoiNhanMuc")
    _signed(right, "authority_lines", "signer_name")


def page_numbers(doc) -> None:
    """PAGE field centred in the top margin, none on page 1 (an explicit empty first-page header)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    draft_mark(section.first_page_header)
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    ooxml.add_field(p, " PAGE ")


def draft_mark(first_page_header) -> None:
    """A boxed bold "DỰ THẢO" at the top right of page 1 while the document has no number.

    It sits in the first page's header (the top margin), so the draft's pages break where
    the issued document's do; `draft_mark` in the context ("DỰ THẢO" or "") switches it on. A tiny paragraph
    closes the header: a header needs one, and an empty 14 pt line would push the body down.
    """
    first = first_page_header.paragraphs[0]
    first.add_run("{%p if draft_mark %}")
    p = para(first_page_header, "{{ draft_mark }}", "VBDuThao")
    p.paragraph_format.left_indent = Mm(TEXT_MM - DRAFT_MARK_MM)
    ooxml.paragraph_box(p)
    tag(first_page_header, "{%p endif %}")
    para(first_page_header, "", "VBTrangTri")


def appendix(doc) -> None:
    """A new section for the attached list, its pages numbered from 1 (appendices count apart)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    restart = OxmlElement("w:pgNumType")
    restart.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        restart, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
        "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
    para(doc, "DANH SÁCH", "VBPhuLuc")
    para(doc, "{{ list_subject }}", "VBPhuLuc")
    para(doc, "{{ list_caption }}", "VBPhuLucGhiChu")
    hline(doc, 40, TEXT_MM)


def nominee_table(doc, rows: str, columns: list[tuple[str, str, float, str]]) -> None:
    """A bordered list, one row per item of `rows`; header repeated on every page, rows never split.

    columns: (header text, cell text with tags, width mm, cell style).
    """
    t = table(doc, [c[2] for c in columns], rows=4, borders="single")
    header, loop_start, data, loop_end = t.rows
    ooxml.mark_row(header, "w:cantSplit", "w:tblHeader")
    ooxml.mark_row(data, "w:cantSplit")
    for cell, (title, *_) in zip(header.cells, columns):
        para(cell, title, "VBBangTieuDe")
    for cell, (_, text, _, style) in zip(data.cells, columns):
        para(cell, text, style)
    para(loop_start.cells[0], f"{{%tr for n in {rows} %}}", "VBBang")
    para(loop_end.cells[0], "{%tr endfor %}", "VBBang")


def nominee_groups(doc, columns: list[tuple[str, str, float, str]]) -> None:
    """The Danh sách's groups (context `groups`): one per award, its heading (`I. GIẤY KHEN CỦA …`,
    none when the list holds one award), then per kind its heading (`1. Tập thể (02 tập thể)`) and
    its table, whose name column's header is the kind's (`Tên tập thể`, `Họ và tên`, `Hộ gia đình`)."""
    tag(doc, "{%p for g in groups %}")
    tag(doc, "{%p if g.heading %}")
    para(doc, "{{ g.heading }}", "VBNhom")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for k in g.kinds %}")
    para(doc, "{{ k.heading }}", "VBNhom")
    named = [("{{ k.name_title }}" if i == 1 else c[0], *c[1:]) for i, c in enumerate(columns)]
    nominee_table(doc, "k.rows", named)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ list_total }}", "VBGhiChu")
