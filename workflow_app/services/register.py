"""The outgoing register (sổ đăng ký văn bản đi) in the database: numbers, rows, reading and printing.

Numbers are allocated inside the caller's transaction. The register row is locked (`SELECT ...
FOR UPDATE` on PostgreSQL; SQLite holds the database write lock already) until the transaction
ends, so concurrent issues wait for each other and numbers come out consecutive, without gap or
duplicate. If the transaction rolls back, so does the number. The pure parts (series, number
text, the printed sheet) are in domain/register.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..domain.clock import local_date
from ..domain.errors import ValidationFailed
from ..domain.kinds import KINDS, all_masters
from ..domain.register import (
    SHARED,
    SHARED_SERIES,
    VOIDED_NOTE,
    RegisterKey,
    RegisterRow,
    RegisterSheet,
    formatted_number,
    series_for,
)
from ..domain.text import clean
from ..domain.workflows import DEFINITIONS
from ..domain.workflows.definitions import PROPOSAL_TYPE_ABBR
from ..extensions import db
from ..models import Document, NumberRegister, RegisterEntry
from .document_data import content_of
from .scope import visible_clause

REGISTER_KEEPERS = {"archivist", "admin"}
# RegisterEntry.purpose of a paper numbered on its own at the document's issue (enter_own)
OWN = "own"


# Numbers

def _insert_ignore(key: RegisterKey):
    values = {"organization_id": key.organization_id, "year": key.year, "series": key.series,
              "last_number": 0}
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(NumberRegister).values(**values).on_conflict_do_nothing()


def allocate(key: RegisterKey) -> int:
    """The next number of `key`'s register; a year's first number is 1 (unless the body set a start).

    A second number of one register in one step (an issue's Thông báo after its decision, in a
    shared series) continues from the first: that register is locked already, and its count not
    yet written (the step writes in one flush), so it is not read again over the count.
    """
    session = db.session
    for held in session.dirty:
        if isinstance(held, NumberRegister) and (held.organization_id, held.year, held.series) == (
                key.organization_id, key.year, key.series):
            held.last_number += 1
            return held.last_number
    session.execute(_insert_ignore(key))
    register = session.execute(
        select(NumberRegister)
        .where(NumberRegister.organization_id == key.organization_id,
               NumberRegister.year == key.year, NumberRegister.series == key.series)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    register.last_number += 1   # written by the caller's flush, under the lock taken above
    return register.last_number


def set_start(key: RegisterKey, last_number: int) -> None:
    """A body that starts mid-year continues its paper register: the next number is last_number + 1."""
    session = db.session
    session.execute(_insert_ignore(key))
    register = session.execute(
        select(NumberRegister).where(NumberRegister.organization_id == key.organization_id,
                                     NumberRegister.year == key.year,
                                     NumberRegister.series == key.series).with_for_update()
    ).scalar_one()
    register.last_number = max(register.last_number, last_number)


def continue_after_given(organization_id: int, scheme: str) -> None:
    """Make every series `scheme` numbers from start after the numbers already given, in every
    year the body has numbers: switching schemes mid-year never gives a number twice.

    A shared series continues after the highest number of the year in any series (numbers
    taken on paper included: a register's last_number); a per-type series after the highest
    number its type got, in whatever series. The body's registers are locked first, so an
    issue under way finishes before the highest numbers are read; the unique constraint on
    (organization, year, number) stops whatever could still slip through.
    """
    session = db.session
    registers = session.scalars(select(NumberRegister).where(NumberRegister.organization_id == organization_id)
                                .order_by(NumberRegister.id).with_for_update()).all()
    given = session.execute(
        select(RegisterEntry.year, RegisterEntry.type_abbr, func.max(RegisterEntry.seq))
        .where(RegisterEntry.organization_id == organization_id)
        .group_by(RegisterEntry.year, RegisterEntry.type_abbr)).all()
    if scheme == SHARED:
        highest: dict[int, int] = {}
        for year, _, seq in given:
            highest[year] = max(highest.get(year, 0), seq)
        for register in registers:
            highest[register.year] = max(highest.get(register.year, 0), register.last_number)
        for year, seq in highest.items():
            set_start(RegisterKey(organization_id, year, SHARED_SERIES), seq)
    else:
        for year, type_abbr, seq in given:
            set_start(RegisterKey(organization_id, year, type_abbr), seq)


# Rows

def enter(document: Document, purpose: str, at: datetime) -> RegisterEntry:
    """Give `document` its official number and write its row in the register.

    purpose "issued": the issuer's number at issue; "proposal": the proposer's Tờ trình at submit.
    """
    if purpose == "issued":
        body, type_abbr, day = document.issuer, DEFINITIONS[document.kind].type_abbr, document.issued_on
        signer = _signed(document.signer_name, document.signer_position)
        title = issued_title(document)
    elif purpose == "proposal":
        existing = document.proposal_entry
        if existing is not None:  # a resubmitted proposal keeps its Tờ trình number
            return existing
        body, type_abbr, day = document.proposer, PROPOSAL_TYPE_ABBR, local_date(at)
        signer = _signed(document.proposal_signer_name, document.proposal_signer_position)
        title = document.title
    else:
        raise ValueError(f"unknown numbering purpose {purpose!r}")
    return _write(document, purpose, body, type_abbr, day, title, signer,
                  list((document.body or {}).get("recipients") or []), at)


def enter_own(document: Document, type_abbr: str, title: str, recipients, at: datetime) -> RegisterEntry:
    """Number a paper issued with `document` under a number of its own (MasterSpec.own_number: a
    round decision's Thông báo to one body, "05/TB-UBND") and write its row: the issuer's register,
    `type_abbr`'s series, the issue's day and signer. Called in the issue's transaction, after the
    document's own number (registers are always locked in that order: no deadlock)."""
    return _write(document, OWN, document.issuer, type_abbr, document.issued_on, title,
                  _signed(document.signer_name, document.signer_position), list(recipients), at)


def own_numbered(template_name: str) -> bool:
    """Whether the files of master `template_name` take numbers of their own (MasterSpec.own_number)."""
    spec = all_masters().get(template_name)
    return spec is not None and spec.own_number is not None


def _write(document: Document, purpose: str, body, type_abbr: str, day, title: str, signer: str,
           recipients: list, at: datetime) -> RegisterEntry:
    key = RegisterKey(body.id, day.year, series_for(body.numbering_scheme, type_abbr))
    seq = allocate(key)
    entry = RegisterEntry(
        organization_id=body.id, year=key.year, series=key.series, seq=seq,
        number=formatted_number(seq, type_abbr, body.abbreviation), type_abbr=type_abbr,
        document=document, purpose=purpose, issued_on=day, title=title, signer=signer,
        recipients=recipients, created_at=at)
    db.session.add(entry)
    return entry


def _signed(name: str | None, position: str | None) -> str:
    """The register's "Người ký": `Phạm Minh Tuấn (Phó Chủ tịch)`."""
    if not name:
        return ""
    return f"{name} ({position})" if position else name


def issued_title(document: Document) -> str:
    """The trích yếu of what is issued: the draft's title, or what its kind issues it as (a
    proposal's decision: "Về việc tặng Giấy khen …", DocumentKind.issued_title)."""
    spec = KINDS.get(document.kind)
    if spec is None or spec.issued_title is None:
        return document.title
    return clean(spec.issued_title(content_of(document))) or document.title


# Reading, as people may read it

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
    for a paper numbered on its own its file (a Thông báo), or for a proposal its latest Tờ trình."""
    if entry.purpose == "issued":
        return next((f for f in entry.document.files if f.step == "issued"), None)
    if entry.purpose == OWN:   # numbered in the order the step rendered them (generation.render_and_number)
        own = [e for e in entry.document.register_entries if e.purpose == OWN]
        files = [f for f in entry.document.files if f.step == "issued" and own_numbered(f.template_name)]
        index = own.index(entry)
        return files[index] if index < len(files) else None
    submitted = [f for f in entry.document.files if f.step == "submitted"]
    return submitted[-1] if submitted else None


def series_of(user, year: int) -> list[str]:
    """The series that have rows this year (for the filter)."""
    return sorted({e.series for e in entries(user, year)})


# Printing (domain/register.py builds the .docx and .xlsx)

def _archive_copy(entry: RegisterEntry) -> str:
    """`VT, NV`: the văn thư keeps the original, the drafting unit a copy (as `Lưu: VT, NV.`)."""
    unit = entry.document.unit if entry.purpose == "issued" else None
    return "VT, " + unit.abbreviation if unit else "VT"


def sheet_for(user, year: int, series: str | None = None) -> RegisterSheet:
    """The register of the user's body, ready to print."""
    rows = tuple(
        RegisterRow(number=e.number, issued_on=e.issued_on, type_abbr=e.type_abbr, title=e.title,
                    signer=e.signer, recipients=tuple(e.recipients or ()), archive_copy=_archive_copy(e),
                    note=VOIDED_NOTE if e.voided_at else "")
        for e in entries(user, year, series))
    org = user.organization
    return RegisterSheet(organization_lines=tuple(org.name_lines or (org.name,)), year=year,
                         series=series or "", rows=rows)
