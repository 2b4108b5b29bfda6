"""Text helpers for Vietnamese: cleaning input and accent-insensitive search keys."""
from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids; python-docx raises on them and browsers mangle them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str | None) -> str:
    """NFC, no XML-invalid control characters, no stray outer whitespace."""
    if text is None:
        return ""
    return _XML_INVALID.sub("", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str | None) -> str:
    """`Xã Hội Học Tập` -> `xa hoi hoc tap`: lower case without diacritics (đ -> d)."""
    # Control characters go too: they match nothing, and PostgreSQL refuses NUL in a query.
    decomposed = unicodedata.normalize("NFD", _XML_INVALID.sub("", text or "").lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").split())
