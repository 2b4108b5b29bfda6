"""One decision for a round at scale (issue 15): 20 reviewed proposals of 300 nominees each (6,000).

    .venv/bin/python bench/bench_round_decision.py [--proposals 20] [--nominees 300] [--profile STEP]

Times, in-process on a fresh SQLite file (PDFs off): the decision's creation
(round_decisions.create: the copies, then its first step `compile`, which renders the Tờ trình,
Biên bản and draft QĐ + Danh sách), approve, and issue (the QĐ with its number, the certificates one
file per proposing body, a Thông báo kết quả per body); beside them, the bare docxtpl render
(bench_documents.bare_render: stock docxtpl, nothing after it) of the same QĐ + Danh sách.
The round is set up by bulk inserts (each proposal made with one nominee, the others inserted
with Core, then submitted and reviewed without rendering). --profile create|approve|issue prints
that step's cProfile, top functions by cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import time_machine  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, func, insert, select  # noqa: E402

from bench_documents import bare_render  # noqa: E402
from tests.factories import build_world, issued_plan  # noqa: E402
from tests.round_decision_world import BEFORE_THE_DEADLINE, second_commune  # noqa: E402
from workflow_app import create_app  # noqa: E402
from workflow_app.domain.documents import generate  # noqa: E402
from workflow_app.domain.documents.clean import clean_tree  # noqa: E402
from workflow_app.domain.documents.contexts import build_context  # noqa: E402
from workflow_app.domain.documents.masters import load_master  # noqa: E402
from workflow_app.extensions import db  # noqa: E402
from workflow_app.models import Document, GeneratedFile, Nominee  # noqa: E402
from workflow_app.services import demo_data, documents, round_decisions  # noqa: E402
from workflow_app.services.document_data import content_of, generation_of  # noqa: E402
from workflow_app.services.transitions import apply_transition  # noqa: E402

COMMUNES = ["Huyền Hội", "Tân An", "Tân Bình", "Bình Phú", "Phương Thạnh", "Đại Phước", "Đại Phúc",
            "Nhị Long", "Nhị Long Phú", "Đức Mỹ", "Mỹ Cẩm", "An Trường A", "Tân Hòa", "Tân Thành",
            "Mỹ Long", "Phước Hảo", "Hòa Lợi", "Long Đức", "Song Lộc", "Lưu Nghiệp Anh", "Mỹ Chánh"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Linh", "Nam", "Phúc", "Quang",
         "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Khoa"]


def _name(i: int) -> str:
    return f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i // 60) % 20]} {i // 1200 + 1}"


def _row(document_id: int, order: int, serial: int, place: str) -> dict:
    template = demo_data.NOMINEES[serial % 3]    # the individuals of the demo
    full_name = f"{_name(serial)} {place}"
    return {"document_id": document_id, "order": order, "kind": "individual", "full_name": full_name,
            "name_key": "", "citizen_id": "", "position": template["position"],
            "organization": template["organization"].replace("An Trường", place), "gender": template["gender"],
            "award": template["award"], "achievement": template["achievement"], "review_status": "pending",
            "review_note": "", "gold_book_number": ""}


def setup_round(world, proposals: int, nominees: int):
    """The round of an issued plan with `proposals` reviewed proposals of `nominees` each, one per commune."""
    plan = issued_plan(world)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    bodies = [(world.commune, world.users["commune_drafter"], world.users["commune_approver"], "An Trường")]
    for i, name in enumerate(COMMUNES[:proposals - 1]):
        commune, users = second_commune(world, name, f"UBND-B{i:02d}")
        bodies.append((commune, users["drafter"], users["approver"], name))
    serial = 0
    for _commune, drafter, signer, place in bodies[:proposals]:
        body = {**demo_data.COMMENDATION_BODY, "round_id": round_.id}
        del body["period"]
        first = {k: v for k, v in _row(0, 1, serial, place).items()
                 if k not in ("document_id", "order", "name_key", "review_status", "review_note", "gold_book_number")}
        serial += 1
        document = documents.create(drafter, {"kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
                                              "body": body, "nominees": [first]})
        rows = []
        for order in range(2, nominees + 1):
            rows.append(_row(document.id, order, serial, place))
            serial += 1
        db.session.execute(insert(Nominee.__table__), rows)
        db.session.commit()
        db.session.expire_all()
        document = db.session.get(Document, document.id)
        with time_machine.travel(BEFORE_THE_DEADLINE, tick=False):
            apply_transition(document, "submit", signer, generate=False)
            apply_transition(document, "review", world.users["reviewer"], generate=False)   # all accepted
    db.session.expire_all()
    return round_


STATEMENTS = [0]


SEEN: dict[str, int] = {}


def _count(_conn, _cursor, statement, *_args) -> None:
    STATEMENTS[0] += 1
    SEEN[statement[:90]] = SEEN.get(statement[:90], 0) + 1


def timed(label: str, fn, profile: bool, sort: str = "cumulative", callers: str = ""):
    profiler = cProfile.Profile() if profile else None
    STATEMENTS[0] = 0
    t0, c0 = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = fn()
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - t0, time.process_time() - c0, STATEMENTS[0]
    if profiler:
        print(f"\n--- cProfile of {label} ---")
        stats = pstats.Stats(profiler).sort_stats(sort)
        stats.print_stats(35)
        if callers:
            stats.print_callers(callers)
    return result, elapsed


def secs(elapsed: tuple[float, float]) -> str:
    return f"{elapsed[0]:6.2f} s (CPU {elapsed[1]:5.2f} s, {elapsed[2]:3d} SQL)"


def _files(document_id: int, step: str) -> list[GeneratedFile]:
    return list(db.session.scalars(select(GeneratedFile).where(GeneratedFile.document_id == document_id,
                                                               GeneratedFile.step == step)))


def _describe(files: list[GeneratedFile]) -> str:
    size = sum(f.size for f in files) / 1e6
    return f"{len(files)} files, {size:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=20)
    parser.add_argument("--nominees", type=int, default=300)
    parser.add_argument("--database-url", help="an EMPTY database (migrated here); default a temporary SQLite file")
    parser.add_argument("--bare-runs", type=int, default=3)
    parser.add_argument("--profile", choices=("create", "approve", "issue"))
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative, tottime, ...")
    parser.add_argument("--callers", default="", help="cProfile: also who calls functions matching this")
    args = parser.parse_args()
    if args.proposals > len(COMMUNES) + 1:
        sys.exit(f"at most {len(COMMUNES) + 1} proposals (one per commune)")
    tmp = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "PDF_QUEUE": "off", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        logging.disable(logging.INFO)   # alembic's line per migration
        upgrade()
        logging.disable(logging.NOTSET)
        world = build_world()
        event.listen(db.engine, "before_cursor_execute", _count)   # statements (an executemany: one)
        t0 = time.perf_counter()
        round_ = setup_round(world, args.proposals, args.nominees)
        total = db.session.scalar(select(func.count(Nominee.id)).join(Document).where(
            Document.round_id == round_.id, Document.state == "reviewed"))
        print(f"database: {db.engine.dialect.name}")
        print(f"set-up: {args.proposals} reviewed proposals, {total:,} nominees, in "
              f"{time.perf_counter() - t0:.1f} s (bulk insert; not timed below)\n")
        reviewer_id, approver_id, archivist_id = (world.users[r].id for r in ("reviewer", "approver", "archivist"))

        def profiled(step: str) -> tuple:
            return args.profile == step, args.sort, args.callers

        def fresh(user_id):
            db.session.expire_all()
            return db.session.get(type(world.users["reviewer"]), user_id)

        decision, t_create = timed("create", lambda: round_decisions.create(round_.id, fresh(reviewer_id)),
                                   *profiled("create"))
        decision_id = decision.id
        print(f"{'create + compile (copies, Tờ trình, Biên bản, QĐ + Danh sách)':62}{secs(t_create)}  "
              f"{_describe(_files(decision_id, 'reviewed'))}")

        def step(name, user_id):
            actor = fresh(user_id)
            return apply_transition(db.session.get(Document, decision_id), name, actor)

        _, t_approve = timed("approve", lambda: step("approve", approver_id), *profiled("approve"))
        print(f"{'approve (QĐ + Danh sách)':62}{secs(t_approve)}  "
              f"{_describe(_files(decision_id, 'approved'))}")
        _, t_issue = timed("issue", lambda: step("issue", archivist_id), *profiled("issue"))
        issued = _files(decision_id, "issued")
        print(f"{'issue (QĐ, certificates per body, Thông báo per body)':62}{secs(t_issue)}  {_describe(issued)}")
        steps = (t_create, t_approve, t_issue)
        print(f"{'all three steps':62}{secs(tuple(sum(t[i] for t in steps) for i in range(3)))}")

        # the same QĐ + Danh sách, stock docxtpl, nothing after the render
        decision = db.session.get(Document, decision_id)
        template = "quyet-dinh-khen-thuong-dot"
        generation = generation_of(decision, datetime.now(timezone.utc))
        context = clean_tree(build_context(template, content_of(decision), generation)[0])
        master = load_master(template).content
        content = content_of(decision)

        def best(fn) -> float:
            times = []
            for _ in range(args.bare_runs):
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
            return min(times)

        rows = f"{len(decision.nominees):,} rows"
        print(f"\nthe QĐ + Danh sách alone ({rows}), best of {args.bare_runs}:")
        print(f"  ours, generate() (context, clean, fast render, line fitting): "
              f"{best(lambda: generate(template, content, generation)):6.2f} s")
        print(f"  bare docxtpl render of the same context (stock, nothing after): "
              f"{best(lambda: bare_render(master, context)):6.2f} s")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
