"""Bulk loads on PostgreSQL with the document-count triggers: why they slowed, and the fix.

    python bench/bench_bulk_load.py [--documents 10000 30000 100000] [--database-url URL]

For each size, in one transaction each (rolled back): the documents inserted with the count
triggers firing per row; inserted in services.bulk_load.counts_rebuilt_after() (triggers
off, counts rebuilt once at the end), as a restore does; and the plain insert with no counts
at all. Target (issue #12, point 11): the restore's way at most twice the plain insert.
Needs PostgreSQL: a fresh database is made on TEST_POSTGRES_URL's server unless
--database-url names an empty one.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select, text  # noqa: E402

from bench_workflow import STATE_WEIGHTS  # noqa: E402
from tests.conftest import fresh_postgres_database  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import Document, User  # noqa: E402
from workflow_app.services import bulk_load, seed  # noqa: E402


def document_rows(count: int) -> list[dict]:
    users = {u.username: u for u in db.session.scalars(select(User))}
    states = list(STATE_WEIGHTS)
    rows = []
    for i in range(count):
        owner = users["drafter"] if i % 2 else users["drafter.antruong"]
        rows.append({"kind": "plan" if i % 2 else "commendation", "state": states[i % len(states)],
                     "version": 1, "organization_id": users["drafter"].organization_id,
                     "owner_organization_id": owner.organization_id, "unit_id": owner.unit_id,
                     "created_by_id": owner.id, "title": f"Văn bản {i}", "search_text": f"van ban {i}",
                     "body": {}, "ever_submitted": False})
    return rows


def timed_insert(rows: list[dict], how: str) -> float:
    with db.engine.connect() as conn:
        transaction = conn.begin()
        start = time.perf_counter()
        if how == "triggers":
            _insert(conn, rows)
        elif how == "rebuilt":
            with bulk_load.counts_rebuilt_after(conn):
                _insert(conn, rows)
        else:   # plain: no counts kept at all
            conn.execute(text("ALTER TABLE documents DISABLE TRIGGER USER"))
            _insert(conn, rows)
        seconds = time.perf_counter() - start
        transaction.rollback()
    return seconds


def _insert(conn, rows: list[dict]) -> None:
    for i in range(0, len(rows), 5000):
        conn.execute(insert(Document), rows[i:i + 5000])


def run(url: str, sizes: list[int]) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        seed.seed_demo(password="bench-password")
        print(f"{'documents':>10} {'per-row triggers':>17} {'rebuilt after':>14} {'plain insert':>13} {'ratio':>6}")
        for size in sizes:
            rows = document_rows(size)
            figures = {how: timed_insert(rows, how) for how in ("plain", "rebuilt", "triggers")}
            print(f"{size:>10} {figures['triggers']:>16.2f}s {figures['rebuilt']:>13.2f}s "
                  f"{figures['plain']:>12.2f}s {figures['rebuilt'] / figures['plain']:>6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.database_url:
        run(args.database_url, args.documents)
    else:
        import pytest
        try:
            with fresh_postgres_database("wf_bench_bulk") as url:
                run(url, args.documents)
        except pytest.skip.Exception as reason:
            sys.exit(f"PostgreSQL is needed: {reason}")


if __name__ == "__main__":
    main()
