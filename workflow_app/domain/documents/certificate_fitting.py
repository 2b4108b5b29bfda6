"""One certificate, one page: measure each certificate page, and set the awardee's text smaller
when the page would overflow.

The awardee's name, position and unit, and the achievement are typed by people: a collective's
200-character name, a 500-character "chức vụ, đơn vị", a 400-character achievement at the
master's sizes (24 pt, 17 pt) push the footer (decision number, số sổ vàng, signature) onto a
second page. After rendering, every page of a certificate file is measured as the layout will
set it: each paragraph's lines, word-wrapped in its box (the text block, a table cell, less its
indents) with the font's own advance widths (font_metrics.py), times its line height, plus its
spacing; a table row is as tall as its tallest cell. When a page is taller than the text block
allows (with a margin for what the estimate does not know), the paragraphs of the FITTED styles
on that page take a copy of their style scaled down (font size and spacing), the largest of
SCALES that fits. The copies are named styles ("GK Thành tích 80%") based on the master's, so a
certificate stays as editable as the master. The smallest scale fits the longest values the
application accepts (tests/rendering prove it with LibreOffice).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from lxml import etree

from .font_metrics import LINE_HEIGHT_EM, advance, text_width_pt

# The styles that shrink: what people typed (awardee, position and unit, achievement) and the
# awarding authority (a body's name may be long too).
FITTED = ("GKThamQuyen", "GKNguoiNhan", "GKDonVi", "GKThanhTich")
# 100 %, 95 %, … 35 %: ordinary Vietnamese at every field's maximum length needs 60 %, a text of
# the font's widest letter ("WWW…") 40 %.
SCALES = tuple(s / 100 for s in range(100, 34, -5))
# Of the text block's height, what the estimate may fill: line heights differ a little between
# Word and LibreOffice, and a paragraph may keep one line with the next.
FILL = 0.95
CELL_PADDING_PT = 216 / 20      # Word's default left + right cell margins (0.19 cm each)

_P, _TBL, _TR, _TC, _VAL = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:val")
_PPR, _PSTYLE, _R, _RPR, _T = qn("w:pPr"), qn("w:pStyle"), qn("w:r"), qn("w:rPr"), qn("w:t")
# The body's paragraphs that begin a page (one XPath in C, not a walk through every paragraph).
_PAGE_STARTS = etree.XPath("w:p[w:r/w:br[@w:type='page'] or w:pPr/w:pageBreakBefore[not(@w:val='0' or "
                           "@w:val='false' or @w:val='off')]]", namespaces={"w": nsmap["w"]})


@dataclass(frozen=True)
class Format:
    """What sets a paragraph's height: font, spacing (pt), line rule, side indents (pt)."""
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    before: float = 0.0
    after: float = 0.0
    line: int = 240               # w:spacing/@w:line: 240ths of a line (auto) or twips (exact, atLeast)
    rule: str = "auto"
    left: float = 0.0
    right: float = 0.0

    def line_pt(self) -> float:
        natural = self.size * LINE_HEIGHT_EM
        if self.rule == "exact":
            return self.line / 20
        if self.rule == "atLeast":
            return max(self.line / 20, natural)
        return natural * self.line / 240

    def scaled(self, scale: float) -> Format:
        """Font size in whole half-points and spacing in whole twips, as a style can hold them."""
        return replace(self, size=math.floor(self.size * scale * 2) / 2,
                       before=math.floor(self.before * scale * 20) / 20, after=math.floor(self.after * scale * 20) / 20)


def _twips(element, name: str) -> float | None:
    value = element.get(qn(name)) if element is not None else None
    try:
        return int(value) / 20 if value is not None else None
    except ValueError:
        return None


def _on(element) -> bool | None:
    """A toggle property (w:b, w:i): None when absent."""
    if element is None:
        return None
    return element.get(_VAL, "true") not in ("0", "false", "off")


def _apply_ppr(fmt: Format, ppr) -> Format:
    if ppr is None:
        return fmt
    changes = {}
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        for key in ("before", "after"):
            if (value := _twips(spacing, f"w:{key}")) is not None:
                changes[key] = value
        if spacing.get(qn("w:line")) is not None:
            changes["line"] = int(spacing.get(qn("w:line")))
            changes["rule"] = spacing.get(qn("w:lineRule"), "auto")
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        for key, names in (("left", ("w:left", "w:start")), ("right", ("w:right", "w:end"))):
            value = next((v for n in names if (v := _twips(ind, n)) is not None), None)
            if value is not None:
                changes[key] = value
    return replace(fmt, **changes) if changes else fmt


def _apply_rpr(fmt: Format, rpr) -> Format:
    if rpr is None:
        return fmt
    changes = {}
    sz = rpr.find(qn("w:sz"))
    if sz is not None and sz.get(_VAL, "").isdigit():
        changes["size"] = int(sz.get(_VAL)) / 2
    for key, tag in (("bold", "w:b"), ("italic", "w:i")):
        if (value := _on(rpr.find(qn(tag)))) is not None:
            changes[key] = value
    return replace(fmt, **changes) if changes else fmt


class Styles:
    """The paragraph styles of one document, resolved through w:basedOn and the document defaults."""

    def __init__(self, styles_root) -> None:
        self._elements = {s.get(qn("w:styleId")): s for s in styles_root.iter(qn("w:style"))
                          if s.get(qn("w:type")) == "paragraph"}
        self.default_id = next((sid for sid, s in self._elements.items()
                                if s.get(qn("w:default")) in ("1", "true")), None)
        defaults = styles_root.find(qn("w:docDefaults"))
        base = Format()
        if defaults is not None:
            base = _apply_rpr(base, defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
            base = _apply_ppr(base, defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
        self._defaults = base
        self._resolved: dict[str | None, Format] = {}
        self.root = styles_root

    def element(self, style_id: str):
        return self._elements.get(style_id)

    def add(self, style) -> None:
        self.root.append(style)
        self._elements[style.get(qn("w:styleId"))] = style

    def format(self, style_id: str | None) -> Format:
        if style_id not in self._resolved:
            chain, seen, current = [], set(), style_id or self.default_id
            while current in self._elements and current not in seen:
                seen.add(current)
                chain.append(self._elements[current])
                based = self._elements[current].find(qn("w:basedOn"))
                current = based.get(_VAL) if based is not None else None
            fmt = self._defaults
            for style in reversed(chain):
                fmt = _apply_rpr(_apply_ppr(fmt, style.find(qn("w:pPr"))), style.find(qn("w:rPr")))
            self._resolved[style_id] = fmt
        return self._resolved[style_id]


def line_count(text: str, box_pt: float, fmt: Format) -> int:
    """Lines `text` takes when set in `fmt` and broken at spaces in a box `box_pt` wide
    (a word longer than the box breaks where it reaches the edge)."""
    words = text.split()
    if not words:
        return 1
    box = max(box_pt, 1.0)
    space = advance(" ", fmt.bold, fmt.italic) * fmt.size / 2048
    lines, used = 1, 0.0
    for word in words:
        width = text_width_pt(word, fmt.size, fmt.bold, fmt.italic)
        if used and used + space + width <= box:
            used += space + width
            continue
        if used:
            lines += 1
        while width > box:
            lines += 1
            width -= box
        used = width
    return lines


def paragraph_height(text: str, box_pt: float, fmt: Format) -> float:
    return fmt.before + line_count(text, box_pt - fmt.left - fmt.right, fmt) * fmt.line_pt() + fmt.after


def _properties(p):
    """The paragraph's w:pPr (its first child, by the schema), or None."""
    return p[0] if len(p) and p[0].tag == _PPR else None


def _text(p) -> str:
    return "".join(p.itertext(_T))


def _style_id(p) -> str | None:
    ppr = _properties(p)
    return ppr[0].get(_VAL) if ppr is not None and len(ppr) and ppr[0].tag == _PSTYLE else None


def _run_properties(p) -> list:
    return [r[0] for r in p.iterchildren(_R) if len(r) and r[0].tag == _RPR]


def _paragraph_format(p, styles: Styles) -> Format:
    """The style's format, with the paragraph's own spacing and indents and its largest run."""
    fmt = _apply_ppr(styles.format(_style_id(p)), _properties(p))
    for rpr in _run_properties(p):
        run = _apply_rpr(fmt, rpr)
        fmt = replace(fmt, size=max(fmt.size, run.size), bold=fmt.bold or run.bold)
    return fmt


@dataclass
class _Page:
    fixed: float = 0.0                                   # pt taken by what does not shrink
    fitted: list = field(default_factory=list)           # [(paragraph, style id, text, box pt, format)]


class _Measure:
    """Heights of the paragraphs and tables of one document.

    Every page repeats the master's loop, so what stands at the same place of its page (or of
    its table cell) with the same style and text as on a page measured before has the same
    height: a thousand certificates measure their fixed lines once."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self._formats: dict[tuple, Format] = {}
        self._known: dict[tuple, object] = {}      # heights, cell boxes and row rules by place

    def format(self, p) -> Format:
        """The paragraph's format: its style's, with its own and its runs' properties."""
        ppr, runs = _properties(p), _run_properties(p)
        own = [ppr] if ppr is not None and len(ppr) > 1 else []
        key = (_style_id(p), b"".join(etree.tostring(e) for e in own + runs) if own or runs else b"")
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = _paragraph_format(p, self.styles)
        return fmt

    def paragraph(self, place: tuple, p, style: str | None, text: str, box_pt: float) -> float:
        key = (place, style, text, box_pt)
        height = self._known.get(key)
        if height is None:
            height = self._known[key] = paragraph_height(text, box_pt, self.format(p))
        return height

    def _box(self, place: tuple, tc) -> float:
        key = ("box", place)
        box = self._known.get(key)
        if box is None:
            width = _twips(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}"), "w:w") or 0.0
            box = self._known[key] = max(width - CELL_PADDING_PT, 1.0)
        return box

    def _row_rule(self, place: tuple, tr) -> tuple[str, float] | None:
        """A row's own height rule (w:trHeight): ("exact" | "atLeast", pt), or None."""
        key = ("row", place)
        if key not in self._known:
            height = tr.find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
            value = _twips(height, "w:val")
            self._known[key] = None if value is None else (height.get(qn("w:hRule"), "atLeast"), value)
        return self._known[key]

    def _cell(self, place: tuple, tc) -> float:
        """A cell holding what it held on a page before (as many blocks, the same texts) is as tall."""
        key = ("cell", place, len(tc), tuple(tc.itertext(_T)))
        height = self._known.get(key)
        if height is None:
            box = self._box(place, tc)
            height = self._known[key] = sum(
                self.table((*place, i), block) if block.tag == _TBL
                else self.paragraph((*place, i), block, _style_id(block), _text(block), box)
                for i, block in enumerate(tc.iterchildren(_P, _TBL)))
        return height

    def table(self, place: tuple, tbl) -> float:
        total = 0.0
        for r, tr in enumerate(tbl.iterchildren(_TR)):
            heights = []
            for c, tc in enumerate(tr.iterchildren(_TC)):
                heights.append(self._cell((*place, r, c), tc))
            row, rule = max(heights, default=0.0), self._row_rule((*place, r), tr)
            if rule is not None:
                row = rule[1] if rule[0] == "exact" else max(row, rule[1])
            total += row
        return total


def _pages(body, measure: _Measure, text_width: float) -> list[_Page]:
    """The pages (split at page breaks): their shrinking paragraphs, and the height of the rest."""
    pages, place, starts = [_Page()], 0, set(_PAGE_STARTS(body))
    for element in body.iterchildren(_P, _TBL):
        if element.tag == _TBL:
            place += 1
            pages[-1].fixed += measure.table((place,), element)
            continue
        if element in starts and (pages[-1].fixed or pages[-1].fitted):
            pages.append(_Page())
            place = 0
        place += 1
        style, text = _style_id(element), _text(element)
        if style in FITTED and text.strip():
            pages[-1].fitted.append((element, style, text, text_width, measure.format(element)))
        else:
            pages[-1].fixed += measure.paragraph((place,), element, style, text, text_width)
    return pages


def _height(page: _Page, scale: float) -> float:
    return page.fixed + sum(paragraph_height(text, box, fmt.scaled(scale))
                            for _p, _style, text, box, fmt in page.fitted)


def best_scale(page: _Page, room: float) -> float:
    """The largest of SCALES at which the page fits `room` (pt); the smallest one otherwise."""
    return next((scale for scale in SCALES if _height(page, scale) <= room), SCALES[-1])


def _scaled_style(styles: Styles, style_id: str, scale: float) -> str:
    """The id of `style_id` at `scale` (a style based on it, made once per document)."""
    percent = round(scale * 100)
    new_id = f"{style_id}{percent}"
    if styles.element(new_id) is not None:
        return new_id
    base = styles.element(style_id)
    fmt = styles.format(style_id).scaled(scale)
    name = base.find(qn("w:name")).get(_VAL) if base is not None and base.find(qn("w:name")) is not None \
        else style_id
    style = OxmlElement("w:style")
    style.set(qn("w:type"), "paragraph")
    style.set(qn("w:customStyle"), "1")
    style.set(qn("w:styleId"), new_id)
    for tag, value in (("w:name", f"{name} {percent}%"), ("w:basedOn", style_id)):
        el = OxmlElement(tag)
        el.set(_VAL, value)
        style.append(el)
    ppr, spacing = OxmlElement("w:pPr"), OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(round(fmt.before * 20)))
    spacing.set(qn("w:after"), str(round(fmt.after * 20)))
    ppr.append(spacing)
    style.append(ppr)
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(_VAL, str(round(fmt.size * 2)))
        rpr.append(el)
    style.append(rpr)
    styles.add(style)
    return new_id


def fit_certificates(document) -> list[float]:
    """Scale down, page by page, what overflows a certificate's page; returns each page's scale."""
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
    room = (section.page_height - abs(section.top_margin) - abs(section.bottom_margin)) / 12700 * FILL
    styles = Styles(document.styles.element)
    scales = []
    for page in _pages(document.element.body, _Measure(styles), text_width):
        scale = best_scale(page, room) if _height(page, 1.0) > room else 1.0
        if scale < 1.0:
            for p, style, *_rest in page.fitted:
                _properties(p)[0].set(_VAL, _scaled_style(styles, style, scale))
        scales.append(scale)
    return scales
