"""What generate() returns: one finished .docx and where it came from."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedFile:
    name: str                 # "ke-hoach.docx"
    template_name: str        # "ke-hoach"
    template_sha256: str      # which master made it (stored with the file)
    content: bytes
    sha256: str
    size: int
    for_organization_id: int | None = None   # made for one body only (DocumentKind.file_parts)
