"""Server time of the Thống kê khen thưởng page, its .xlsx and the API at 100k nominees (issue 15, point 8).

    python bench/bench_statistics.py [--nominees 100000] [--runs 10] [--database-url URL]

The demo's bodies plus 100k nominees in 2,000 issued decisions of the commune (50 each, 2023-2025,
mixed awards, kinds and genders, one in ten rejected) and as many documents of other kinds and
states. In-process (Flask test client, one request at a time); a fresh temporary SQLite file
unless --database-url names an empty database, or --postgresql for a fresh one on the tests' server.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from bench_pages import PASSWORD, signed_in_client  # noqa: E402
from bench_workflow import bulk_documents  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import Document, Nominee, User  # noqa: E402
from workflow_app.services import bulk_load, seed  # noqa: E402

PER_DECISION = 50
AWARDS = ("giay_khen", "giay_khen", "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien")


def bulk_decisions(nominees: int) -> int:
    """Issued decisions of the commune citing the demo plan, PER_DECISION nominees each."""
    users = {u.username: u for u in db.session.scalars(select(User))}
    commune_drafter, district = users["drafter.antruong"], users["drafter"].organization
    plan_id = db.session.scalar(select(Document.id).where(Document.kind == "plan").order_by(Document.id))
    rng = random.Random(15)
    count = nominees // PER_DECISION
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    conn = db.session.connection()
    with bulk_load.counts_rebuilt_after(conn):
        first = (db.session.scalar(select(db.func.max(Document.id))) or 0) + 1
        rows = []
        for i in range(count):
            at = start + timedelta(hours=13 * i)
            rows.append({
                "id": first + i, "kind": "commendation", "state": "issued", "version": 1,
                "organization_id": district.id, "owner_organization_id": commune_drafter.organization_id,
                "unit_id": commune_drafter.unit_id, "created_by_id": commune_drafter.id,
                "title": f"Đề nghị khen thưởng {i}", "search_text": f"de nghi {i}",
                "body": {"plan_id": plan_id if i % 2 else None}, "ever_submitted": True,
                "issued_on": date(2023 + i * 3 // count, 1 + i % 12, 1), "created_at": at, "updated_at": at})
        conn.execute(insert(Document.__table__), rows)
        batch = []
        for i in range(count * PER_DECISION):
            kind = rng.choices(("individual", "collective", "household"), (8, 1.5, 0.5))[0]
            batch.append({"document_id": first + i // PER_DECISION, "order": i % PER_DECISION, "kind": kind,
                          "full_name": f"Người {i}", "name_key": f"nguoi {i}", "position": "", "organization": "xã",
                          "gender": rng.choice(("male", "female", "")) if kind == "individual" else "",
                          "award": rng.choice(AWARDS), "achievement": "",
                          "review_status": "rejected" if rng.random() < 0.1 else "accepted",
                          "review_note": "", "gold_book_number": ""})
            if len(batch) == 10_000:
                conn.execute(insert(Nominee.__table__), batch)
                batch.clear()
        if batch:
            conn.execute(insert(Nominee.__table__), batch)
    db.session.commit()
    return count


PAGES = {"page, every year": "/statistics/?year=all", "page, 2024": "/statistics/?year=2024",
         "page, plan": "/statistics/?year=all&plan_id=1", ".xlsx, every year": "/statistics/statistics.xlsx?year=all",
         "API, every year": "/api/v1/statistics"}


def run(url: str, nominees: int, runs: int) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        seed.seed_demo(PASSWORD)
        bulk_documents(nominees // 2)   # other documents: plans and proposals in every state
        decisions = bulk_decisions(nominees)
    print(f"{decisions} issued decisions, {nominees} nominees; median server time of {runs} requests (ms)")
    for username in ("drafter.antruong", "reviewer"):
        client = signed_in_client(app, username)
        for label, path in PAGES.items():
            samples = []
            for _ in range(runs):
                with app.app_context():
                    t0 = time.perf_counter()
                    response = client.get(path)
                    samples.append(time.perf_counter() - t0)
                assert response.status_code == 200, (path, response.status_code)
            print(f"  {username:<17} {label:<20} {statistics.median(samples) * 1000:8.1f}")
    with app.app_context():
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nominees", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database-url")
    parser.add_argument("--postgresql", action="store_true", help="a fresh database on TEST_POSTGRES_URL's server")
    args = parser.parse_args()
    if args.database_url:
        run(args.database_url, args.nominees, args.runs)
        return
    if args.postgresql:
        from tests.conftest import fresh_postgres_database
        with fresh_postgres_database("wf_bench_statistics") as url:
            run(url, args.nominees, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'statistics.sqlite3'}", args.nominees, args.runs)


if __name__ == "__main__":
    main()
