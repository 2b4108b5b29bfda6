"""Throughput and latency under concurrent load: gunicorn (4 sync workers) + PostgreSQL on loopback.

    python bench/bench_load.py [--issues 200] [--users 20] [--requests 30] [--documents 1000 [100000]]
                               [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Creates its own PostgreSQL database (dropped at the end), migrates it with `flask db upgrade`,
seeds the test world, bulk-inserts the background documents, then:

* issue: `--issues` approved plans issued concurrently through the JSON API (32 client threads),
  each generating its official document through the real path -> issue transitions per second,
  5xx count, lost or duplicate numbers (target >= 100/s, 0, 0);
* pages: `--users` concurrent signed-in users, each `--requests` GETs alternating the API worklist
  (/api/v1/documents?actionable=1) and the web list (/documents) -> p50/p99 (target p99 <= 200 ms);
* RSS of each worker (VmRSS) after the load.

With several `--documents` sizes the page load is measured at each size (documents added between
runs) and t(largest)/t(smallest) of the median is printed (target <= 1.3).
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench_workflow import bulk_documents  # noqa: E402
from tests.concurrency.live import SECRET_KEY, LiveServer, migrate, rss_kib  # noqa: E402
from tests.concurrency.world import plans_in_state, register_last  # noqa: E402
from tests.factories import PASSWORD, build_world  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import Document, RegisterEntry  # noqa: E402

NUMBER = re.compile(r"^(\d+)/")
WORKLIST_USERS = ("drafter", "reviewer", "approver", "archivist", "drafter.antruong")


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def web_session(port: int, username: str) -> str:
    """Sign in through the web form; return the Cookie header value."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrf_token": token})
    conn.request("POST", "/login", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 302, f"web sign-in of {username} failed: {response.status}"
    return response.getheader("Set-Cookie").split(";", 1)[0]


def get(port: int, path: str, headers: dict) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t0 = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - t0
    conn.close()
    return response.status, elapsed


def bulk_and_analyze(app, count: int) -> None:
    """bench_workflow's bulk insert, then ANALYZE (as autovacuum would within a minute): without
    fresh statistics PostgreSQL sorts the whole visible set instead of walking the
    (updated_at, id) index, and the first minute after a bulk load is not what users see."""
    with app.app_context():
        bulk_documents(count)
        db.session.remove()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))


def bench_issue(server: LiveServer, app, count: int, threads: int) -> dict:
    plans = plans_in_state(app, count, "approved")
    before = register_last(app)

    def issue(plan):
        document_id, version = plan
        try:
            status, body, elapsed = server.call("POST", f"/api/v1/documents/{document_id}/transitions",
                                                "archivist", {"transition": "issue", "version": version})
        except OSError:
            return 599, None, 0.0
        return status, body, elapsed

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(issue, plans))
    wall = time.perf_counter() - t0
    seqs = [int(NUMBER.match(b["number"]).group(1)) for s, b, _ in results if s == 200]
    expected = set(range(before + 1, before + 1 + count))
    with app.app_context():
        in_db = list(db.session.scalars(select(RegisterEntry.seq).where(
            RegisterEntry.document_id.in_([p[0] for p in plans]))))
        db.session.remove()
    return {
        "count": count, "wall": wall, "tps": count / wall,
        "ok": sum(1 for s, _, _ in results if s == 200),
        "5xx": sum(1 for s, _, _ in results if s >= 500),
        "lost": len(expected - set(seqs)) + (register_last(app) - before - count),
        "duplicate": (len(seqs) - len(set(seqs))) + (len(in_db) - len(set(in_db))),
        "p50": pct([e for _, _, e in results], 50), "p99": pct([e for _, _, e in results], 99),
    }


def bench_pages(server: LiveServer, users: int, requests: int) -> dict:
    cookies = {u: web_session(server.port, u) for u in WORKLIST_USERS}

    def user_session(i: int):
        username = WORKLIST_USERS[i % len(WORKLIST_USERS)]
        api_headers = {"Authorization": f"Bearer {server.tokens[username]}"}
        web_headers = {"Cookie": cookies[username]}
        out = {"api": [], "web": [], "5xx": 0, "other": 0}
        for n in range(requests):
            kind, path, headers = (("api", "/api/v1/documents?actionable=1", api_headers) if n % 2 == 0
                                   else ("web", "/documents", web_headers))
            status, elapsed = get(server.port, path, headers)
            out[kind].append(elapsed)
            out["5xx"] += status >= 500
            out["other"] += status != 200 and status < 500
        return out

    with ThreadPoolExecutor(max_workers=users) as pool:
        results = list(pool.map(user_session, range(users)))
    api = [e for r in results for e in r["api"]]
    web = [e for r in results for e in r["web"]]
    return {"api_p50": pct(api, 50), "api_p99": pct(api, 99), "web_p50": pct(web, 50),
            "web_p99": pct(web, 99), "requests": len(api) + len(web),
            "5xx": sum(r["5xx"] for r in results), "non200": sum(r["other"] for r in results)}


def row(name: str, value: str, target: str = "") -> None:
    print(f"| {name:<46} | {value:>14} | {target:<12} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--issue-threads", type=int, default=32)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30, help="GETs per user")
    parser.add_argument("--documents", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--admin-url", default=os.environ.get(
        "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()

    admin = create_engine(args.admin_url, isolation_level="AUTOCOMMIT")
    name = f"wf_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.admin_url).set(database=name).render_as_string(hide_password=False)
    server = None
    try:
        migrate(url)
        app = create_app({"TESTING": True, "SECRET_KEY": SECRET_KEY, "SQLALCHEMY_DATABASE_URI": url})
        sizes = sorted(args.documents)
        with app.app_context():
            build_world()
            db.session.remove()
        bulk_and_analyze(app, sizes[0])
        server = LiveServer(url, workers=args.workers, log_path=Path("/tmp") / f"{name}.gunicorn.log").start()
        for user in WORKLIST_USERS:
            server.token(user, PASSWORD)
        issue = bench_issue(server, app, args.issues, args.issue_threads)
        pages = {}
        have = sizes[0]
        for size in sizes:
            if size > have:
                bulk_and_analyze(app, size - have)
                have = size
            get(server.port, "/healthz", {})
            pages[size] = bench_pages(server, args.users, args.requests)
        workers = server.worker_pids()
        rss = [rss_kib(pid) / 1024 for pid in workers]
        with app.app_context():
            total = db.session.scalar(select(func.count()).select_from(Document))
            db.session.remove()
            db.engine.dispose()

        print(f"\nbench_load: gunicorn -w {args.workers} (sync) + PostgreSQL on loopback, {os.cpu_count()} CPUs,"
              f" {total:,} documents at the end")
        print(f"| {'measure':<46} | {'value':>14} | {'target':<12} |")
        print(f"|{'-' * 48}|{'-' * 16}|{'-' * 14}|")
        row(f"issue with generation, {issue['count']} concurrent ({args.issue_threads} clients)",
            f"{issue['tps']:.1f} /s", ">= 100 /s")
        row("  issue latency p50 / p99", f"{issue['p50']:.0f} / {issue['p99']:.0f} ms")
        row("  issued 200 OK", f"{issue['ok']}/{issue['count']}", "all")
        row("  5xx", str(issue["5xx"]), "0")
        row("  lost / duplicate numbers", f"{issue['lost']} / {issue['duplicate']}", "0 / 0")
        for size, p in pages.items():
            row(f"GET worklist API p50 / p99 ({size:,} bg docs)", f"{p['api_p50']:.1f} / {p['api_p99']:.1f} ms",
                "p99 <= 200")
            row(f"GET web /documents p50 / p99 ({size:,} bg docs)",
                f"{p['web_p50']:.1f} / {p['web_p99']:.1f} ms", "p99 <= 200")
            row(f"  {args.users} users x {args.requests} GETs: 5xx / other non-200",
                f"{p['5xx']} / {p['non200']}", "0 / 0")
        if len(pages) > 1:
            small, large = pages[sizes[0]], pages[sizes[-1]]
            for key, label in (("api_p50", "worklist API"), ("web_p50", "web list")):
                row(f"t({sizes[-1]:,})/t({sizes[0]:,}) {label} (p50)", f"{large[key] / small[key]:.2f}", "<= 1.3")
        row("worker RSS (MiB) " + " ".join(f"{r:.0f}" for r in rss), f"{max(rss):.0f} max")
    finally:
        if server:
            server.stop()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
