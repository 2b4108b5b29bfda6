"""gunicorn entry point for one fault test only: the production app (TESTING off, errors
handled as in production) with test-only SQLAlchemy events that, after a workflow step's
commit, write {"pid", "backend_pid"} to the file AFTER_COMMIT_SIGNAL and sleep
AFTER_COMMIT_SLEEP seconds, so the test can terminate the database backend then: the
connection dies after the commit, before the answer is written. AFTER_COMMIT_AT says when:
"commit" (in the commit itself, before the connection goes back to the pool) or "next" (just
before the first statement after it, on the connection it runs on). It fires once (the
signal file is created exclusively). Nothing in workflow_app knows of it."""
from __future__ import annotations

import json
import os
import time

from flask import g, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from workflow_app import create_app
from workflow_app.models import Document, WorkflowEvent

app = create_app({"PROPAGATE_EXCEPTIONS": False})
SIGNAL = os.environ["AFTER_COMMIT_SIGNAL"]
SLEEP = float(os.environ.get("AFTER_COMMIT_SLEEP", "3"))
AT = os.environ.get("AFTER_COMMIT_AT", "commit")


@event.listens_for(Session, "after_flush")
def _note_step(session, _context):
    if any(isinstance(o, (WorkflowEvent, Document)) for o in session.new):
        session.info["step_connection"] = session.connection()


def _hold(dbapi_connection) -> None:
    try:
        fd = os.open(SIGNAL, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return   # fired once already
    with os.fdopen(fd, "w") as out:
        out.write(json.dumps({"pid": os.getpid(), "backend_pid": dbapi_connection.info.backend_pid}) + "\n")
    time.sleep(SLEEP)


@event.listens_for(Session, "after_commit")
def _after_step_commit(session):
    connection = session.info.pop("step_connection", None)
    if connection is None:
        return
    if AT == "commit":
        _hold(connection.connection.dbapi_connection)
    elif has_app_context():
        g.after_commit_armed = True   # this request's next statement, if it makes one


@event.listens_for(Engine, "before_cursor_execute")
def _before_next_statement(conn, cursor, statement, parameters, context, executemany):
    if has_app_context() and g.pop("after_commit_armed", False):
        _hold(conn.connection.dbapi_connection)
