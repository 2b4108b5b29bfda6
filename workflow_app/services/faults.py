"""Test-only fault injection points inside apply_transition (issue #6, fault tolerance).

`hit(point)` is called at named points of a transition ("after_flush", "before_commit").
It does nothing at all unless BOTH hold:

* the app runs with `app.config["TESTING"] = True` — which production never has:
  `config.config_from_environment()` does not set it and no environment variable does; and
* the test-only environment variable `WORKFLOW_TEST_FAULTS` names the point, e.g.
  `WORKFLOW_TEST_FAULTS="before_commit=sleep:5"` (several: separated by `;`).

Action `sleep:N` writes one JSON line `{"point", "pid", "backend_pid"}` (the worker
process and its PostgreSQL backend) to the file named by `WORKFLOW_TEST_FAULTS_SIGNAL`
and then sleeps N seconds, so a test can SIGKILL the worker or terminate the backend
in the middle of the transaction. With a signal file the fault fires once per file
(created exclusively; every later hit, in any worker, passes through), so the retry
a test makes afterwards goes through normally.
"""
from __future__ import annotations

import json
import os
import time

from flask import current_app, has_app_context

ENV = "WORKFLOW_TEST_FAULTS"
SIGNAL_ENV = "WORKFLOW_TEST_FAULTS_SIGNAL"


def _spec() -> dict[str, str]:
    raw = os.environ.get(ENV, "")
    pairs = (item.split("=", 1) for item in raw.split(";") if "=" in item)
    return {point.strip(): action.strip() for point, action in pairs}


def hit(point: str) -> None:
    """The fault configured for `point`, if this is a test run with faults switched on."""
    if ENV not in os.environ or not has_app_context() or current_app.config.get("TESTING") is not True:
        return
    action = _spec().get(point)
    if not action:
        return
    verb, _, arg = action.partition(":")
    if verb != "sleep":
        raise ValueError(f"unknown fault action {action!r}")
    signal_file = os.environ.get(SIGNAL_ENV)
    if signal_file:
        try:
            fd = os.open(signal_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return   # fired once already
        with os.fdopen(fd, "w") as out:
            out.write(json.dumps({"point": point, "pid": os.getpid(), "backend_pid": _backend_pid()}) + "\n")
    time.sleep(float(arg or 1))


def _backend_pid() -> int | None:
    from sqlalchemy import text

    from ..extensions import db
    if db.session.get_bind().dialect.name != "postgresql":
        return None
    return db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
