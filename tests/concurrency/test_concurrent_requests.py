"""Concurrent requests through gunicorn (4 workers) and PostgreSQL (issue #6, part 1).

200 issues at once give 200 consecutive numbers, each document generated, the register
and the history agreeing with the documents; of identical concurrent transitions or edits
exactly one wins and the others get 409."""
from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, RegisterEntry, WorkflowEvent

from .world import count, document_facts, plans_in_state, register_last

pytestmark = pytest.mark.concurrency

THREADS = 48
NUMBER = re.compile(r"^(\d+)/KH-UBND$")


def run_all(calls, threads: int = THREADS, timeout: float = 120.0, barrier: bool = False):
    """Run the zero-argument callables concurrently; a barrier makes them start together."""
    gate = threading.Barrier(len(calls)) if barrier else None

    def go(call):
        if gate:
            gate.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls) if barrier else threads) as pool:
        futures = [pool.submit(go, c) for c in calls]
        return [f.result(timeout=timeout) for f in futures]


def test_200_concurrent_issues_get_200_consecutive_numbers(live_db, live_server):
    _, app = live_db
    plans = plans_in_state(app, 200, "approved")
    before = register_last(app)

    def issue(document_id, version):
        return lambda: live_server.call("POST", f"/api/v1/documents/{document_id}/transitions", "archivist",
                                        {"transition": "issue", "version": version})

    results = run_all([issue(i, v) for i, v in plans])

    statuses = [status for status, _, _ in results]
    assert statuses == [200] * 200, {s: statuses.count(s) for s in set(statuses)}
    seqs = sorted(int(NUMBER.match(body["number"]).group(1)) for _, body, _ in results)
    assert seqs == list(range(before + 1, before + 201))
    assert register_last(app) == before + 200
    assert all(body["state"] == "issued" and any(f["step"] == "issued" for f in body["files"])
               for _, body, _ in results)

    ids = [i for i, _ in plans]
    with app.app_context():
        entries = {e.document_id: e for e in db.session.scalars(
            select(RegisterEntry).where(RegisterEntry.document_id.in_(ids)))}
        documents = {d.id: d for d in db.session.scalars(select(Document).where(Document.id.in_(ids)))}
        issue_events = db.session.scalars(select(WorkflowEvent).where(
            WorkflowEvent.document_id.in_(ids), WorkflowEvent.transition == "issue")).all()
        issued_files = set(db.session.scalars(select(GeneratedFile.document_id).where(
            GeneratedFile.document_id.in_(ids), GeneratedFile.step == "issued")))
        assert len(entries) == 200 and sorted(e.seq for e in entries.values()) == seqs
        assert len(issue_events) == 200 and {e.document_id for e in issue_events} == set(ids)
        for event in issue_events:
            doc = documents[event.document_id]
            assert (doc.state, doc.version, doc.number) == ("issued", event.version,
                                                            entries[doc.id].number)
            assert event.from_state == "approved" and event.to_state == "issued"
        assert issued_files == set(ids)
        db.session.remove()
    # Nothing else got a number in between.
    assert count(app, RegisterEntry, RegisterEntry.purpose == "issued") == before + 200


def test_50_concurrent_approvals_of_one_document_one_wins(live_db, live_server):
    _, app = live_db
    [(document_id, version)] = plans_in_state(app, 1, "reviewed")
    path = f"/api/v1/documents/{document_id}/transitions"

    def approve(with_version: bool):
        body = {"transition": "approve", **({"version": version} if with_version else {})}
        return lambda: live_server.call("POST", path, "approver", body)

    # Half carry the version they read, half none (they can only lose on the row's version check).
    results = run_all([approve(i % 2 == 0) for i in range(50)], barrier=True)

    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] + [409] * 49, {s: statuses.count(s) for s in set(statuses)}
    assert all(body["error"]["code"] == "conflict" for status, body, _ in results if status == 409)
    facts = document_facts(app, document_id)
    assert facts["state"] == "approved" and facts["version"] == version + 1
    assert [e[0] for e in facts["events"]].count("approve") == 1


def test_concurrent_edits_with_the_same_version_one_wins(live_db, live_server):
    _, app = live_db
    [(document_id, version)] = plans_in_state(app, 1, "draft")
    path = f"/api/v1/documents/{document_id}"

    def edit(n: int):
        return lambda: live_server.call("PATCH", path, "drafter",
                                        {"title": f"Kế hoạch sửa lần {n}", "version": version})

    results = run_all([edit(n) for n in range(30)], barrier=True)

    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] + [409] * 29, {s: statuses.count(s) for s in set(statuses)}
    [winner] = [body for status, body, _ in results if status == 200]
    facts = document_facts(app, document_id)
    assert facts["version"] == version + 1 == winner["version"]
    status, now, _ = live_server.call("GET", path, "drafter")
    assert status == 200 and now["title"] == winner["title"]
