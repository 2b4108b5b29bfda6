"""Generated files: download within visibility, and public verification of issued ones."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, undefer

from ..domain.errors import NotFound
from ..domain.validation import is_row_id
from ..domain.workflows.audience import audience, shows_file
from ..extensions import db
from ..models import Document, GeneratedFile
from .scope import visible_clause

_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")
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
        .where(GeneratedFile.id == file_id, visible_clause(user))
        .options(undefer(GeneratedFile.content), joinedload(GeneratedFile.document)))
    if found is None or not shows_file(audience(user, found.document), found.step):
        raise NotFound("Không tìm thấy tệp.")
    return found


@dataclass(frozen=True)
class Verification:
    number: str
    issued_on: date
    organization: str
    title: str


def verify(sha256: str) -> Verification | None:
    """Is this the hash of a file issued by the system? Drafts and unknown hashes say nothing."""
    if not isinstance(sha256, str) or not _HEX_DIGEST.fullmatch(sha256):
        return None   # also keeps NUL bytes away from PostgreSQL, which refuses them with an error
    row = db.session.execute(
        select(GeneratedFile, Document)
        .join(Document, GeneratedFile.document_id == Document.id)
        .where(GeneratedFile.sha256 == sha256.lower(), GeneratedFile.step == "issued",
               Document.state == "issued")
        .limit(1)).first()
    if row is None:
        return None
    _, document = row
    return Verification(number=document.number, issued_on=document.issued_on,
                        organization=document.issuer.name, title=document.title)
