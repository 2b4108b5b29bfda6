"""Concurrent requests with the same Idempotency-Key through gunicorn (4 workers) and PostgreSQL
(issue 12, point 7): one effect, and every request gets the same answer as the first."""
from __future__ import annotations

import pytest

from tests.api.conftest import plan_payload
from workflow_app.models import Document, WorkflowEvent

from .test_concurrent_requests import run_all
from .world import count, plans_in_state

pytestmark = pytest.mark.concurrency

SENDERS = 12


def test_concurrent_creations_with_one_key_create_one_document(live_db, live_server):
    _, app = live_db
    before = count(app, Document)
    body, key = plan_payload(title="Kế hoạch gửi lặp đồng thời"), {"Idempotency-Key": "tao-dong-thoi-1"}
    answers = run_all([lambda: live_server.call("POST", "/api/v1/documents", "drafter", body, headers=key)
                       for _ in range(SENDERS)], barrier=True)
    assert {status for status, _, _ in answers} == {201}, [a[:2] for a in answers if a[0] != 201]
    assert len({repr(answer) for _, answer, _ in answers}) == 1   # the same body every time
    assert count(app, Document) == before + 1


def test_concurrent_transitions_with_one_key_step_once(live_db, live_server):
    _, app = live_db
    [(doc, version)] = plans_in_state(app, 1, "reviewed")
    body, key = {"transition": "approve", "version": version}, {"Idempotency-Key": "phe-duyet-1"}
    path = f"/api/v1/documents/{doc}/transitions"
    answers = run_all([lambda: live_server.call("POST", path, "approver", body, headers=key)
                       for _ in range(SENDERS)], barrier=True)
    assert {status for status, _, _ in answers} == {200}, [a[:2] for a in answers if a[0] != 200]
    assert len({repr(answer) for _, answer, _ in answers}) == 1
    assert count(app, WorkflowEvent, WorkflowEvent.document_id == doc,
                  WorkflowEvent.transition == "approve") == 1
