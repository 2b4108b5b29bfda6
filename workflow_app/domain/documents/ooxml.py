"""Small WordprocessingML helpers shared by the master builder and the post-processing.

python-docx has no API for these (fonts in all four slots, borders, fields,
repeated header rows, frames); each helper writes elements in the schema order
Word expects, because python-docx and LibreOffice accept misplaced elements
silently while Word may refuse the file.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Relationship types of parts an official document must not carry.
STALE_PART_TYPES = (
    "/stylesWithEffects",    # Word 2010 leftover in python-docx's template; validators flag it
    "/customXml",            # bibliography sources of the default template
    "/thumbnail",            # stale preview picture
)

# Children of w:pPr that come after w:pBdr (ECMA-376 order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
               "w:pPrChange")
# Children of w:pPr that come after w:framePr.
_AFTER_FRAMEPR = ("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr") + _AFTER_PBDR
# Children of w:tblPr that come after w:tblBorders.
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                     "w:tblDescription", "w:tblPrChange")


def pin_rfonts(rfonts, name: str = FONT) -> None:
    """One w:rFonts: `name` in all four slots, theme references removed (a theme slot wins over a name)."""
    for slot in FONT_SLOTS:
        rfonts.set(qn(slot), name)
    for slot in THEME_SLOTS:
        rfonts.attrib.pop(qn(slot), None)
    rfonts.attrib.pop(qn("w:hint"), None)


def pin_fonts_in(element, name: str = FONT) -> None:
    """Every w:rFonts below `element` (styles, body, header) gets `name` in all four slots."""
    for rfonts in element.iter(qn("w:rFonts")):
        pin_rfonts(rfonts, name)


def drop_stale_parts(document) -> None:
    """Remove relationships to stylesWithEffects, customXml and the thumbnail."""
    for owner in (document.part, document.part.package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(STALE_PART_TYPES):
                del owner.rels[rid]


def border(tag: str, val: str = "single", size: int = 6) -> OxmlElement:
    el = OxmlElement(tag)
    el.set(qn("w:val"), val)
    if val not in ("nil", "none"):
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    return el


def set_table_borders(table, val: str = "nil") -> None:
    """All six table borders to `val` ("nil": borderless header and signature tables)."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(border(f"w:{edge}", val, 4))
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def set_fixed_widths(table, widths_twips: list[int]) -> None:
    """Fixed layout with both w:gridCol (LibreOffice) and w:tcW (Word) set."""
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_twips):
        grid_col.set(qn("w:w"), str(width))
    for row in table.rows:
        for tc, width in zip(row._tr.findall(qn("w:tc")), widths_twips):
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.type, tc_w.w = "dxa", width


def set_cell_margins(table, top: int = 0, bottom: int = 0, left: int = 108, right: int = 108) -> None:
    """Default cell margins of a table, in twips (Word's defaults: 0 / 0 / 108 / 108)."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblCellMar"))
    if old is not None:
        tbl_pr.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def paragraph_bottom_border(paragraph, size: int = 6) -> None:
    """A solid line under the paragraph: the robust way to draw ND30's short lines."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = border("w:bottom", "single", size)
    bottom.set(qn("w:space"), "1")
    pbdr.append(bottom)
    ppr.insert_element_before(pbdr, *_AFTER_PBDR)


def paragraph_box(paragraph, size: int = 8) -> None:
    """A solid box around the paragraph (its indents set the box's width): the "DỰ THẢO" mark."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    for side in ("w:top", "w:left", "w:bottom", "w:right"):
        edge = border(side, "single", size)
        edge.set(qn("w:space"), "1")
        pbdr.append(edge)
    ppr.insert_element_before(pbdr, *_AFTER_PBDR)


def mark_row(row, *tags: str) -> None:
    """Add empty on/off row properties, e.g. "w:tblHeader" (repeat on each page), "w:cantSplit".

    An empty element means "on"; w:val="true" is not a valid value here.
    """
    tr_pr = row._tr.get_or_add_trPr()
    for tag in tags:
        if tr_pr.find(qn(tag)) is None:
            tr_pr.append(OxmlElement(tag))


def add_field(paragraph, instruction: str, cached: str = "1") -> None:
    """A complex field (e.g. " PAGE ") with a cached result, in runs of the paragraph."""
    def fld_char(kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el
    paragraph.add_run()._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(fld_char("end"))


def page_break_run(paragraph) -> None:
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    paragraph.add_run()._r.append(br)


def set_frame(ppr, x: int, y: int, width: int) -> None:
    """Position a paragraph absolutely on the page (twips from the page's top-left corner).

    Consecutive paragraphs with identical frame properties form one frame.
    """
    frame = ppr.find(qn("w:framePr"))
    if frame is None:
        frame = OxmlElement("w:framePr")
        ppr.insert_element_before(frame, *_AFTER_FRAMEPR)
    for key, value in (("w:w", width), ("w:hSpace", 0), ("w:wrap", "around"),
                       ("w:vAnchor", "page"), ("w:hAnchor", "page"), ("w:x", x), ("w:y", y)):
        frame.set(qn(key), str(value))
