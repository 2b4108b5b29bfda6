"""The documents a step generates: rendered before the step takes its number, stored with its history row.

Rendering is the slow part of a step (milliseconds of CPU per file), so it runs before
the number register is locked, with a marker where the number goes; the number is
filled in once the register gives it (domain/documents/fast_render/number_slot.py).
A file whose marker did not come out whole, and every file when DOCUMENT_RENDERER is
"reference", is rendered the plain way instead: lock the register, number, render.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from flask import current_app

from ..domain.documents import (
    FAST,
    NumberSplitAcrossRuns,
    RenderedFile,
    certificate_pages,
    fill_number,
    generate,
    new_marker,
)
from ..domain.documents.contexts import master_spec
from ..domain.kinds import kind_spec
from ..domain.workflows.model import TransitionDef
from ..extensions import db
from ..models import Document, GeneratedFile, RegisterEntry, User, WorkflowEvent
from .document_data import PendingNumber, content_of, generation_of


def pending_number(document: Document, purpose: str | None) -> PendingNumber | None:
    """The number slot the step's files leave for the register; None when the step gives no number
    or the document keeps the one it has (a resubmitted proposal's Tờ trình)."""
    if purpose is None:
        return None
    has_number = document.number_entry if purpose == "issued" else document.proposal_entry
    return None if has_number is not None else PendingNumber(purpose, new_marker())


def _renderer() -> str:
    return current_app.config.get("DOCUMENT_RENDERER", FAST)


def generate_step_files(document: Document, tdef: TransitionDef, at: datetime, *, comment: str = "",
                        actor: User | None = None, pending: PendingNumber | None = None,
                        names: tuple[str, ...] | None = None) -> list[RenderedFile]:
    """Render the step's documents (or those of `names`); nothing is written to the database.
    A certificate no awardee gets (no "Chiến sĩ thi đua cơ sở" in the decision) makes no file."""
    template_dir = Path(current_app.config["DOCUMENT_TEMPLATES"])
    content = content_of(document)
    generation = generation_of(document, at, comment=comment, actor=actor, pending=pending)
    split = kind_spec(document.kind).file_parts
    files = []
    for name in (tdef.generates if names is None else names):
        if certificate_pages(name, content) == 0:
            continue
        if split is None or not (master_spec(name).certificate or master_spec(name).per_part):
            files.append(generate(name, content, generation, template_dir, _renderer()))
            continue
        for suffix, part, organization_id in split(document, content):   # one file per part
            if certificate_pages(name, part) != 0:
                rendered = generate(name, part, generation, template_dir, _renderer())
                files.append(replace(rendered, name=f"{name}-{suffix}.docx", for_organization_id=organization_id))
    return files


def render_and_number(document: Document, tdef: TransitionDef, at: datetime, *, comment: str = "",
                      actor: User | None = None, render: bool = True,
                      take_number: Callable[[], RegisterEntry] | None = None) -> list[RenderedFile]:
    """The step's files (none unless `render`), numbered by `take_number()` if the step gives a number.

    take_number locks the register until commit, so it is called as late as it can be: after the
    render, with the number filled in over the marker, unless the reference renderer is configured
    (then: lock, number, render). A file whose marker came out split across runs is rendered again,
    under the lock, with the number itself.
    """
    rendering = render and bool(tdef.generates)
    if take_number is None or not rendering:
        files = generate_step_files(document, tdef, at, comment=comment, actor=actor) if rendering else []
        if take_number is not None:
            take_number()
        return files
    if _renderer() != FAST:
        take_number()
        return generate_step_files(document, tdef, at, comment=comment, actor=actor)
    pending = pending_number(document, tdef.numbering)
    files = generate_step_files(document, tdef, at, comment=comment, actor=actor, pending=pending)
    entry = take_number()
    if pending is None:
        return files
    numbered = []
    for f in files:
        try:
            numbered.append(fill_number(f, pending.marker, entry.seq))
        except NumberSplitAcrossRuns:   # that file again (of a master split in parts: that part)
            numbered += [g for g in generate_step_files(document, tdef, at, comment=comment, actor=actor,
                                                        names=(f.template_name,)) if g.name == f.name]
    return numbered


def store_step_files(document: Document, event: WorkflowEvent, files: list[RenderedFile],
                     at: datetime) -> list[GeneratedFile]:
    """The rendered files as rows of `event` (written by the caller's flush)."""
    rows = [GeneratedFile(document=document, event=event, step=event.to_state,
                          template_name=f.template_name, template_sha256=f.template_sha256,
                          file_name=f.name, content=f.content, sha256=f.sha256, size=f.size, created_at=at,
                          for_organization_id=f.for_organization_id)
            for f in files]
    db.session.add_all(rows)
    return rows
