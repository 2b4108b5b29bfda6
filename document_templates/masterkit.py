"""Building blocks of the .docx masters: a lean base document, named styles, ND30 blocks.

Formatting lives in named paragraph styles ("VB ..." for official documents,
"GK ..." for certificates) so a clerk can restyle a master in Word, runs stay
bare, and rendered files stay small. Only what the format checker reads from
the paragraph itself (lines as bottom borders, frames) is direct formatting.
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from workflow_app.domain.documents import ooxml

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
RED = RGBColor(0xC0, 0x00, 0x00)
INDENT = Mm(12.7)                     # first-line indent of body paragraphs (1.27 cm)
CELL_PADDING_MM = 3.81                # Word's default left + right cell margins (2 × 0.19 cm)
KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList",
               "Header", "HeaderChar", "Footer", "FooterChar"}

# style id: (Vietnamese name, size pt, options)
STYLES = {
    "VBCoQuanChuQuan": ("VB Cơ quan chủ quản", 13, dict(align=CENTER)),
    "VBCoQuan": ("VB Cơ quan ban hành", 13, dict(bold=True, align=CENTER)),
    "VBSoKyHieu": ("VB Số, ký hiệu", 13, dict(align=CENTER, before=6)),
    "VBQuocHieu": ("VB Quốc hiệu", 12, dict(bold=True, align=CENTER)),
    "VBTieuNgu": ("VB Tiêu ngữ", 13, dict(bold=True, align=CENTER)),
    "VBDiaDanh": ("VB Địa danh, ngày tháng", 14, dict(italic=True, align=CENTER, before=6)),
    "VBTenLoai": ("VB Tên loại", 14, dict(bold=True, align=CENTER, before=18, keep=True)),
    "VBTrichYeu": ("VB Trích yếu", 14, dict(bold=True, align=CENTER, keep=True)),
    "VBKinhGui": ("VB Kính gửi", 14, dict(align=CENTER, before=6, after=6)),   # ô 9a: centred under the title
    "VBThamQuyen": ("VB Thẩm quyền ban hành", 14, dict(bold=True, align=CENTER, before=6, after=6)),
    "VBCanCu": ("VB Căn cứ", 14, dict(italic=True, align=JUSTIFY, indent=True, after=6)),
    "VBNoiDung": ("VB Nội dung", 14, dict(align=JUSTIFY, indent=True, after=6)),
    "VBMuc": ("VB Mục", 14, dict(bold=True, align=JUSTIFY, indent=True, before=6, after=6, keep=True)),
    "VBQuyetDinh": ("VB Quyết định", 14, dict(bold=True, align=CENTER, before=6, after=6, keep=True)),
    "VBKetThuc": ("VB Kết thúc", 14, dict(align=JUSTIFY, indent=True, after=6, keep=True)),
    "VBNoiNhan": ("VB Nơi nhận", 12, dict(bold=True, italic=True)),
    "VBNoiNhanMuc": ("VB Nơi nhận, mục", 11, dict(hanging=Mm(2.5))),
    "VBChucVuKy": ("VB Quyền hạn, chức vụ người ký", 14, dict(bold=True, align=CENTER)),
    "VBNguoiKy": ("VB Họ tên người ký", 14, dict(bold=True, align=CENTER)),
    "VBDuongKe": ("VB Đường kẻ", 1, dict(before=3, after=4, exact=Pt(2))),
    "VBPhuLuc": ("VB Tên phụ lục", 14, dict(bold=True, align=CENTER)),
    "VBPhuLucGhiChu": ("VB Phụ lục, ghi chú", 14, dict(italic=True, align=CENTER)),
    "VBNhom": ("VB Nhóm danh sách", 14, dict(bold=True, align=JUSTIFY, before=12, after=6, keep=True)),
    "VBBang": ("VB Bảng", 13, dict(before=2, after=2)),
    "VBBangGiua": ("VB Bảng, giữa", 13, dict(align=CENTER, before=2, after=2)),
    "VBBangTieuDe": ("VB Bảng, tiêu đề", 13, dict(bold=True, align=CENTER, before=2, after=2)),
    "VBGhiChu": ("VB Ghi chú", 14, dict(italic=True, align=CENTER, before=6)),
    "VBTrangTri": ("VB Ngắt trang", 1, dict(exact=Pt(1))),
    "VBDuThao": ("VB Dự thảo", 13, dict(bold=True, align=CENTER)),
    "VBYKien": ("VB Ý kiến lãnh đạo", 14, dict(bold=True, before=4, after=4)),
}


def _add_style(doc, style_id, name, size, align=None, bold=False, italic=False, before=0, after=0,
               indent=False, hanging=None, sides=None, keep=False, exact=None, color=None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold or None, italic or None
    if color is not None:
        font.color.rgb = color
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if indent:
        pf.first_line_indent = INDENT
    if sides is not None:
        pf.left_indent = pf.right_indent = sides
    if hanging is not None:
        pf.left_indent, pf.first_line_indent = hanging, -hanging
    if keep:
        pf.keep_with_next = True
    if exact is not None:
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, exact
    return style


def base_document(styles: dict, *, landscape: bool = False, margins_mm=(20, 20, 30, 15)):
    """python-docx's template stripped to what an official document needs, with `styles` added."""
    doc = Document()
    ooxml.drop_stale_parts(doc)
    numbering = [rid for rid, rel in doc.part.rels.items() if rel.reltype.endswith("/numbering")]
    for rid in numbering:                        # no lists: numbering is literal text
        del doc.part.rels[rid]
    root = doc.styles.element
    root.remove(root.find(qn("w:latentStyles")))
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            root.remove(style)
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts()
    for style_id, (name, size, options) in styles.items():
        _add_style(doc, style_id, name, size, **options)
    ooxml.pin_fonts_in(root)
    for tag_ in ("w:sz", "w:szCs"):
        rpr.find(qn(tag_)).set(qn("w:val"), "28")
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = section.footer_distance = Mm(10)
    body = doc.element.body
    for p in body.findall(qn("w:p")):            # the template's empty first paragraph
        body.remove(p)
    return doc


def para(container, text: str = "", style: str | None = "VBNoiDung"):
    """A paragraph with style id `style` (None: Normal) in `container` (document, cell or header).

    A new cell holds one empty paragraph: it is reused for the first content.
    """
    paragraphs = container.paragraphs if hasattr(container, "_tc") else []
    if len(paragraphs) == 1 and not paragraphs[0].text and paragraphs[0]._p.style is None:
        p = paragraphs[0]
        if text:
            p.add_run(text)
    else:
        p = container.add_paragraph(text)
    if style is not None:
        p._p.style = style
    return p


def tag(container, jinja: str):
    """A paragraph holding only a docxtpl paragraph tag, e.g. "{%p for s in sections %}" (removed when
    rendering, so it keeps the Normal style every master has)."""
    return para(container, jinja, None)


def hline(container, line_mm: float, box_mm: float, style: str = "VBDuongKe"):
    """ND30's short solid line: an empty paragraph with a bottom border, centred in a box."""
    p = para(container, "", style)
    side = Mm(max(0.0, (box_mm - line_mm) / 2))
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    ooxml.paragraph_bottom_border(p)
    return p


def table(doc, widths_mm, rows: int = 1, borders: str = "nil"):
    t = doc.add_table(rows=rows, cols=len(widths_mm))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_table_borders(t, borders)
    ooxml.set_fixed_widths(t, [int(Mm(w).twips) for w in widths_mm])
    return t

