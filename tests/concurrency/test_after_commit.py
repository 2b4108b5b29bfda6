"""A step that committed is never answered with an error (issue 12, point 7): the database
connection is terminated right after a step's commit, before the answer is written. The client
gets the step's own answer (the document, 200), and a retry with the same Idempotency-Key gets
that answer again without a second step. Needs the test-only entry after_commit_wsgi.py."""
from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import POSTGRES_ADMIN_URL

from .conftest import start_server
from .world import document_facts, plans_in_state, register_last

pytestmark = pytest.mark.concurrency


@pytest.fixture
def after_commit_server(request, live_db, tmp_path, tmp_path_factory):
    """The connection dies in the commit's wake, or just before the first statement after it."""
    url, _ = live_db
    signal_file = tmp_path / "after_commit.json"
    server = start_server(url, tmp_path_factory, app="tests.concurrency.after_commit_wsgi:app",
                          env={"AFTER_COMMIT_SIGNAL": str(signal_file), "AFTER_COMMIT_SLEEP": "3",
                               "AFTER_COMMIT_AT": request.param})
    server.signal_file = signal_file
    yield server
    server.stop()


def _wait_for(signal_file, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if signal_file.exists() and signal_file.read_text().endswith("\n"):
            return json.loads(signal_file.read_text())
        time.sleep(0.02)
    raise AssertionError("no step committed")


def _terminate(backend_pid: int) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": backend_pid}).scalar()
    finally:
        admin.dispose()


def _issue_with_the_connection_killed(server, path: str, body: dict, headers: dict | None = None):
    outcome: dict = {}

    def issue():
        outcome["response"] = server.call("POST", path, "archivist", body, headers=headers)

    thread = threading.Thread(target=issue, daemon=True)
    thread.start()
    fault = _wait_for(server.signal_file)
    _terminate(fault["backend_pid"])
    thread.join(timeout=60)
    assert not thread.is_alive()
    return outcome["response"][:2]


@pytest.mark.parametrize("after_commit_server", ["commit", "next"], indirect=True)
def test_an_issue_whose_connection_dies_after_commit_is_answered_as_done(live_db, after_commit_server):
    _, app = live_db
    [(doc, version)] = plans_in_state(app, 1, "approved")
    last = register_last(app)
    status, answer = _issue_with_the_connection_killed(
        after_commit_server, f"/api/v1/documents/{doc}/transitions", {"transition": "issue", "version": version})
    assert status == 200, answer
    assert answer["state"] == "issued" and answer["number"] == f"{last + 1:02d}/KH-UBND"
    facts = document_facts(app, doc)
    assert [e[0] for e in facts["events"]].count("issue") == 1 and register_last(app) == last + 1


@pytest.mark.parametrize("after_commit_server", ["commit"], indirect=True)
def test_a_retry_with_the_same_key_gets_the_committed_answer(live_db, after_commit_server):
    _, app = live_db
    [(doc, version)] = plans_in_state(app, 1, "approved")
    last = register_last(app)
    path, body = f"/api/v1/documents/{doc}/transitions", {"transition": "issue", "version": version}
    key = {"Idempotency-Key": "ban-hanh-ke-hoach-1"}
    status, answer = _issue_with_the_connection_killed(after_commit_server, path, body, key)
    assert status == 200, answer
    assert answer["state"] == "issued" and answer["number"] == f"{last + 1:02d}/KH-UBND"
    again = after_commit_server.call("POST", path, "archivist", body, headers=key)
    assert again[:2] == (200, answer)   # the first answer, not a 409
    facts = document_facts(app, doc)
    assert [e[0] for e in facts["events"]].count("issue") == 1 and register_last(app) == last + 1
