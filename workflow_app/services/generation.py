"""The documents a step generates: rendered before the step takes its number, stored with its history row.

Rendering is the slow part of a step (milliseconds of CPU per file), so it runs before
the number register is locked, with a marker where the number goes; the number is
filled in once the register gives it (domain/documents/number_slot.py).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import current_app

from ..domain.documents import fill_number, generate, new_marker
from ..domain.documents.generate import GeneratedFile as RenderedFile
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


def generate_step_files(document: Document, tdef: TransitionDef, at: datetime, *, comment: str = "",
                        actor: User | None = None, pending: PendingNumber | None = None) -> list[RenderedFile]:
    """Render the step's documents; nothing is written to the database."""
    template_dir = Path(current_app.config["DOCUMENT_TEMPLATES"])
    content = content_of(document)
    generation = generation_of(document, at, comment=comment, actor=actor, pending=pending)
    return [generate(name, content, generation, template_dir) for name in tdef.generates]


def fill_step_number(files: list[RenderedFile], pending: PendingNumber | None,
                     entry: RegisterEntry) -> list[RenderedFile]:
    """The files with the register's number written over the marker they were rendered with."""
    if pending is None:
        return files
    return [fill_number(f, pending.marker, entry.seq) for f in files]


def store_step_files(document: Document, event: WorkflowEvent, files: list[RenderedFile],
                     at: datetime) -> list[GeneratedFile]:
    """The rendered files as rows of `event` (written by the caller's flush)."""
    rows = [GeneratedFile(document=document, event=event, step=event.to_state,
                          template_name=f.template_name, template_sha256=f.template_sha256,
                          file_name=f.name, content=f.content, sha256=f.sha256, size=f.size, created_at=at)
            for f in files]
    db.session.add_all(rows)
    return rows
