"""Fit ND30's short lines to the text they underline.

The line under the issuing body and under the trích yếu must be 1/3-1/2 as
long as that text, which is only known at render time ("PHÒNG NỘI VỤ" is half
as wide as a two-line subject). A master draws each line as an empty paragraph
with a bottom border; here its indents are recomputed from an estimate of the
text's width in Times New Roman. The estimate (average advance per letter
class) is within about 10 %, well inside the 1/3-1/2 window aimed at its
middle. The line under the Tiêu ngữ keeps the master's exact length.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from docx.oxml.ns import nsmap, qn
from docx.shared import Pt, Twips
from lxml import etree

LINE_RATIO = 0.42            # aim between 1/3 and 1/2
MIN_LINE_MM = 12
CELL_PADDING_TWIPS = 216     # Word's default left + right cell margins
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Advance widths of Times New Roman, in em, by letter class (regular; bold is ~5 % wider).
_ADVANCE = {"upper": 0.69, "lower": 0.47, "digit": 0.5, "space": 0.25, "other": 0.33}
_TWIPS_PER_MM = 1440 / 25.4


@lru_cache(maxsize=4096)   # a document's text uses a few hundred distinct letters
def _letter_class(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    if base.isspace():
        return "space"
    if base.isdigit():
        return "digit"
    if base.isalpha():
        return "upper" if base.isupper() else "lower"
    return "other"


def text_width_mm(text: str, size_pt: float, bold: bool) -> float:
    ems = sum(_ADVANCE[_letter_class(ch)] for ch in text)
    return ems * size_pt * (1.05 if bold else 1.0) * 25.4 / 72


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()


def _style_of(p):
    ppr = p.pPr
    return ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None


# (size, bold) of each style looked up, per styles key (the master's sha256: a rendered
# document's styles are the master's, and walking them through python-docx costs more
# than the rest of the fitting).
_FONTS_BY_STYLES: dict[str, dict[str | None, tuple[float, bool]]] = {}


class _Fonts:
    """Size and weight of paragraph styles, resolved through python-docx once per style
    (once per master when the styles are known by a key)."""

    def __init__(self, document, styles_key: str | None = None) -> None:
        self._styles = document.styles
        self._cache: dict[str | None, tuple[float, bool]] = (
            {} if styles_key is None else _FONTS_BY_STYLES.setdefault(styles_key, {}))

    def __call__(self, style_id: str | None) -> tuple[float, bool]:
        if style_id not in self._cache:
            size, bold = None, None
            style = next((s for s in self._styles if s.style_id == style_id), None) if style_id else None
            while style is not None and (size is None or bold is None):
                size = size if size is not None else style.font.size
                bold = bold if bold is not None else style.font.bold
                style = style.base_style
            self._cache[style_id] = ((size or Pt(14)).pt, bool(bold))
        return self._cache[style_id]


def _box_twips(p, text_width_twips: int) -> int:
    """Width available to the paragraph: its table cell, or the page's text block."""
    parent = p.getparent()
    if parent.tag == qn("w:tc"):
        tc_w = parent.find(qn("w:tcPr") + "/" + qn("w:tcW"))
        if tc_w is not None and tc_w.get(qn("w:w")):
            return int(tc_w.get(qn("w:w"))) - CELL_PADDING_TWIPS
    return text_width_twips


# The child paragraphs with a bottom border, in order (one XPath, not a path lookup per paragraph).
_BORDERED_PARAGRAPHS = etree.XPath("w:p[w:pPr/w:pBdr/w:bottom]", namespaces={"w": nsmap["w"]})


def _candidates(body):
    """Paragraphs drawing a line: in the body itself and in the header table (never inside lists)."""
    paragraphs = _BORDERED_PARAGRAPHS(body)
    header = body.find(qn("w:tbl"))
    if header is not None:
        paragraphs += [p for tc in header.iter(qn("w:tc")) for p in _BORDERED_PARAGRAPHS(tc)]
    return paragraphs


def fit_lines(document, styles_key: str | None = None) -> None:
    """styles_key: names the document's styles (the master's sha256), so their fonts are
    looked up once; None looks them up in this document."""
    section = document.sections[0]
    text_block = int(section.page_width - section.left_margin - section.right_margin) // 635  # EMU -> twips
    fonts = _Fonts(document, styles_key)
    for line in _candidates(document.element.body):
        if _text(line):
            continue
        above = line.getprevious()
        if above is None or above.tag != qn("w:p") or not _text(above) or _text(above) == MOTTO:
            continue
        widest, style = 0.0, _style_of(above)
        while above is not None and above.tag == qn("w:p") and _text(above) and _style_of(above) == style:
            widest = max(widest, text_width_mm(_text(above), *fonts(style)))
            above = above.getprevious()
        box = _box_twips(line, text_block)
        length = max(MIN_LINE_MM * _TWIPS_PER_MM, min(widest * _TWIPS_PER_MM, box) * LINE_RATIO)
        ind = line.get_or_add_pPr().get_or_add_ind()
        ind.left = ind.right = Twips(max(0, int((box - length) / 2)))
