"""Issue throughput with digital signing on and off (issue 16: "issue transitions/s with signing on at
least half of today's").

    .venv/bin/python bench/bench_issue_signing.py [--plans 30] [--database-url URL]

In-process, one thread, a fresh SQLite file unless --database-url (then an EMPTY database, migrated
here), PDFs off. N plans are approved with the district signing digitally off, N more with it on
(the approver's PKCS#12 and PIN, the body's seal, a demo CA: tests/signing_support.py; approve
makes and certifies the PDF, which needs LibreOffice), then each set is issued, one after the
other, the same way a request does it (document and actor loaded fresh). Issue with signing on
also fills the number and day into the approved PDF and signs the seal over it (pyHanko). Prints
issue transitions/s both ways, the median and p90 of one issue, and the ratio (target >= 0.5).
The signature alone: bench/bench_signing.py.
"""
from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from tests.factories import advance, build_world, new_plan  # noqa: E402
from tests.signing_support import PIN, sign_digitally  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import Document, User  # noqa: E402
from workflow_app.services import pdf_convert  # noqa: E402
from workflow_app.services.signatures import PIN_FIELD  # noqa: E402
from workflow_app.services.transitions import apply_transition  # noqa: E402


def approved_plans(world, count: int, signing: bool) -> tuple[list[int], float]:
    """`count` plans approved (their files generated; signed when `signing`), and seconds per approve."""
    ids, spent = [], 0.0
    for _ in range(count):
        plan = new_plan(world)
        advance(world, plan, "reviewed")
        extra = {PIN_FIELD: PIN} if signing else {}
        t0 = time.perf_counter()
        apply_transition(plan, "approve", world.users["approver"], **extra)
        spent += time.perf_counter() - t0
        ids.append(plan.id)
    return ids, spent / count


CLOCK = time.perf_counter   # --cpu: time.process_time (this process's CPU: steadier on a shared machine)


def issue_all(ids: list[int], archivist_id: int) -> list[float]:
    samples = []
    for document_id in ids:
        db.session.expire_all()
        document = db.session.get(Document, document_id)
        actor = db.session.get(User, archivist_id)
        actor.roles, document.body  # noqa: B018  (loaded, as the request handler would have them)
        t0 = CLOCK()
        apply_transition(document, "issue", actor)
        samples.append(CLOCK() - t0)
    return samples


def report(label: str, samples: list[float]) -> float:
    rate = len(samples) / sum(samples)
    p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
    print(f"  {label:<12} {rate:7.1f} issue transitions/s   median {statistics.median(samples) * 1000:6.1f} ms,"
          f" p90 {p90 * 1000:6.1f} ms")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=30, help="plans issued each way")
    parser.add_argument("--database-url", help="an EMPTY database (migrated here)")
    parser.add_argument("--profile", action="store_true", help="cProfile of the signed issues (top 30, own time)")
    parser.add_argument("--profile-file", help="also save the signed issues' cProfile stats there (pstats)")
    parser.add_argument("--cpu", action="store_true",
                        help="time issues by this process's CPU time, not the wall clock (other load does not count)")
    args = parser.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    if pdf_convert.uno_python() is None:
        print("(no LibreOffice Python with uno: each approve converts with a fresh soffice)")
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "PDF_QUEUE": "off", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        logging.disable(logging.INFO)   # alembic's line per migration
        upgrade()
        logging.disable(logging.NOTSET)
        world = build_world()
        archivist_id = world.users["archivist"].id
        print(f"database: {db.engine.dialect.name}; {args.plans} plans each way\n")
        plain, approve_plain = approved_plans(world, args.plans, signing=False)
        sign_digitally(world)
        signed, approve_signed = approved_plans(world, args.plans, signing=True)
        print(f"approve (set-up, not the figure): {approve_plain * 1000:.0f} ms unsigned, "
              f"{approve_signed * 1000:.0f} ms signed (PDF by the warm LibreOffice + certification)\n")
        issue_all(plain[:1] + signed[:1], archivist_id)   # warm-up: imports, fonts, the seal's key
        print("issue, one after the other:")
        off = report("signing off", issue_all(plain[1:], archivist_id))
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        on = report("signing on", issue_all(signed[1:], archivist_id))
        if profiler:
            profiler.disable()
            if args.profile_file:
                profiler.dump_stats(args.profile_file)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        print(f"\nsigning on / off: {on / off:.2f}   target >= 0.50")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
