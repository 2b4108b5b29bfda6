"""Foundation figures: a transition without document generation, and the worklist with 100k documents.

    python bench/bench_workflow.py [--documents 100000] [--database-url URL]

Targets (issue #2): transition <= 5 ms median in-process on SQLite; worklist query <= 20 ms
with 100k documents. Uses a fresh temporary SQLite file unless --database-url is given
(then the database must be empty: the script migrates it and adds its data).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from workflow_app import create_app  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import Document, User  # noqa: E402
from workflow_app.services import documents, seed  # noqa: E402
from workflow_app.services.demo_data import PLAN_BODY, PLAN_TITLE  # noqa: E402
from workflow_app.services.transitions import apply_transition  # noqa: E402

# A realistic register: most documents of past years are issued; a few are in flight.
STATE_WEIGHTS = {"draft": 2, "submitted": 1, "reviewed": 1, "approved": 1, "issued": 95}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bulk_documents(count: int) -> None:
    """`count` documents spread over both bodies, kinds, states and five years, in batches."""
    users = {u.username: u for u in db.session.scalars(select(User))}
    district, commune = users["drafter"].organization, users["drafter.antruong"].organization
    rng = random.Random(42)
    start = datetime(2021, 1, 1, tzinfo=timezone.utc)
    batch = []
    for i in range(count):
        kind = "plan" if rng.random() < 0.5 else "commendation"
        owner = users["drafter"] if kind == "plan" else users["drafter.antruong"]
        at = start + timedelta(minutes=i)
        batch.append({
            "kind": kind, "state": rng.choices(list(STATE_WEIGHTS), list(STATE_WEIGHTS.values()))[0], "version": 1,
            "organization_id": district.id,
            "owner_organization_id": owner.organization_id, "unit_id": owner.unit_id,
            "created_by_id": owner.id, "title": f"{PLAN_TITLE} ({i})", "search_text": f"ke hoach {i}",
            "body": {}, "ever_submitted": False, "created_at": at, "updated_at": at})
        if len(batch) == 5000:
            db.session.execute(insert(Document.__table__), batch)   # Core: column names
            batch.clear()
    if batch:
        db.session.execute(insert(Document.__table__), batch)   # Core: column names
    db.session.commit()
    del commune


def bench_transitions(runs: int) -> list[float]:
    """The service call alone, on a document and user loaded fresh, as a request has them."""
    drafter = db.session.scalar(select(User).where(User.username == "drafter"))
    head = db.session.scalar(select(User).where(User.username == "reviewer"))   # heads NV: signs the Tờ trình
    ids = [documents.create(drafter, {"kind": "plan", "title": PLAN_TITLE, "body": PLAN_BODY}).id
           for _ in range(runs)]
    samples = []
    for document_id in ids:
        db.session.expire_all()
        plan = db.session.get(Document, document_id)
        actor = db.session.get(User, head.id)
        actor.roles, plan.body  # noqa: B018  (loaded, as the request handler would have them)
        t0 = time.perf_counter()
        apply_transition(plan, "submit", actor, generate=False)
        samples.append(time.perf_counter() - t0)
    return samples


def bench_worklist(runs: int) -> dict[str, float]:
    figures = {}
    for username in ("drafter", "reviewer", "approver", "archivist", "drafter.antruong", "approver.antruong"):
        user = db.session.scalar(select(User).where(User.username == username))
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            page = documents.search(user, actionable=True, per_page=50)
            samples.append(time.perf_counter() - t0)
        figures[f"{username} ({page.total} waiting)"] = median_ms(samples)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()   # the schema exactly as production gets it
        seed.seed_demo("bench-password")
        print(f"database: {db.engine.dialect.name}")
        transition = median_ms(bench_transitions(args.runs))
        print(f"transition (submit, no documents), median of {args.runs}: {transition:6.2f} ms   target <= 5 ms")
        t0 = time.perf_counter()
        bulk_documents(args.documents)
        print(f"created {args.documents:,} documents in {time.perf_counter() - t0:.1f} s")
        for who, ms in bench_worklist(args.runs).items():
            print(f"worklist query, {who:<34} median: {ms:6.2f} ms   target <= 20 ms")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
