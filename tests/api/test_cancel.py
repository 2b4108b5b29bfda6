"""Hủy (issue 14, point 5): a draft once submitted is no longer deleted; its creator cancels it,
in the history, and its Tờ trình number stays taken in the register, marked unused."""
from __future__ import annotations

from tests.api.conftest import assert_error
from tests.factories import add_user, issued_plan, new_commendation, snapshot
from workflow_app.domain.clock import local_today


def _doc(caller, document_id: int) -> dict:
    return caller.get(f"/api/v1/documents/{document_id}").json


def _submitted_and_withdrawn(world, caller):
    drafter, chairman = caller("commune_drafter"), caller("commune_approver")
    proposal = new_commendation(world, plan=issued_plan(world))
    assert chairman.fire(_doc(chairman, proposal.id), "submit").status_code == 200   # signs its Tờ trình
    body = drafter.fire(_doc(drafter, proposal.id), "withdraw").json
    assert body["state"] == "draft" and body["proposal_number"]
    return drafter, proposal, body


def test_the_creator_cancels_a_withdrawn_draft_and_its_number_is_never_given_again(world, caller):
    plan = issued_plan(world)
    drafter, proposal, body = _submitted_and_withdrawn(world, caller)
    number = body["proposal_number"]
    assert "cancel" in body["available_transitions"]
    assert_error(drafter.delete(f"/api/v1/documents/{proposal.id}"), 409, "conflict")

    # Someone else of the same unit (who may edit the draft) may not cancel it.
    colleague = caller(add_user("drafter.khac", world.commune, ["drafter"], "VP"))
    before = snapshot(proposal.id)
    assert_error(colleague.fire(body, "cancel"), 403, "forbidden")
    assert snapshot(proposal.id) == before

    response = drafter.fire(body, "cancel", comment="Đơn vị gộp vào tờ trình khác.")
    assert response.status_code == 200
    cancelled = response.json
    assert cancelled["state"] == "cancelled" and cancelled["available_transitions"] == []
    last = next(e for e in cancelled["history"] if e["transition"] == "cancel")
    assert (last["transition"], last["from"], last["to"], last["comment"]) == (
        "cancel", "draft", "cancelled", "Đơn vị gộp vào tờ trình khác.")
    assert cancelled["proposal_number"] == number   # it stays taken

    rows = drafter.get(f"/api/v1/register?year={local_today().year}").json["items"]
    row = next(r for r in rows if r["number"] == number)
    assert row["unused"] is True and row["document_id"] == proposal.id

    # The next proposal gets the next number, never the voided one.
    following = new_commendation(world, plan=plan)
    chairman = caller("commune_approver")
    submitted = chairman.fire(_doc(chairman, following.id), "submit").json
    assert submitted["proposal_number"] not in (None, number)
    assert int(submitted["proposal_number"].split("/")[0]) == int(number.split("/")[0]) + 1
    rows = drafter.get(f"/api/v1/register?year={local_today().year}").json["items"]
    assert [r["unused"] for r in rows if r["number"] == submitted["proposal_number"]] == [False]

    # Nothing leaves the cancelled state; a cancelled document is not deleted either.
    assert_error(drafter.fire(cancelled, "submit"), 409, "conflict")
    assert_error(drafter.delete(f"/api/v1/documents/{proposal.id}"), 409, "conflict")


def test_a_never_submitted_draft_is_deleted_not_cancelled(world, caller):
    drafter = caller("commune_drafter")
    proposal = new_commendation(world)
    body = _doc(drafter, proposal.id)
    before = snapshot(proposal.id)
    error = assert_error(drafter.fire(body, "cancel"), 422, "validation", "state")
    assert "xoá" in error["fields"]["state"]
    assert snapshot(proposal.id) == before
    assert drafter.delete(f"/api/v1/documents/{proposal.id}").status_code == 204


def test_cancelled_is_a_state_of_the_api(world, caller):
    drafter, proposal, body = _submitted_and_withdrawn(world, caller)
    drafter.fire(body, "cancel")
    found = drafter.get("/api/v1/documents?state=cancelled").json["items"]
    assert [d["id"] for d in found] == [proposal.id]
    # Hủy waits for nobody: it is on no one's worklist.
    waiting = drafter.get("/api/v1/documents?actionable=1").json["items"]
    assert proposal.id not in [d["id"] for d in waiting]


def test_a_cancelled_draft_stays_out_of_the_issuers_sight(world, caller):
    drafter, proposal, body = _submitted_and_withdrawn(world, caller)
    drafter.fire(body, "cancel")
    for role in ("reviewer", "approver", "archivist"):
        assert_error(caller(role).get(f"/api/v1/documents/{proposal.id}"), 404, "not_found")
