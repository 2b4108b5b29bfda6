"""Allocates official numbers from the outgoing register, inside the caller's transaction.

The register row is locked (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite holds the
database write lock already) until the transaction ends, so concurrent issues wait
for each other and numbers come out consecutive, without gap or duplicate. If the
transaction rolls back, so does the number.
"""
from __future__ import annotations

from sqlalchemy import select

from ..domain.numbering import RegisterKey
from ..extensions import db
from ..models import NumberRegister


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
