"""The preview of a long document: from a step's commit to its page images being ready (issue 16:
"preview of a 10-page document ready within 3 s of the step").

    .venv/bin/python bench/bench_preview.py [--repeat 6] [--runs 3]

In-process as `make run` has it: PDF_QUEUE=thread (services/pdf_renditions.ThreadWorker) with its
warm LibreOffice (unoserver), a fresh SQLite file. A plan whose sections are the demo plan's
`--repeat` times over (6: 10 pages) is approved; approve makes the Kế hoạch the approver
signs, whose pages the document page shows. The clock starts just before the step's commit (its
before_commit hook) and stops when the worker has stored the file's PDF, then when it has stored
every page image (services/page_images.py: pdftoppm, 900 and 480 px). The first document, not
counted, starts the worker's LibreOffice.
"""
from __future__ import annotations

import argparse
import copy
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from tests.factories import advance, build_world, new_plan  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import GeneratedFile  # noqa: E402
from workflow_app.models.pdf_rendition import FAILED, READY  # noqa: E402
from workflow_app.services import demo_data, page_images, pdf_convert, pdf_renditions  # noqa: E402
from workflow_app.services.transitions import apply_transition  # noqa: E402

TIMEOUT = 120.0


def long_plan_body(repeat: int) -> dict:
    body = copy.deepcopy(demo_data.PLAN_BODY)
    sections = body["sections"]
    body["sections"] = [{**copy.deepcopy(s), "heading": f"{s['heading']} ({i + 1})" if i else s["heading"]}
                        for i in range(repeat) for s in sections]
    return body


def approve_and_wait(world, body: dict) -> dict:
    """Approve a reviewed plan of `body`; seconds from the commit to its Kế hoạch's PDF and to its images."""
    plan = new_plan(world, body=body)
    advance(world, plan, "reviewed")
    committed = []
    apply_transition(plan, "approve", world.users["approver"],
                     before_commit=lambda: committed.append(time.perf_counter()))
    returned = time.perf_counter()
    t0 = committed[0]
    files = list(db.session.scalars(select(GeneratedFile).where(GeneratedFile.document_id == plan.id,
                                                                GeneratedFile.step == "approved")))
    main = files[0]
    pdf_at = images_at = None
    pages = shown = 0
    while time.perf_counter() - t0 < TIMEOUT:
        db.session.rollback()   # a fresh snapshot: the worker commits in its own session
        rendition = pdf_renditions.of_file(main.id)
        if rendition is not None and rendition.status == FAILED:
            raise SystemExit(f"the PDF failed: {rendition.error}")
        if rendition is not None and rendition.status == READY:
            if pdf_at is None:
                pdf_at = time.perf_counter()
                pages = rendition.pages or 0
                shown = page_images.shown_pages(rendition.pages)
            if page_images.ready_count(main.id, rendition.sha256) >= shown:
                images_at = time.perf_counter()
                break
        time.sleep(0.01)
    if images_at is None:
        raise SystemExit(f"no page images within {TIMEOUT:.0f} s")
    return {"file": main.file_name, "pages": pages, "shown": shown, "step_after_commit": returned - t0,
            "pdf": pdf_at - t0, "images": images_at - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6, help="the demo plan's sections, times (6: 10 pages)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if pdf_convert.uno_python() is None:
        print("(no LibreOffice Python with uno: a fresh soffice per file, not the warm worker)")
    tmp = tempfile.TemporaryDirectory()
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "PDF_QUEUE": "thread", "PDF_SWEEP_SECONDS": 3600,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"})
    with app.app_context():
        logging.disable(logging.INFO)   # alembic's line per migration
        upgrade()
        logging.disable(logging.NOTSET)
        world = build_world()
        pdf_renditions.start_thread_worker(app)
        try:
            warm = approve_and_wait(world, demo_data.PLAN_BODY)
            print(f"warm-up (starts the worker's LibreOffice): {warm['pages']} pages, images after "
                  f"{warm['images']:.2f} s\n")
            body = long_plan_body(args.repeat)
            results = [approve_and_wait(world, body) for _ in range(args.runs)]
            r = results[0]
            print(f"{r['file']}: {r['pages']} pages ({r['shown']} shown), approved {args.runs} times; "
                  f"seconds from the step's commit:")
            for key, label in (("step_after_commit", "the step's request done (PDF job queued)"),
                               ("pdf", "PDF stored"), ("images", "every page image stored")):
                values = [x[key] for x in results]
                print(f"  {label:<42} median {statistics.median(values):5.2f}   max {max(values):5.2f}")
            print("  target: images within 3 s")
        finally:
            pdf_renditions.stop_thread_worker()
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
