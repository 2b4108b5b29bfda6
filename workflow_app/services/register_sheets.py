"""The outgoing register of a user's body, ready to print (domain/register_export.py)."""
from __future__ import annotations

from ..domain.register_export import RegisterRow, RegisterSheet
from ..models import RegisterEntry
from . import registers


def _archive_copy(entry: RegisterEntry) -> str:
    """`VT, NV`: the văn thư keeps the original, the drafting unit a copy (as `Lưu: VT, NV.`)."""
    unit = entry.document.unit if entry.purpose == "issued" else None
    return "VT, " + unit.abbreviation if unit else "VT"


def sheet_for(user, year: int, series: str | None = None) -> RegisterSheet:
    rows = tuple(
        RegisterRow(number=e.number, issued_on=e.issued_on, type_abbr=e.type_abbr, title=e.title,
                    signer=e.signer, recipients=tuple(e.recipients or ()), archive_copy=_archive_copy(e))
        for e in registers.entries(user, year, series))
    org = user.organization
    return RegisterSheet(organization_lines=tuple(org.name_lines or (org.name,)), year=year,
                         series=series or "", rows=rows)


def series_of(user, year: int) -> list[str]:
    """The series that have rows this year (for the filter)."""
    return sorted({e.series for e in registers.entries(user, year)})
