"""Idempotency-Key on POST /api/v1/documents and POST .../transitions (API.md, second round;
issue 12, point 7): a retry with the same key from the same user within 24 hours does nothing
again and gets the first answer; the same key with another body, or a key over 100 characters,
is a 422 naming the header; and a committed step is never answered with an error."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from flask import request_finished
from sqlalchemy import create_engine, func, select, text, update
from sqlalchemy.exc import OperationalError

from tests.api.conftest import assert_error, plan_payload
from tests.conftest import POSTGRES_ADMIN_URL
from tests.factories import advance, new_plan, snapshot
from workflow_app.api import documents as api_documents
from workflow_app.extensions import db
from workflow_app.models import Document, IdempotencyKey, WorkflowEvent

HEADER = "Idempotency-Key"


def _documents() -> int:
    return db.session.scalar(select(func.count()).select_from(Document))


def _events(document_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(WorkflowEvent)
                             .where(WorkflowEvent.document_id == document_id))


def test_a_retried_creation_creates_one_document_and_gets_the_first_answer(world, caller):
    drafter = caller("drafter")
    first = drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "tao-ke-hoach-1"})
    again = drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "tao-ke-hoach-1"})
    assert first.status_code == again.status_code == 201
    assert again.get_data() == first.get_data() and again.headers["Location"] == first.headers["Location"]
    assert _documents() == 1
    other = drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "tao-ke-hoach-2"})
    assert other.status_code == 201 and other.json["id"] != first.json["id"] and _documents() == 2


def test_a_retried_transition_steps_once_and_gets_the_first_answer(world, caller):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    approver = caller("approver")
    body = {"transition": "approve", "version": plan.version}
    first = approver.post(f"/api/v1/documents/{plan.id}/transitions", json=body, headers={HEADER: "k-1"})
    assert first.status_code == 200 and first.json["state"] == "approved"
    events = _events(plan.id)
    again = approver.post(f"/api/v1/documents/{plan.id}/transitions", json=body, headers={HEADER: "k-1"})
    assert (again.status_code, again.get_data()) == (200, first.get_data())   # not a 409
    assert _events(plan.id) == events
    # without the key the same request is a new one, refused now
    assert approver.post(f"/api/v1/documents/{plan.id}/transitions", json=body).status_code == 409


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(world, caller):
    plan = new_plan(world)
    drafter = caller("drafter")
    assert drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "k"}).status_code == 201
    before, documents = snapshot(plan.id), _documents()
    assert_error(drafter.post("/api/v1/documents", json=plan_payload(title="Kế hoạch khác hẳn"),
                              headers={HEADER: "k"}), 422, "validation", HEADER)
    assert_error(drafter.post(f"/api/v1/documents/{plan.id}/transitions",   # another endpoint: another request
                              json={"transition": "submit", "version": plan.version}, headers={HEADER: "k"}),
                 422, "validation", HEADER)
    assert (snapshot(plan.id), _documents()) == (before, documents)


@pytest.mark.parametrize("key", ["x" * 101, "", "khóa-có-dấu"])
def test_a_key_that_is_too_long_empty_or_not_ascii_is_refused(world, caller, key):
    drafter = caller("drafter")
    response = drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: key.encode().decode("latin-1")})
    assert_error(response, 422, "validation", HEADER)
    assert _documents() == 0
    assert drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "x" * 100}).status_code == 201


def test_keys_belong_to_their_user_and_last_24_hours(world, caller):
    drafter, other = caller("drafter"), caller("reviewer")
    first = drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "k"})
    # another user's identical key is another request: the reviewer may not create documents
    assert_error(other.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "k"}), 403, "forbidden")
    a_day_ago = datetime.now(timezone.utc) - timedelta(hours=24, seconds=1)
    db.session.execute(update(IdempotencyKey).values(created_at=a_day_ago))
    db.session.commit()
    later = drafter.post("/api/v1/documents", json=plan_payload(), headers={HEADER: "k"})
    assert later.status_code == 201 and later.json["id"] != first.json["id"] and _documents() == 2
    assert db.session.scalar(select(func.count()).select_from(IdempotencyKey)) == 1   # the old one swept


def test_a_refused_step_is_not_remembered(world, caller):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    reviewer = caller("reviewer")
    body = {"transition": "review", "version": plan.version}
    headers = {HEADER: "tham-dinh"}
    db.session.execute(update(Document).where(Document.id == plan.id).values(version=Document.version + 1))
    db.session.commit()   # someone else's edit in between: the first try is a stale conflict
    assert_error(reviewer.post(f"/api/v1/documents/{plan.id}/transitions", json=body, headers=headers),
                 409, "conflict")
    assert db.session.scalar(select(func.count()).select_from(IdempotencyKey)) == 0


def test_a_connection_lost_after_the_commit_does_not_turn_the_answer_into_an_error(app, caller, world):
    """PostgreSQL: the database backend of the request is terminated after the step's answer is
    built, before the session is closed; the teardown must not turn the committed step into a 500."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("terminating one connection's backend is a PostgreSQL test")
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")

    def kill_connection(sender, response, **_):
        connection = db.session.connection()
        pid = connection.connection.dbapi_connection.info.backend_pid
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            conn.execute(text("SELECT pg_sleep(0.2)"))

    approver, outcome = caller("approver"), {}
    path, body = f"/api/v1/documents/{plan.id}/transitions", {"transition": "approve", "version": plan.version}

    def approve():   # in a thread of its own, so the request has its own app context and teardown
        try:
            outcome["response"] = approver.post(path, json=body)
        except Exception as exc:
            outcome["error"] = exc

    try:
        with request_finished.connected_to(kill_connection, app):
            thread = threading.Thread(target=approve)
            thread.start()
            thread.join(timeout=60)
    finally:
        admin.dispose()
    assert "error" not in outcome, outcome
    assert outcome["response"].status_code == 200 and outcome["response"].json["state"] == "approved"
    db.session.expire_all()
    assert db.session.get(Document, plan.id).state == "approved"



@pytest.fixture
def answers_unreadable(monkeypatch):
    """Every read of a committed step's answer fails, as when the database goes away after the commit."""
    def unreadable(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
    monkeypatch.setattr(api_documents, "_answer", unreadable)


def test_a_committed_step_whose_answer_cannot_be_read_says_it_was_saved(world, caller, answers_unreadable):
    """The database goes away between the commit and every read of the answer (no key sent): the
    503 must not claim that nothing was saved, for the step was."""
    plan = new_plan(world)
    response = caller("unit_head").post(f"/api/v1/documents/{plan.id}/transitions",
                                        json={"transition": "submit", "version": plan.version})
    error = assert_error(response, 503, "service_unavailable")
    assert "đã được lưu" in error["message"] and "không có thay đổi" not in error["message"]
    db.session.expire_all()
    assert db.session.get(Document, plan.id).state == "submitted"


def test_a_created_document_whose_answer_cannot_be_read_says_it_was_saved(world, caller, answers_unreadable):
    error = assert_error(caller("drafter").post("/api/v1/documents", json=plan_payload()), 503,
                         "service_unavailable")
    assert "đã được lưu" in error["message"]
    assert _documents() == 1
