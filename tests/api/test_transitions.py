"""POST /api/v1/documents/{id}/transitions: each refusal's status and code, nothing changed by it,
and exactly one winner of two identical transitions sent at once."""
from __future__ import annotations

import threading

import pytest

from tests.api.conftest import assert_error
from tests.factories import advance, new_commendation, new_plan, snapshot
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import tokens


def _as_json(caller, document: Document) -> dict:
    return caller.get(f"/api/v1/documents/{document.id}").json


def refused(caller, document: Document, status: int, code: str, *fields: str, **body):
    """Send the transition; it must be refused with this status/code and change nothing."""
    before = snapshot(document.id)
    response = caller.post(f"/api/v1/documents/{document.id}/transitions", json=body)
    error = assert_error(response, status, code, *fields)
    assert snapshot(document.id) == before
    return error


def test_a_step_returns_the_updated_document(world, caller):
    plan = new_plan(world)
    reviewer, drafter, head = caller("reviewer"), caller("drafter"), caller("unit_head")
    submitted = head.fire(_as_json(head, plan), "submit", comment="Kính trình.")
    assert submitted.status_code == 200
    body = submitted.json
    assert (body["state"], body["version"], body["available_transitions"]) == ("submitted", 2, [])
    assert body["history"][0]["comment"] == "Kính trình." and body["history"][0]["actor"] == "truongphong.nv"
    assert _as_json(drafter, plan)["available_transitions"] == ["withdraw"]   # its creator may take it back
    assert _as_json(reviewer, plan)["available_transitions"] == ["review", "return"]


def test_not_allowed_to_the_user_is_forbidden(world, caller):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    error = refused(caller("drafter"), plan, 403, "forbidden", transition="review", version=plan.version)
    assert "Thẩm định" in error["message"]


def test_not_possible_from_the_state_is_a_conflict(world, caller):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    refused(caller("approver"), plan, 409, "conflict", transition="approve", version=plan.version)


def test_a_stale_version_is_a_conflict(world, caller):
    plan = new_plan(world)
    stale = plan.version
    advance(world, plan, "submitted")
    error = refused(caller("reviewer"), plan, 409, "conflict", transition="review", version=stale)
    assert "tải lại" in error["message"]


def test_return_needs_a_comment(world, caller):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    refused(caller("reviewer"), plan, 422, "validation", "comment", transition="return", comment="  ")
    back = caller("reviewer").fire(_as_json(caller("reviewer"), plan), "return", comment="Bổ sung mục II.")
    assert back.status_code == 200 and back.json["state"] == "draft"


def test_an_incomplete_document_is_unprocessable(world, caller):
    plan = new_plan(world, body={"sections": [], "recipients": []})
    error = refused(caller("unit_head"), plan, 422, "validation", transition="submit", version=plan.version)
    assert error["fields"]


def test_review_decisions_are_checked(world, caller):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reviewer = caller("reviewer")
    everyone_rejected = [{"id": n.id, "status": "rejected", "note": "Không đủ"} for n in proposal.nominees]
    refused(reviewer, proposal, 422, "validation", transition="review", nominees=everyone_rejected)
    refused(reviewer, proposal, 422, "validation", "nominees[0].note", transition="review",
            nominees=[{"id": proposal.nominees[0].id, "status": "rejected"}])
    refused(reviewer, proposal, 400, "bad_request", "nominees[0].id", transition="review",
            nominees=[{"id": "5", "status": "accepted"}])


@pytest.mark.parametrize("body,status,field", [
    ({"version": 1}, 422, "transition"),
    ({"transition": "publish"}, 422, "transition"),
    ({"transition": "submit", "version": "1"}, 400, "version"),
    ({"transition": "submit", "comment": ["x"]}, 400, "comment"),
    ({"transition": "approve", "signer_form": "XX"}, 422, "signer_form"),
])
def test_malformed_requests_are_refused_by_field(world, caller, body, status, field):
    plan = new_plan(world)
    refused(caller("drafter"), plan, status, "bad_request" if status == 400 else "validation", field, **body)


def test_an_invisible_document_is_not_found(world, caller):
    plan = new_plan(world)
    refused(caller("commune_drafter"), plan, 404, "not_found", transition="submit")


def _race(app, token: str, path: str, body: dict) -> list[tuple[int, str | None]]:
    """Send the same request from two threads at once, each with its own app context and session;
    return each answer's status and error code."""
    barrier = threading.Barrier(2)
    answers: list[tuple[int, str | None]] = []

    def send():
        with app.app_context():
            client = app.test_client()
            barrier.wait()
            response = client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
            answers.append((response.status_code, response.json.get("error", {}).get("code")))
            db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(answers)


@pytest.mark.parametrize("transition,state,role", [("review", "submitted", "reviewer"),
                                                   ("issue", "approved", "archivist")])
def test_two_identical_transitions_at_once_exactly_one_wins(app, world, transition, state, role):
    plan = new_plan(world)
    advance(world, plan, state)
    token, _ = tokens.issue(world.users[role])
    body = {"transition": transition, "version": plan.version}
    document_id = plan.id
    db.session.commit()

    answers = _race(app, token, f"/api/v1/documents/{document_id}/transitions", body)
    assert answers == [(200, None), (409, "conflict")]
    db.session.expire_all()
    plan = db.session.get(Document, document_id)
    assert [e.transition for e in plan.events].count(transition) == 1
    assert plan.version == body["version"] + 1
    if transition == "issue":
        assert len(plan.register_entries) == 1


def test_a_deputy_cannot_sign_as_the_head_nor_the_head_for_himself(world, caller):
    """Issue 13 point 6: the Phó Chủ tịch approving with signer_form "" printed
    "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Phạm Minh Tuấn"."""
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    before = snapshot(plan.id)
    deputy, head = caller("approver"), caller("chairman")
    answer = refused(deputy, plan, 422, "validation", "signer_form", transition="approve", signer_form="")
    assert "Phó Chủ tịch không phải Chủ tịch" in answer["message"]
    refused(head, plan, 422, "validation", "signer_form", transition="approve", signer_form="KT")
    assert snapshot(plan.id) == before                       # nothing changed
    signed = deputy.fire(_as_json(deputy, plan), "approve", signer_form="KT")
    assert signed.status_code == 200 and signed.json["signer"] == {
        "full_name": "Phạm Minh Tuấn", "position": "Phó Chủ tịch", "form": "KT"}
