"""Render a master with a context, then make the file an official one with python-docx.

After docxtpl: the short lines fitted to the text they underline, core properties from the document's data (docxtpl would
double-escape them, python-docx's defaults say "python-docx, 2013"), Times New
Roman in all four rFonts slots everywhere (a master edited in Word may carry
theme fonts again), no stale parts (stylesWithEffects, thumbnail).
"""
from __future__ import annotations

import io
from datetime import datetime, timezone

from docx.oxml.ns import qn

from . import ooxml
from .clean import clean_line, clean_tree
from .context_parts import DocMeta
from .engine import render_master
from .line_fitting import fit_lines

CORE_TEXT_MAX = 1000      # core properties are metadata: keep them short


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
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if not part.is_linked_to_previous:
                ooxml.pin_fonts_in(part._element)


def render(content: bytes, sha256: str, context: dict, meta: DocMeta, created_at: datetime, *,
           revision: int = 1, official: bool = True, post=None) -> bytes:
    """The finished .docx bytes.

    official: an ND30 document whose short lines are fitted to their text (not a certificate).
    post(document) may adjust the rendered document (e.g. print positions).
    """
    template = render_master(content, sha256, clean_tree(context))
    document = template.docx
    if post is not None:
        post(document)
    if official:
        fit_lines(document)
    set_core_properties(document, meta, created_at, revision)
    pin_fonts(document, body=template.facts.body_fonts)
    ooxml.drop_stale_parts(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
