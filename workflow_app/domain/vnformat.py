"""Vietnamese official number and date formats (Decree 30/2020, Appendix I).

Days below 10 and months 1-2 take a leading zero; months 3-12 never do.
Numbers below 10 take a leading zero (`05/KH-UBND`).
"""
from __future__ import annotations

import unicodedata
from datetime import date

# What a draft shows in place of the number and the day: the văn thư fills
# them in by hand on paper, so leave room for a handwritten value.
BLANK_NUMBER = "     "
BLANK_DAY = "    "
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_seq(seq: int) -> str:
    if seq < 1:
        raise ValueError("a register number starts at 1")
    return f"{seq:02d}"


def format_day(day: int) -> str:
    if not 1 <= day <= 31:
        raise ValueError(f"no such day: {day}")
    return f"{day:02d}"


def format_month(month: int) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"no such month: {month}")
    return f"{month:02d}" if month <= 2 else str(month)


def document_symbol(type_abbr: str, body_abbr: str) -> str:
    """`KH-UBND`: the part after the slash."""
    return f"{type_abbr}-{body_abbr}"


def document_number(seq: int | None, symbol: str) -> str:
    """`67/KH-UBND`, or `     /KH-UBND` while the number is not given yet."""
    return f"{BLANK_NUMBER if seq is None else format_seq(seq)}/{symbol}"


def number_line(seq: int | None, symbol: str) -> str:
    """`Số: 67/KH-UBND` / `Số:      /KH-UBND`."""
    return f"Số: {document_number(seq, symbol)}"


def date_phrase(day: date) -> str:
    """`ngày 05 tháng 01 năm 2024`."""
    return f"ngày {format_day(day.day)} tháng {format_month(day.month)} năm {day.year}"


def blank_date_phrase(month: int, year: int) -> str:
    """`ngày      tháng 5 năm 2023`: a draft's date, day left for the văn thư."""
    return f"ngày {BLANK_DAY} tháng {format_month(month)} năm {year}"


def place_date_line(place: str, day: date | None, *, draft_month: int | None = None,
                    draft_year: int | None = None) -> str:
    """`Càng Long, ngày 30 tháng 5 năm 2023`, or the draft form with a blank day."""
    if day is not None:
        return f"{place}, {date_phrase(day)}"
    if draft_month is None or draft_year is None:
        raise ValueError("a draft date needs its month and year")
    return f"{place}, {blank_date_phrase(draft_month, draft_year)}"


def short_date(day: date) -> str:
    """`30/5/2023`, as the press and the registers write it."""
    return f"{day.day}/{day.month}/{day.year}"


def two_digit_count(count: int) -> str:
    """Counts in decision sentences: `02 tập thể và 05 cá nhân`."""
    return f"{count:02d}"


def roman(number: int) -> str:
    """Section numbers as documents print them (`I`, `II`, `IV`), in the .docx and on the page."""
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


# Words that, right after a type word, make another word of it ("kế hoạch hóa" is family planning).
_NOT_THE_TYPE_WORD = ("hóa", "hoá")


def without_type_word(title: str, type_word: str) -> str:
    """A title without the document's type word it may start with, for texts that put the type word
    before it: 'Kế hoạch triển khai …' -> 'triển khai …' (the Kế hoạch is already named: 'Kế hoạch
    triển khai …', never 'Kế hoạch kế hoạch …'). Case of the rest kept; 'Kế hoạch hóa …' kept whole."""
    text = " ".join(unicodedata.normalize("NFC", title or "").split())
    word = " ".join(unicodedata.normalize("NFC", type_word or "").split())
    head, rest = text[:len(word)], text[len(word):]
    if not word or head.lower() != word.lower() or (rest and rest[0].isalnum()):
        return text
    rest = rest.lstrip(" :–-,.")
    if not rest or rest.split(" ", 1)[0].lower() in _NOT_THE_TYPE_WORD:
        return text
    return rest
