"""The public entry point: contract data in, one finished .docx out.

    generate("ke-hoach", plan, gen) -> RenderedFile

The stage shows in the data, not in a flag: Numbering.seq None prints the
blank number and day of a draft; Generation.signer None prints the authority
lines over an unsigned name slot.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .certificate_fitting import fit_certificates
from .contexts import build_context, master_spec
from .data import CommendationData, Generation, PlanData
from .masters import Master, load_master
from .print_layout import apply_positions, positions_from_settings
from .render import FAST, render
from .rendered_file import RenderedFile

__all__ = ["generate", "generate_from_master"]


def _post_processing(template_name: str, gen: Generation):
    if template_name == "giay-khen-in-phoi":
        positions, _problems = positions_from_settings(gen.extra.get("print_positions"))
        return lambda document: apply_positions(document.element.body, positions)
    if master_spec(template_name).certificate:
        return fit_certificates
    return None


def _revision(gen: Generation) -> int:
    revision = gen.extra.get("revision", 1)
    return revision if isinstance(revision, int) and not isinstance(revision, bool) else 1


def generate_from_master(master: Master, content: PlanData | CommendationData, gen: Generation,
                         renderer: str = FAST) -> RenderedFile:
    context, meta = build_context(master.name, content, gen)
    data = render(master.content, master.sha256, context, meta, gen.created_at, revision=_revision(gen),
                  official=not master_spec(master.name).certificate, post=_post_processing(master.name, gen),
                  renderer=renderer)
    return RenderedFile(name=f"{master.name}.docx", template_name=master.name, template_sha256=master.sha256,
                         content=data, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def generate(template_name: str, content: PlanData | CommendationData, gen: Generation,
             template_dir: Path | None = None, renderer: str = FAST) -> RenderedFile:
    """Render master `template_name` (see contexts.template_names()) for `content` at the stage `gen` describes.

    gen.extra may hold "revision" (int, for the core properties) and, for giay-khen-in-phoi,
    "print_positions" (see print_layout.py). renderer: render.FAST or render.REFERENCE (same bytes).
    Raises ValueError for an unknown template name or renderer, TypeError for content of the wrong kind
    (a plan given to a commendation master), OSError when the master file is missing.
    Bad text in the data never raises: it is cleaned.
    """
    return generate_from_master(load_master(template_name, template_dir), content, gen, renderer)
