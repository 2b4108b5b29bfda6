"""Which register a number comes from (Decree 30, Art. 15-16).

Numbers run from 01 on 1 January, one register per (body, year, series). The head
of the body chooses one series per document type (the default) or one shared series.
"""
from __future__ import annotations

from dataclasses import dataclass

from .vnformat import document_number, document_symbol

PER_TYPE = "per_type"
SHARED = "shared"
SCHEMES = (PER_TYPE, SHARED)
SHARED_SERIES = "*"


def series_for(scheme: str, type_abbr: str) -> str:
    if scheme == PER_TYPE:
        return type_abbr
    if scheme == SHARED:
        return SHARED_SERIES
    raise ValueError(f"unknown numbering scheme {scheme!r}")


@dataclass(frozen=True)
class RegisterKey:
    organization_id: int
    year: int
    series: str


def formatted_number(seq: int, type_abbr: str, body_abbr: str) -> str:
    """`67/KH-UBND`."""
    return document_number(seq, document_symbol(type_abbr, body_abbr))
