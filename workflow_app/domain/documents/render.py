"""Render a master with a context, then make the file an official one with python-docx.

Two paths render: "fast" (fast_render/, the default: the same bytes, a fraction of the
cost) and "reference" (reference_render.py, stock docxtpl). DOCUMENT_RENDERER picks one.

After docxtpl: the short lines fitted to the text they underline, core properties from
the document's data (docxtpl would double-escape them, python-docx's defaults say
"python-docx, 2013"), Times New Roman in all four rFonts slots everywhere (a master
edited in Word may carry theme fonts again), no stale parts (stylesWithEffects, thumbnail).
"""
from __future__ import annotations

from datetime import datetime, timezone

from docx.oxml.ns import qn

from . import fast_render, ooxml, reference_render
from .clean import clean_line, clean_tree
from .context_parts import DocMeta
from .line_fitting import fit_lines

CORE_TEXT_MAX = 255       # python-docx refuses longer core properties (a limit of the OPC format it applies)
FAST, REFERENCE = "fast", "reference"
RENDERERS = (FAST, REFERENCE)


def utc_naive(moment: datetime) -> datetime:
    """python-docx writes datetimes as UTC and ignores tzinfo: convert first."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def set_core_properties(document, meta: DocMeta, created_at: datetime, revision: int = 1) -> None:
    cp = document.core_properties
    cp.title = clean_line(meta.title, CORE_TEXT_MAX)
    cp.subject = clean_line(meta.subject, CORE_TEXT_MAX)
    cp.author = cp.last_modified_by = clean_line(meta.author, CORE_TEXT_MAX)
    cp.keywords = cp.category = meta.type_label
    cp.identifier = meta.number if meta.issued else ""
    cp.comments = ""
    cp.language = "vi-VN"
    cp.revision = max(1, revision)
    cp.created = cp.modified = utc_naive(created_at)


def pin_fonts(document, *, body: bool = True) -> None:
    """Times New Roman in all four slots of every rFonts: styles, headers, footers and (if it
    sets any) the body. A body rendered from a master without rFonts has none: values are text."""
    styles = document.styles.element
    ooxml.pin_fonts_in(styles)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        ooxml.pin_rfonts(rpr.get_or_add_rFonts())
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "vi-VN")
    if body:
        ooxml.pin_fonts_in(document.element.body)
    for part in _section_headers_and_footers(document):
        ooxml.pin_fonts_in(part.element)


_REFERENCES = (qn("w:headerReference"), qn("w:footerReference"))
_REFERENCE_TYPES = ("default", "first")   # python-docx's Section.header, first_page_header (and footers)


def _section_headers_and_footers(document):
    """The parts python-docx's sections give as their own header, first-page header, footer and
    first-page footer (a section's first reference of each kind), read from the section
    properties directly: walking python-docx's section objects costs more than the pinning."""
    related = document.part.related_parts
    for sect_pr in document.element.sectPr_lst:
        for tag in _REFERENCES:
            references = list(sect_pr.iterchildren(tag))
            for kind in _REFERENCE_TYPES:
                reference = next((r for r in references if r.get(qn("w:type")) == kind), None)
                if reference is not None:
                    yield related[reference.get(qn("r:id"))]


def render(content: bytes, sha256: str, context: dict, meta: DocMeta, created_at: datetime, *,
           revision: int = 1, official: bool = True, post=None, renderer: str = FAST) -> bytes:
    """The finished .docx bytes.

    official: an ND30 document whose short lines are fitted to their text (not a certificate).
    post(document) may adjust the rendered document (e.g. print positions).
    renderer: FAST or REFERENCE (the same bytes; see the module docstring).
    """
    def finish(document, *, styles_key: str | None = None, body_fonts: bool = True) -> None:
        if post is not None:
            post(document)
        if official:
            fit_lines(document, styles_key=styles_key)   # the styles are the master's: no template touches them
        set_core_properties(document, meta, created_at, revision)
        pin_fonts(document, body=body_fonts)
        ooxml.drop_stale_parts(document)

    if renderer == FAST:
        return fast_render.render(content, sha256, clean_tree(context), finish)
    if renderer == REFERENCE:
        return reference_render.render(content, clean_tree(context), finish)
    raise ValueError(f"unknown renderer {renderer!r}; known: {', '.join(RENDERERS)}")
