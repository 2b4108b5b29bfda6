"""What several kinds read from a document the same way."""
from __future__ import annotations


def drafting_unit_abbr(document) -> str:
    """The abbreviation of the unit that drafted it ("NV"), for "Lưu: VT, NV."."""
    return document.unit.abbreviation if document.unit else ""
