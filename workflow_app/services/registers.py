"""The outgoing register (sổ đăng ký văn bản đi) of a body, as people may read it."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.errors import ValidationFailed
from ..domain.text import clean
from ..extensions import db
from ..models import Document, RegisterEntry
from .scope import visible_clause

REGISTER_KEEPERS = {"archivist", "admin"}


def entries(user, year: int, series: str | None = None) -> list[RegisterEntry]:
    """The register rows of the user's own body for `year` (one series or all), in number order.

    The register is the văn thư's: a body's archivists and admins read every row. Anyone else
    reads the rows of the documents they may open (a proposal's Tờ trình is numbered when it
    is submitted, before the whole body may see the proposal).
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
        raise ValidationFailed("Năm không hợp lệ.", {"year": "Một năm, ví dụ 2023."})
    query = (select(RegisterEntry)
             .where(RegisterEntry.organization_id == user.organization_id, RegisterEntry.year == year)
             .options(selectinload(RegisterEntry.document).selectinload(Document.files))
             .order_by(RegisterEntry.series, RegisterEntry.seq))
    series = clean(series) if isinstance(series, str) else None   # PostgreSQL refuses NUL in text
    if series:
        query = query.where(RegisterEntry.series == series)
    if not REGISTER_KEEPERS & set(user.roles):
        query = query.join(Document, RegisterEntry.document_id == Document.id).where(visible_clause(user))
    return list(db.session.scalars(query))


def issued_file(entry: RegisterEntry):
    """The main file of a register row: the issued plan or decision (not the certificates),
    or for a proposal its latest Tờ trình."""
    if entry.purpose == "issued":
        return next((f for f in entry.document.files if f.step == "issued"), None)
    submitted = [f for f in entry.document.files if f.step == "submitted"]
    return submitted[-1] if submitted else None
