"""Text helpers for Vietnamese: cleaning input and accent-insensitive search keys.

strip_invalid() is the one rule for characters that never belong in a text, applied both
to input (clean(), by the services and the API) and to what reaches a .docx
(documents/clean.py).
"""
from __future__ import annotations

import re
import unicodedata

# Every kind of line break (CR LF, CR, U+2028/2029, NEL) becomes "\n".
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Then out: C0 controls but tab and newline, DEL and the C1 controls, lone surrogates,
# U+FFFE/U+FFFF. XML 1.0 forbids most of them (python-docx raises, browsers mangle them,
# PostgreSQL refuses NUL); the C1 controls are legal XML but never meant in a text.
_INVALID = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Anything either of the two above would change: most text has none, and skips both.
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


def strip_invalid(text: str) -> str:
    """Line breaks as "\\n", the invalid characters above removed, NFC. Whitespace stays as it is."""
    if _NEEDS_WORK.search(text):
        text = _INVALID.sub("", _NEWLINES.sub("\n", text))
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean(text: str | None) -> str:
    """strip_invalid(), without stray outer whitespace."""
    if text is None:
        return ""
    return strip_invalid(str(text)).strip()


def fold(text: str | None) -> str:
    """`Xã Hội Học Tập` -> `xa hoi hoc tap`: lower case without diacritics (đ -> d)."""
    # Control characters go too: they match nothing, and PostgreSQL refuses NUL in a query.
    decomposed = unicodedata.normalize("NFD", strip_invalid(text or "").lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").split())


# A word a search knows: a run of letters and digits ("67/KH-UBND" is 67, kh, ubnd).
_WORD = re.compile(r"[^\W_]+")
# What of a document's text is searchable. PostgreSQL refuses a tsvector over 1 MiB; 100k
# characters stay well below it whatever the words are, and hold far more than a real plan.
SEARCH_TEXT_MAX = 100_000
# A search counts the documents it finds one by one, up to this many; a page says "more than".
# PostgreSQL checks a phrase against each document's stored words, so counting every one of
# 100k matches would take seconds; the first thousand take milliseconds (services/full_text.py).
SEARCH_COUNT_LIMIT = 1000


def search_words(text: str | None) -> list[str]:
    """The folded words of `text`: `Số 67/KH-UBND` -> ["so", "67", "kh", "ubnd"]."""
    return _WORD.findall(fold(text))


def search_text(*parts: str | None) -> str:
    """What the full-text index reads of a document: its folded words, space-separated, so that
    SQLite's FTS5 and PostgreSQL's text search parser split it the same way."""
    text = " ".join(w for part in parts for w in search_words(part))
    return text if len(text) <= SEARCH_TEXT_MAX else text[:SEARCH_TEXT_MAX + 1].rsplit(" ", 1)[0]
