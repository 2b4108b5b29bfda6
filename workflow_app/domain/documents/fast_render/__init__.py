"""The fast path: a master rendered as stock docxtpl renders it, with the fixed costs paid once.

Everything here exists for throughput (issue transitions per second on one register) and
gives what ../reference_render.py gives, byte for byte:

* cached_template.py: docxtpl's DocxTemplate with the master's parts, patched XML and
  compiled Jinja template cached under its sha256;
* docx_out.py: python-docx's save, writing the zip by hand and deflating only what changed;
* number_slot.py + zip_records.py: render with a marker before the number register is
  locked, write the number over it afterwards;
* internals.py: every docxtpl and python-docx internal the above relies on, and the
  versions it was checked against.

The contract is tests/domain/test_render_shortcuts.py: for every master at every stage,
render() gives the reference path's bytes, from cold caches and warm ones. When an upgrade
breaks it, DOCUMENT_RENDERER=reference runs the application on stock docxtpl meanwhile.
"""
from __future__ import annotations

from typing import Callable

from .cached_template import render_master
from .docx_out import docx_bytes
from .number_slot import NumberSplitAcrossRuns, fill_number, new_marker

__all__ = ["NumberSplitAcrossRuns", "fill_number", "new_marker", "render"]


def render(content: bytes, sha256: str, context: dict, finish: Callable[..., None]) -> bytes:
    """The .docx bytes of master `content` (known by its sha256) rendered with `context` (cleaned).

    finish(document, styles_key=..., body_fonts=...) is the post-processing both paths share
    (render.py): styles_key lets it cache per master, body_fonts=False says the body sets no font.
    """
    template = render_master(content, sha256, context)
    finish(template.docx, styles_key=sha256, body_fonts=template.facts.body_fonts)
    return docx_bytes(template.docx, cache_key=sha256)   # document.save()'s bytes, deflating less
