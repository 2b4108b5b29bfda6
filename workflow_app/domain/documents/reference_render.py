"""Stock docxtpl, as its documentation renders a master: the reference path.

No cache, no overridden method, python-docx's own save. The fast path (fast_render/) must
give these bytes (tests/domain/test_render_shortcuts.py, every master at every stage).
DOCUMENT_RENDERER=reference runs the application on this path, when an upgrade of docxtpl
or python-docx breaks the fast one: slower, and an issue then takes its number before it
renders ("lock, number, render").
"""
from __future__ import annotations

import io
from typing import Callable

from docxtpl import DocxTemplate

from .jinja_env import new_environment


def render(content: bytes, context: dict, finish: Callable[..., None]) -> bytes:
    """The .docx bytes of master `content` rendered with `context` (cleaned); finish(document)
    is the post-processing both paths share (render.py)."""
    template = DocxTemplate(io.BytesIO(content))
    template.render(context, jinja_env=new_environment(), autoescape=True)
    finish(template.docx)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
