"""Allocates official numbers from the outgoing register, inside the caller's transaction.

The register row is locked (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite holds the
database write lock already) until the transaction ends, so concurrent issues wait
for each other and numbers come out consecutive, without gap or duplicate. If the
transaction rolls back, so does the number.
"""
from __future__ import annotations

from sqlalchemy import func, select

from ..domain.numbering import SHARED, SHARED_SERIES, RegisterKey
from ..extensions import db
from ..models import NumberRegister, RegisterEntry


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
    """The next number of `key`'s register; a year's first number is 1 (unless the body set a start)."""
    session = db.session
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
