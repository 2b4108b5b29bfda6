"""Fault points inside a transition, for the fault tests only: SQLAlchemy session events.

Production has no fault code at all. The test-only entry point (faulty_wsgi.py) and the
tests that want a fault call `install()`, which listens on the app's sessions:

* "after_flush": the flush that writes a step's history row (a WorkflowEvent), i.e. the
  step's one flush in apply_transition, with its row locks held;
* "before_commit": the commit of a transaction that flushed such a row.

Other flushes and commits (sign-ins, tokens, drafts) pass through, so the fault lands in the
middle of the transition and nowhere else.

Action `sleep:N` writes one JSON line `{"point", "pid", "backend_pid"}` (the worker process and
its PostgreSQL backend, None elsewhere) to the signal file and then sleeps N seconds, so a test
can SIGKILL the worker or terminate the backend while the transaction is open. With a signal
file the fault fires once per file (created exclusively; every later hit, in any worker,
passes through), so the retry a test makes afterwards goes through normally.

Environment (read by `install_from_environment`, i.e. the gunicorn workers of faulty_wsgi):
WORKFLOW_TEST_FAULTS="before_commit=sleep:5" (several: separated by `;`) and
WORKFLOW_TEST_FAULTS_SIGNAL=<path of the signal file>.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

from sqlalchemy import event, text

from workflow_app.extensions import db
from workflow_app.models import WorkflowEvent

ENV = "WORKFLOW_TEST_FAULTS"
SIGNAL_ENV = "WORKFLOW_TEST_FAULTS_SIGNAL"
POINTS = ("after_flush", "before_commit")
_STEP_FLUSHED = "faults.step_flushed"   # session.info key: this transaction wrote a history row


def parse(raw: str) -> dict[str, str]:
    """"after_flush=sleep:4;before_commit=sleep:1" -> {"after_flush": "sleep:4", ...}."""
    pairs = (item.split("=", 1) for item in raw.split(";") if "=" in item)
    points = {point.strip(): action.strip() for point, action in pairs}
    unknown = set(points) - set(POINTS)
    if unknown:
        raise ValueError(f"unknown fault points {sorted(unknown)}; known: {POINTS}")
    for action in points.values():
        verb, _, arg = action.partition(":")
        if verb != "sleep":
            raise ValueError(f"unknown fault action {action!r}")
        float(arg or 1)
    return points


def install(points: dict[str, str], signal_file: str | None = None) -> Callable[[], None]:
    """Arm `points` on the app's sessions (db.session's factory); returns the function that disarms them."""

    def fire(point: str, session) -> None:
        action = points.get(point)
        if not action:
            return
        if signal_file:
            try:
                fd = os.open(signal_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return   # fired once already
            with os.fdopen(fd, "w") as out:
                out.write(json.dumps({"point": point, "pid": os.getpid(),
                                      "backend_pid": _backend_pid(session)}) + "\n")
        time.sleep(float(action.partition(":")[2] or 1))

    def after_flush(session, flush_context) -> None:
        # session.new still lists what this flush inserted (SQLAlchemy: "pre-flush state").
        if any(isinstance(obj, WorkflowEvent) for obj in session.new):
            session.info[_STEP_FLUSHED] = True
            fire("after_flush", session)

    def before_commit(session) -> None:
        if session.info.pop(_STEP_FLUSHED, False):
            fire("before_commit", session)

    def after_transaction_end(session, transaction) -> None:
        if transaction.parent is None:   # a rolled-back step must not arm the next commit
            session.info.pop(_STEP_FLUSHED, None)

    listeners = (("after_flush", after_flush), ("before_commit", before_commit),
                 ("after_transaction_end", after_transaction_end))
    for name, fn in listeners:
        event.listen(db.session, name, fn)

    def uninstall() -> None:
        for name, fn in listeners:
            event.remove(db.session, name, fn)

    return uninstall


def install_from_environment() -> Callable[[], None] | None:
    """install() as WORKFLOW_TEST_FAULTS / WORKFLOW_TEST_FAULTS_SIGNAL say; None when unset."""
    raw = os.environ.get(ENV, "")
    if not raw:
        return None
    return install(parse(raw), os.environ.get(SIGNAL_ENV) or None)


def _backend_pid(session) -> int | None:
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return None
    return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
