"""Bulk loads (a restore, a benchmark's data) without the per-row work of the count triggers.

On PostgreSQL each inserted document's trigger updates one of a few document_counts rows.
Inside one transaction every such update leaves a row version that cannot be pruned before
the commit, so each next update of the same row walks a longer chain: 30k documents took
5.6 s instead of 1.3 s, 100k about 56 s. A bulk load switches the triggers off for its own
transaction and counts once at the end, in one GROUP BY.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

_TRIGGERS = ("document_counts_insert_delete", "document_counts_update")   # migration b5d2e8c41f07
_KEY = "kind, state, organization_id, owner_organization_id, unit_id, created_by_id"
_RECOUNT = (f"INSERT INTO document_counts ({_KEY}, n) "
            f"SELECT {_KEY}, count(*) FROM documents GROUP BY {_KEY}")


@contextmanager
def counts_rebuilt_after(conn: Connection) -> Iterator[None]:
    """Inside the caller's transaction on `conn`: the documents written in the block are
    counted once when it ends. ALTER TABLE … DISABLE TRIGGER is transactional and locks the
    documents table until the commit, so no other writer sees the triggers off. SQLite's
    triggers do not slow down like this; there the block runs as it is."""
    if conn.dialect.name != "postgresql":
        yield
        return
    for trigger in _TRIGGERS:
        conn.execute(text(f"ALTER TABLE documents DISABLE TRIGGER {trigger}"))
    yield
    conn.execute(text("DELETE FROM document_counts"))
    conn.execute(text(_RECOUNT))
    for trigger in _TRIGGERS:
        conn.execute(text(f"ALTER TABLE documents ENABLE TRIGGER {trigger}"))
