"""Server time of the worklist and list pages with 1k and 100k documents (issue #4).

    python bench/bench_pages.py [--runs 30] [--plan-text]

--plan-text gives every document the words of the demo plan (3.4k characters, as a real plan
has) instead of a title alone: the full-text index is then a real one, and every search
below but the number's matches every document.

Target: <= 50 ms median server time with 100k documents; t(100k)/t(1k) shows the growth.
In-process (Flask test client, one request at a time) on a fresh temporary SQLite file.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flask_migrate import upgrade  # noqa: E402

from bench_workflow import bulk_documents  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.domain.text import search_text  # noqa: E402
from workflow_app.services import seed  # noqa: E402

# Searches: a phrase none of the bulk documents holds (only the demo's), a phrase every one
# holds (the page is the newest 20 of 100k matches; the total counts up to 1000), and one that
# only a single document holds. With --plan-text every document holds all but the number, and
# the last word `ho` is the prefix of many words (ho, hoa, hoach, hoc, hoi, ...).
PAGES = {"worklist /": "/", "list /documents": "/documents", "search q=hoc tap": "/documents?q=hoc+tap",
         "search q=ke hoach (all)": "/documents?q=ke+hoach", "search q=12345 (one)": "/documents?q=12345",
         "search q=gia dinh dong ho": "/documents?q=gia+dinh+dong+ho"}
PASSWORD = "bench-password"


def signed_in_client(app, username: str):
    client = app.test_client()
    with app.app_context():
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        response = client.post("/login", data={"username": username, "password": PASSWORD,
                                                "csrf_token": token})
    assert response.status_code == 302, "sign-in failed"
    return client


def page_medians(app, runs: int) -> dict[str, float]:
    figures = {}
    for username in ("drafter", "reviewer", "approver"):
        client = signed_in_client(app, username)
        for label, url in PAGES.items():
            samples = []
            for _ in range(runs):
                with app.app_context():
                    t0 = time.perf_counter()
                    response = client.get(url)
                    samples.append(time.perf_counter() - t0)
                assert response.status_code == 200, (url, response.status_code)
            figures[f"{username:<9} {label}"] = statistics.median(samples) * 1000
    return figures


def give_plan_text() -> None:
    """Every bulk document gets the demo plan's search text and its own number (see --plan-text)."""
    from sqlalchemy import String, cast, literal, update

    from workflow_app.extensions import db
    from workflow_app.kinds.plan.body import search_text as plan_body_text
    from workflow_app.models import Document
    from workflow_app.services.demo_data import PLAN_BODY, PLAN_TITLE

    class Plan:
        body = PLAN_BODY
    words = search_text(PLAN_TITLE, plan_body_text(Plan))
    db.session.execute(update(Document).where(Document.search_text.like("ke hoach %"))
                       .values(search_text=literal(words + " ") + cast(Document.id, String)))
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--plan-text", action="store_true", help="documents of a real plan's length")
    args = parser.parse_args()
    results = {}
    for count in (1_000, 100_000):
        with tempfile.TemporaryDirectory() as tmp:
            app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'pages.sqlite3'}",
                              "SECRET_KEY": "bench"})
            with app.app_context():
                upgrade()
                seed.seed_demo(PASSWORD)
                bulk_documents(count)
                if args.plan_text:
                    give_plan_text()
            results[count] = page_medians(app, args.runs)
            with app.app_context():
                from workflow_app.extensions import db
                db.engine.dispose()
    print(f"{'page (median server time, ms)':<40} {'1k':>8} {'100k':>8} {'ratio':>6}  target <= 50 ms at 100k")
    for key in results[1_000]:
        small, large = results[1_000][key], results[100_000][key]
        print(f"{key:<40} {small:8.1f} {large:8.1f} {large / small:6.2f}")


if __name__ == "__main__":
    main()
