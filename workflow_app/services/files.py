"""Generated files: download within visibility (public verification: services/verification.py)."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, undefer

from ..domain.errors import NotFound
from ..domain.validation import is_row_id
from ..domain.workflows.audience import audience, shows_file
from ..extensions import db
from ..models import Document, GeneratedFile
from .scope import reads_round_decision, shows_part, visible_clause

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIMETYPE = "application/pdf"


def mimetype_of(f: GeneratedFile) -> str:
    """A step's files are .docx, but for the signed PDFs of a body that signs digitally (issue 16)."""
    return PDF_MIMETYPE if f.file_name.lower().endswith(".pdf") else DOCX_MIMETYPE


def get_visible_file(file_id, user) -> GeneratedFile:
    """The file with its bytes if `user` may see its document; otherwise NotFound."""
    if not is_row_id(file_id):
        raise NotFound("Không tìm thấy tệp.")
    found = db.session.scalar(
        select(GeneratedFile).join(Document, GeneratedFile.document_id == Document.id)
        .where(GeneratedFile.id == file_id, or_(visible_clause(user), reads_round_decision(user)))
        .options(undefer(GeneratedFile.content), joinedload(GeneratedFile.document)))
    if found is None or not shows_file(audience(user, found.document), found.step) or not shows_part(found, user):
        raise NotFound("Không tìm thấy tệp.")
    return found
