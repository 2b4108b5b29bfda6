"""Certificate masters: A4 landscape, one page per awardee.

`giay-khen` prints the whole Giấy khen and `chien-si-thi-dua-co-so` the certificate of the title
"Chiến sĩ thi đua cơ sở": the same fields (Decree 98/2023 Art. 104(2)) under "TẶNG" or
"TẶNG DANH HIỆU". `giay-khen-in-phoi` prints only the variable text of a Giấy khen, each field
in a frame at a position of the pre-printed blank (workflow_app/domain/documents/print_layout.py
holds the default positions). The awardee, unit, achievement and awarding authority are set
smaller on a page they would overflow (workflow_app/domain/documents/certificate_fitting.py).
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from masterkit import CENTER, LEFT, RED, base_document, hline, para, table, tag
from workflow_app.domain.documents import ooxml
from workflow_app.domain.documents.print_layout import FIELDS, twips

LANDSCAPE_MARGINS = (20, 15, 20, 20)        # top, bottom, left, right (mm)
TEXT_MM = 297 - 20 - 20

GK_STYLES = {
    "GKQuocHieu": ("GK Quốc hiệu", 15, dict(bold=True, align=CENTER)),
    "GKTieuNgu": ("GK Tiêu ngữ", 16, dict(bold=True, align=CENTER)),
    "VBDuongKe": ("VB Đường kẻ", 1, dict(before=3, after=4, exact=Pt(2))),
    "GKThamQuyen": ("GK Thẩm quyền", 17, dict(bold=True, align=CENTER, before=26, color=RED)),
    "GKTang": ("GK Tặng", 17, dict(bold=True, align=CENTER, before=10)),
    "GKGiayKhen": ("GK Giấy khen", 48, dict(bold=True, align=CENTER, before=6, after=12, color=RED)),
    "GKDanhHieu": ("GK Danh hiệu", 40, dict(bold=True, align=CENTER, before=6, after=12, color=RED)),
    "GKNguoiNhan": ("GK Người được khen", 24, dict(bold=True, align=CENTER, after=6)),
    "GKDonVi": ("GK Chức vụ, đơn vị", 17, dict(italic=True, align=CENTER, after=6)),
    "GKThanhTich": ("GK Thành tích", 17, dict(align=CENTER, after=24, sides=Mm(20))),
    "GKChanTrai": ("GK Số quyết định, sổ vàng", 13, dict(align=LEFT, after=4)),
    "GKNgay": ("GK Địa danh, ngày tháng", 14, dict(italic=True, align=CENTER)),
    "GKChucVuKy": ("GK Quyền hạn, chức vụ người ký", 14, dict(bold=True, align=CENTER)),
    "GKNguoiKy": ("GK Họ tên người ký", 14, dict(bold=True, align=CENTER)),
    "GKNgatTrang": ("GK Ngắt trang", 1, dict(exact=Pt(1))),
}

PHOI_STYLES = {
    "PhoiNguoiNhan": ("Phôi Người được khen", 22, dict(bold=True, align=CENTER)),
    "PhoiDonVi": ("Phôi Chức vụ, đơn vị", 16, dict(italic=True, align=CENTER)),
    "PhoiThanhTich": ("Phôi Thành tích", 16, dict(align=CENTER)),
    "PhoiQuyetDinh": ("Phôi Số quyết định", 13, dict(align=LEFT)),
    "PhoiSoVang": ("Phôi Số sổ vàng", 13, dict(align=LEFT)),
    "PhoiNgay": ("Phôi Địa danh, ngày tháng", 14, dict(italic=True, align=CENTER)),
    "PhoiChucVuKy": ("Phôi Quyền hạn, chức vụ người ký", 14, dict(bold=True, align=CENTER)),
    "PhoiNguoiKy": ("Phôi Họ tên người ký", 14, dict(bold=True, align=CENTER)),
    "GKNgatTrang": ("GK Ngắt trang", 1, dict(exact=Pt(1))),
}


def _page_break(doc) -> None:
    ooxml.page_break_run(para(doc, "", "GKNgatTrang"))


def _decorative_border(doc) -> None:
    """A double frame around the page (w:pgBorders), drawn 10 mm inside the paper's edge."""
    sect_pr = doc.sections[0]._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        el = ooxml.border(f"w:{edge}", "thinThickSmallGap", 24)
        el.set(qn("w:space"), str(int(Mm(10).pt)))
        el.set(qn("w:color"), "C00000")
        borders.append(el)
    sect_pr.insert_element_before(borders, "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                                  "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                                  "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def certificate(giving: str, title: str, title_style: str):
    """One page per `certificates` item: "TẶNG" + "GIẤY KHEN", or "TẶNG DANH HIỆU" + the title."""
    doc = base_document(GK_STYLES, landscape=True, margins_mm=LANDSCAPE_MARGINS)
    _decorative_border(doc)
    tag(doc, "{%p for c in certificates %}")
    tag(doc, "{%p if not loop.first %}")
    _page_break(doc)
    tag(doc, "{%p endif %}")
    para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GKQuocHieu")
    para(doc, "Độc lập - Tự do - Hạnh phúc", "GKTieuNgu")
    hline(doc, 69, TEXT_MM)                 # as long as the Tiêu ngữ at 16 pt
    para(doc, "{{ awarding_authority }}", "GKThamQuyen")
    para(doc, giving, "GKTang")
    para(doc, title, title_style)
    para(doc, "{{ c.awardee }}", "GKNguoiNhan")
    tag(doc, "{%p if c.unit %}")
    para(doc, "{{ c.unit }}", "GKDonVi")
    tag(doc, "{%p endif %}")
    para(doc, "{{ c.achievement }}", "GKThanhTich")
    footer = table(doc, (125, TEXT_MM - 125))
    ooxml.mark_row(footer.rows[0], "w:cantSplit")
    left, right = footer.rows[0].cells
    for _ in range(4):                       # the reference sits level with the signature
        para(left, "", "GKChanTrai")
    para(left, "{{ decision_line }}", "GKChanTrai")
    para(left, "{{ c.gold_book_line }}", "GKChanTrai")
    para(right, "{{ place_date_line }}", "GKNgay")
    tag(right, "{%p for line in authority_lines %}")
    para(right, "{{ line }}", "GKChucVuKy")
    tag(right, "{%p endfor %}")
    for _ in range(4):
        para(right, "", "GKChucVuKy")
    para(right, "{{ signer_name }}", "GKNguoiKy")
    tag(doc, "{%p endfor %}")
    para(doc, "", "GKNgatTrang")           # a document never ends on a table
    return doc


def giay_khen():
    return certificate("TẶNG", "GIẤY KHEN", "GKGiayKhen")


def chien_si_thi_dua_co_so():
    return certificate("TẶNG DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ", "GKDanhHieu")


def _framed(doc, field: str, text: str):
    style_id, pos = FIELDS[field]
    p = para(doc, text, style_id)
    ooxml.set_frame(p._p.get_or_add_pPr(), twips(pos.x_mm), twips(pos.y_mm), twips(pos.width_mm))
    return p


def giay_khen_in_phoi():
    doc = base_document(PHOI_STYLES, landscape=True, margins_mm=LANDSCAPE_MARGINS)
    tag(doc, "{%p for c in certificates %}")
    _framed(doc, "awardee", "{{ c.awardee }}")
    _framed(doc, "unit", "{{ c.unit }}")
    _framed(doc, "achievement", "{{ c.achievement }}")
    _framed(doc, "decision", "{{ decision }}")
    _framed(doc, "gold_book", "{{ c.gold_book }}")
    _framed(doc, "place_date", "{{ place_date_line }}")
    tag(doc, "{%p for line in authority_lines %}")
    _framed(doc, "authority", "{{ line }}")
    tag(doc, "{%p endfor %}")
    _framed(doc, "signer_name", "{{ signer_name }}")
    tag(doc, "{%p if not loop.last %}")
    _page_break(doc)                         # the frames above belong to this page
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "", "GKNgatTrang")
    return doc
