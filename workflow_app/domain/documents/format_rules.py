"""The layout rules a rendered master must keep (FORMAT.md), checked without the shared tool.

The full checker (shared/tools/check_docx.py) runs in the tests; this is the
part of it a production server needs to refuse a master an office broke in
Word: page, page numbers, header block, title, signature block, fonts.
"""
from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn

from .ooxml import FONT, FONT_SLOTS, THEME_SLOTS

NATION, MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
TYPE_NAMES = ("KẾ HOẠCH", "TỜ TRÌNH", "PHIẾU TRÌNH", "BIÊN BẢN", "QUYẾT ĐỊNH", "BÁO CÁO", "THÔNG BÁO")
DATE_LINE = re.compile(r"^[^,]+, ngày [\d ]* tháng \d{1,2} năm \d{4}$")
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}


def _mm(length) -> float:
    return (length or 0) / 36000


def _texts(element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))).strip() for p in element.iter(qn("w:p"))]


def _page_problems(doc) -> list[str]:
    s = doc.sections[0]
    problems = []
    if abs(_mm(s.page_width) - 210) > 1 or abs(_mm(s.page_height) - 297) > 1:
        problems.append("the page must be A4 portrait (210 × 297 mm)")
    for side, (low, high) in MARGINS_MM.items():
        value = _mm(getattr(s, f"{side}_margin"))
        if not low - 0.5 <= value <= high + 0.5:
            problems.append(f"{side} margin {value:.0f} mm is outside {low}-{high} mm")
    instr = "".join(t.text or "" for t in s.header._element.iter(qn("w:instrText")))
    if not s.different_first_page_header_footer or "PAGE" not in instr:
        problems.append("page numbers: a PAGE field in the header, none on page 1 (different first page)")
    return problems


def _font_problems(doc) -> list[str]:
    for part in (doc.styles.element, doc.element.body):
        for rfonts in part.iter(qn("w:rFonts")):
            if any(rfonts.get(qn(a)) for a in THEME_SLOTS) or \
                    any(rfonts.get(qn(a)) not in (None, FONT) for a in FONT_SLOTS):
                return [f"every font must be {FONT} (no theme fonts)"]
    return []


def _structure_problems(doc) -> list[str]:
    problems = []
    header = doc.tables[0] if doc.tables else None
    texts = _texts(header._tbl) if header is not None else []
    if NATION not in texts or MOTTO not in texts:
        problems.append("the first table must be the header block with the Quốc hiệu and the Tiêu ngữ")
    if not any(t.startswith("Số:") for t in texts):
        problems.append("the header block has no 'Số:' line")
    if not any(DATE_LINE.match(t) for t in texts):
        problems.append("the header block has no 'Place, ngày … tháng … năm …' line")
    body = _texts(doc.element.body)
    if not any(t in TYPE_NAMES for t in body):
        problems.append("no document type name (KẾ HOẠCH, QUYẾT ĐỊNH, …) in capitals")
    if "Nơi nhận:" not in body:
        problems.append("no 'Nơi nhận:' block")
    if not any(t.endswith("./.") for t in body):
        problems.append("the body must end with './.'")
    return problems


def _certificate_problems(doc, expected_pages: int | None) -> list[str]:
    s = doc.sections[0]
    problems = [] if s.page_width > s.page_height else ["a Giấy khen is printed on A4 landscape"]
    breaks = sum(1 for br in doc.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
    if expected_pages is not None and breaks + 1 != expected_pages:
        problems.append(f"{expected_pages} certificates gave {breaks + 1} pages")
    return problems


def layout_problems(content: bytes, certificate: bool = False, expected_pages: int | None = None) -> list[str]:
    try:
        doc = Document(io.BytesIO(content))
    except Exception as exc:  # noqa: BLE001 - an unreadable result is a finding
        return [f"the rendered file does not open: {exc}"]
    problems = [] if (doc.core_properties.author or "python-docx") != "python-docx" \
        else ["core properties still carry python-docx's defaults"]
    if certificate:
        return problems + _certificate_problems(doc, expected_pages) + _font_problems(doc)
    return problems + _page_problems(doc) + _font_problems(doc) + _structure_problems(doc)
