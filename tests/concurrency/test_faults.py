"""Faults in the middle of a transition (issue #6, part 2): a gunicorn worker killed with
SIGKILL, the database connection terminated. Either way the document is wholly before the
step (no number, no history row, no file) and the next issue takes the number that would
have been taken: no gap, nothing lost. Fault points: tests/concurrency/faults.py (test-only)."""
from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import POSTGRES_ADMIN_URL

from .conftest import start_server
from .world import document_facts, plans_in_state, register_last

pytestmark = pytest.mark.concurrency

SLEEP = 4   # seconds the fault point holds the transaction open


@pytest.fixture
def faulty_server(request, live_db, tmp_path, tmp_path_factory):
    """gunicorn (4 workers) on the TESTING entry point with one fault armed at `request.param`."""
    url, _ = live_db
    signal_file = tmp_path / "fault.json"
    server = start_server(url, tmp_path_factory, app="tests.concurrency.faulty_wsgi:app", env={
        "WORKFLOW_TEST_FAULTS": f"{request.param}=sleep:{SLEEP}",
        "WORKFLOW_TEST_FAULTS_SIGNAL": str(signal_file)})
    server.signal_file = signal_file
    yield server
    server.stop()


def wait_for_fault(server, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.signal_file.exists():
            content = server.signal_file.read_text()
            if content.endswith("\n"):
                return json.loads(content)
        time.sleep(0.02)
    raise AssertionError("the fault point was not reached")


def issue_in_background(server, document_id: int, version: int) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def go():
        try:
            outcome["response"] = server.call("POST", f"/api/v1/documents/{document_id}/transitions",
                                              "archivist", {"transition": "issue", "version": version},
                                              timeout=60)
        except Exception as exc:   # the worker died under the request
            outcome["error"] = exc

    thread = threading.Thread(target=go, daemon=True)
    thread.start()
    return thread, outcome


def wait_backend_gone(admin, backend_pid: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with admin.connect() as conn:
            if not conn.execute(text("SELECT 1 FROM pg_stat_activity WHERE pid = :p"),
                                {"p": backend_pid}).first():
                return
        time.sleep(0.05)
    raise AssertionError(f"backend {backend_pid} still alive")


def assert_wholly_before(app, document_id: int, version: int, last_number: int) -> None:
    facts = document_facts(app, document_id)
    assert facts["state"] == "approved" and facts["version"] == version
    assert facts["number"] is None and facts["entries"] == [] and facts["issued_on"] is None
    assert "issue" not in [e[0] for e in facts["events"]]
    assert "issued" not in facts["files"]
    assert register_last(app) == last_number


def issue_and_expect(server, app, document_id: int, version: int, seq: int) -> None:
    status, body, _ = server.call("POST", f"/api/v1/documents/{document_id}/transitions", "archivist",
                                  {"transition": "issue", "version": version})
    assert status == 200, body
    assert body["number"] == f"{seq:02d}/KH-UBND" and body["state"] == "issued"
    assert any(f["step"] == "issued" for f in body["files"])
    facts = document_facts(app, document_id)
    assert [e[0] for e in facts["events"]].count("issue") == 1 and "issued" in facts["files"]


@pytest.fixture
def admin_engine():
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("faulty_server", ["before_commit"], indirect=True)
def test_worker_killed_mid_issue_leaves_nothing_and_loses_no_number(live_db, faulty_server, admin_engine):
    _, app = live_db
    (doc, version), (other, other_version) = plans_in_state(app, 2, "approved")
    last = register_last(app)

    thread, outcome = issue_in_background(faulty_server, doc, version)
    fault = wait_for_fault(faulty_server)
    assert fault["pid"] in faulty_server.worker_pids()
    os.kill(fault["pid"], signal.SIGKILL)
    thread.join(timeout=30)
    assert not thread.is_alive()
    # The client saw the connection die, or at worst an error status; never a success.
    assert "error" in outcome or outcome["response"][0] >= 500, outcome
    wait_backend_gone(admin_engine, fault["backend_pid"])   # PostgreSQL rolled the transaction back

    assert_wholly_before(app, doc, version, last)
    issue_and_expect(faulty_server, app, doc, version, last + 1)      # the number that was not taken
    issue_and_expect(faulty_server, app, other, other_version, last + 2)
    deadline = time.monotonic() + 20   # gunicorn replaced the dead worker
    while len(faulty_server.worker_pids()) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(faulty_server.worker_pids()) == 4


@pytest.mark.parametrize("faulty_server", ["after_flush", "before_commit"], indirect=True)
def test_database_connection_dropped_mid_issue_answers_503_and_retry_succeeds(live_db, faulty_server,
                                                                             admin_engine):
    _, app = live_db
    (doc, version), (other, other_version) = plans_in_state(app, 2, "approved")
    last = register_last(app)

    thread, outcome = issue_in_background(faulty_server, doc, version)
    fault = wait_for_fault(faulty_server)
    with admin_engine.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": fault["backend_pid"]}).scalar()
    thread.join(timeout=30)
    assert not thread.is_alive() and "error" not in outcome, outcome
    status, body, _ = outcome["response"]
    assert status == 503, (status, body)
    assert body["error"]["code"] == "service_unavailable" and body["error"]["message"]

    assert_wholly_before(app, doc, version, last)
    issue_and_expect(faulty_server, app, doc, version, last + 1)   # same worker, new connection: works
    issue_and_expect(faulty_server, app, other, other_version, last + 2)
    status, health, _ = faulty_server.call("GET", "/healthz")
    assert status == 200 and health["database"] == "ok"
