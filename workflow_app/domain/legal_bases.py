"""A body's standing legal bases ("Căn cứ ...;") and the days each is in force.

Laws and decrees are replaced: Nghị định 152/2025/NĐ-CP replaced Nghị định 98/2023/NĐ-CP from
1/7/2025, and the Luật Tổ chức chính quyền địa phương of 16/6/2025 replaced that of 19/6/2015 the
same day. A body keeps both generations in its settings, each with its dates, and a document cites
those in force on its own date: a 2023 decision the old ones, a 2026 decision the new ones.

Dates are inclusive on both ends: `in_force_from` is the first day a basis applies and
`in_force_until` the LAST day it applies (not the day it is replaced): "Nghị định 98/2023 … đến
30/06/2025" beside "Nghị định 152/2025 … từ 01/07/2025". Either may be missing: no start, in
force since always; no end, still in force.

Stored (Organization.legal_bases) as a JSON list of {"text", "in_force_from", "in_force_until"}
with ISO dates or null; a plain string (the form before dates) reads as an undated basis.
Edited as one line per basis: "text | từ dd/mm/yyyy | đến dd/mm/yyyy", both suffixes optional.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .text import clean


@dataclass(frozen=True)
class LegalBasis:
    text: str                          # "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 …;"
    in_force_from: date | None = None  # first day it applies; None: since always
    in_force_until: date | None = None # last day it applies (inclusive); None: still in force

    def in_force_on(self, day: date) -> bool:
        return ((self.in_force_from is None or self.in_force_from <= day)
                and (self.in_force_until is None or day <= self.in_force_until))


class LegalBasisError(ValueError):
    """A line of the settings that cannot be read; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def in_force(bases, day: date) -> tuple[str, ...]:
    """The texts of `bases` (LegalBasis or plain strings, always in force) in force on `day`,
    in their order; empty texts dropped."""
    out = []
    for basis in bases:
        if isinstance(basis, LegalBasis):
            if basis.text.strip() and basis.in_force_on(day):
                out.append(basis.text)
        elif isinstance(basis, str) and basis.strip():
            out.append(basis)
    return tuple(out)


# --- stored form ------------------------------------------------------------------------------

def _iso(value) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def from_stored(value) -> LegalBasis:
    """One entry of Organization.legal_bases: a dict, or a string from before dates. Anything
    unreadable gives an empty or undated basis rather than breaking the body's documents."""
    if isinstance(value, LegalBasis):
        return value
    if isinstance(value, str):
        return LegalBasis(value)
    if isinstance(value, dict):
        text = value.get("text")
        return LegalBasis(text if isinstance(text, str) else "", _iso(value.get("in_force_from")),
                          _iso(value.get("in_force_until")))
    return LegalBasis("")


def to_stored(basis: LegalBasis) -> dict:
    return {"text": basis.text,
            "in_force_from": basis.in_force_from.isoformat() if basis.in_force_from else None,
            "in_force_until": basis.in_force_until.isoformat() if basis.in_force_until else None}


# --- one line of the settings form --------------------------------------------------------------

FROM_WORD, UNTIL_WORD = "từ", "đến"
_PART = re.compile(r"^(từ|đến)(?:\s+ngày)?(?:\s+|$)(.*)$", re.IGNORECASE)
_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def short(day: date) -> str:
    """01/07/2025: the form's way of writing a day (always two-digit day and month)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _day(raw: str) -> date:
    match = _DAY.match(raw)
    if not match:
        raise LegalBasisError(f"Ngày “{raw}” không đúng dạng ngày/tháng/năm, ví dụ 01/07/2025.")
    d, m, y = (int(g) for g in match.groups())
    try:
        return date(y, m, d)
    except ValueError:
        raise LegalBasisError(f"Ngày “{raw}” không có trên lịch.") from None


def parse_line(line: str) -> LegalBasis:
    """"Căn cứ …; | từ 01/07/2025 | đến 30/06/2030" -> LegalBasis; raises LegalBasisError.

    "từ"/"đến" may come in either order, in any case, with or without "ngày"; a day may be
    written 1/7/2025 or 01/07/2025."""
    text, *parts = clean(line).split("|")
    text = clean(text)
    if not text:
        raise LegalBasisError("Thiếu nội dung căn cứ trước dấu “|”.")
    found: dict[str, date] = {}
    for part in parts:
        match = _PART.match(clean(part))
        if not match:
            raise LegalBasisError("Sau dấu “|” chỉ ghi “từ ngày/tháng/năm” hoặc “đến ngày/tháng/năm”, "
                                  "ví dụ: | từ 01/07/2025.")
        word = match.group(1).lower()
        if word in found:
            raise LegalBasisError(f"Chỉ ghi “{word}” một lần.")
        found[word] = _day(clean(match.group(2)))
    start, end = found.get(FROM_WORD), found.get(UNTIL_WORD)
    if start and end and end < start:
        raise LegalBasisError(f"Ngày hết hiệu lực ({short(end)}) trước ngày có hiệu lực ({short(start)}).")
    return LegalBasis(text, start, end)


def format_line(basis: LegalBasis) -> str:
    """The line parse_line reads back to the same basis."""
    parts = [basis.text]
    if basis.in_force_from:
        parts.append(f"{FROM_WORD} {short(basis.in_force_from)}")
    if basis.in_force_until:
        parts.append(f"{UNTIL_WORD} {short(basis.in_force_until)}")
    return " | ".join(parts)
