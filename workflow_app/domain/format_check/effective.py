"""Effective formatting of runs and paragraphs: what Word shows, not only what the run says.

A run's size, weight or font may come from the run itself, its character style, the
paragraph's style chain or the document defaults; the checker must read them in that
order, or a document that styles its body through "Normal" would look unformatted.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.shared import Length

DEFAULT_SIZE_PT = 10.0          # w:sz absent everywhere: Word's own default


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _doc_defaults(doc):
    """(rPr, pPr) of w:docDefaults, either may be None."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None, None
    rpr_default, ppr_default = defaults.find(qn("w:rPrDefault")), defaults.find(qn("w:pPrDefault"))
    return (rpr_default.find(qn("w:rPr")) if rpr_default is not None else None,
            ppr_default.find(qn("w:pPr")) if ppr_default is not None else None)


def _rpr_chain(run, paragraph, doc) -> list:
    """rPr elements from the most specific to the least."""
    chain = []
    own = run._r.rPr
    if own is not None:
        chain.append(own)
        char_style = own.find(qn("w:rStyle"))
        if char_style is not None:
            try:
                style = doc.styles[char_style.get(qn("w:val"))]
            except KeyError:
                style = None
            chain += [s.element.rPr for s in _style_chain(style) if s.element.rPr is not None]
    chain += [s.element.rPr for s in _style_chain(paragraph.style) if s.element.rPr is not None]
    default_rpr, _ = _doc_defaults(doc)
    if default_rpr is not None:
        chain.append(default_rpr)
    return chain


def _toggle(chain, tag: str) -> bool:
    for rpr in chain:
        element = rpr.find(qn(tag))
        if element is not None:
            return element.get(qn("w:val")) not in ("0", "false", "off")
    return False


def _font(chain, slot: str) -> str | None:
    """The font name of a slot ("ascii", "hAnsi"), "theme:<name>" when a theme font wins."""
    for rpr in chain:
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            continue
        theme = rfonts.get(qn(f"w:{slot}Theme"))
        if theme is not None:
            return f"theme:{theme}"
        name = rfonts.get(qn(f"w:{slot}"))
        if name is not None:
            return name
    return None


@dataclass(frozen=True)
class RunFormat:
    size: float
    bold: bool
    italic: bool
    underline: bool
    fonts: dict


def run_format(run, paragraph, doc) -> RunFormat:
    chain = _rpr_chain(run, paragraph, doc)
    size = next((int(sz.get(qn("w:val"))) / 2 for rpr in chain if (sz := rpr.find(qn("w:sz"))) is not None),
                DEFAULT_SIZE_PT)
    own = chain[0].find(qn("w:u")) if run._r.rPr is not None else None   # underline as the run sets it
    return RunFormat(size=size, bold=_toggle(chain, "w:b"), italic=_toggle(chain, "w:i"),
                     underline=own is not None and own.get(qn("w:val")) not in (None, "none"),
                     fonts={slot: _font(chain, slot) for slot in ("ascii", "hAnsi")})


def text_runs(paragraph) -> list:
    return [r for r in paragraph.runs if r.text.strip()]


@dataclass(frozen=True)
class ParagraphLook:
    """The text runs of a paragraph summed up: their sizes, all bold?, all italic?, none italic?"""
    sizes: frozenset
    bold: bool
    italic: bool
    upright: bool
    runs: tuple


def paragraph_look(paragraph, doc) -> ParagraphLook:
    runs = tuple(run_format(r, paragraph, doc) for r in text_runs(paragraph))
    return ParagraphLook(sizes=frozenset(r.size for r in runs), bold=bool(runs) and all(r.bold for r in runs),
                         italic=bool(runs) and all(r.italic for r in runs),
                         upright=bool(runs) and not any(r.italic for r in runs), runs=runs)


def paragraph_format(paragraph, doc, attr: str):
    """A paragraph_format attribute ("alignment", "space_after", …) through the style chain."""
    value = getattr(paragraph.paragraph_format, attr)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return value
    if attr in ("space_before", "space_after"):
        _, default_ppr = _doc_defaults(doc)
        spacing = default_ppr.find(qn("w:spacing")) if default_ppr is not None else None
        twips = spacing.get(qn("w:after" if attr == "space_after" else "w:before")) if spacing is not None else None
        if twips is not None:
            return Length(int(twips) * 635)
    return None


def sizes_within(sizes, low: float, high: float) -> bool:
    return bool(sizes) and all(low <= s <= high for s in sizes)


def has_bottom_border(paragraph) -> bool:
    ppr = paragraph._p.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    bottom = borders.find(qn("w:bottom")) if borders is not None else None
    return bottom is not None and bottom.get(qn("w:val")) not in ("nil", "none")


def has_drawing(paragraph) -> bool:
    element = paragraph._p
    return any(element.iter(qn("w:drawing"))) or any(element.iter(qn("w:pict")))


def line_under(paragraphs, index: int, doc) -> bool:
    """Does a horizontal line (border, drawn shape or underline) stand under paragraphs[index]?"""
    paragraph = paragraphs[index]
    if has_bottom_border(paragraph) or has_drawing(paragraph):
        return True
    runs = text_runs(paragraph)
    if runs and all(run_format(r, paragraph, doc).underline for r in runs):
        return True
    for following in paragraphs[index + 1:index + 3]:
        if following.text.strip():
            return has_bottom_border(following) or has_drawing(following)
        if has_bottom_border(following) or has_drawing(following):
            return True
    return False


def mm(length) -> float | None:
    return length / 36000 if length is not None else None
