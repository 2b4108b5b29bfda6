"""The documents a step generates, rendered and stored inside the step's transaction."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import current_app

from ..domain.documents.generate import generate
from ..domain.workflows.model import TransitionDef
from ..extensions import db
from ..models import Document, GeneratedFile, WorkflowEvent
from .document_data import content_of, generation_of


def generate_step_files(document: Document, tdef: TransitionDef, event: WorkflowEvent,
                        at: datetime) -> list[GeneratedFile]:
    template_dir = Path(current_app.config["DOCUMENT_TEMPLATES"])
    content = content_of(document)
    generation = generation_of(document, at, comment=event.comment, actor=event.actor)
    stored = []
    for template_name in tdef.generates:
        out = generate(template_name, content, generation, template_dir)
        row = GeneratedFile(document=document, event=event, step=tdef.dest,
                            template_name=out.template_name, template_sha256=out.template_sha256,
                            file_name=out.name, content=out.content, sha256=out.sha256,
                            size=out.size, created_at=at)
        db.session.add(row)
        stored.append(row)
    db.session.flush()
    return stored
