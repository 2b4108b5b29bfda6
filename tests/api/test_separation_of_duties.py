"""Separation of duties through the API (issue 12, point 4): one person holding every role may
not take a colleague's draft to issue alone; a body that allows combined duties may, and the
history says so."""
from __future__ import annotations

import pytest

from tests.api.conftest import assert_error, plan_payload
from tests.factories import add_user, snapshot
from workflow_app.extensions import db
from workflow_app.services import demo_data

EVERY_ROLE = ["drafter", "reviewer", "approver", "archivist"]
APPROVE_REMARK = ("Kiêm nhiệm theo thiết lập của cơ quan: người phê duyệt đồng thời là người soạn, "
                  "người trình và người thẩm định văn bản.")
ISSUE_REMARK = "Kiêm nhiệm theo thiết lập của cơ quan: người ban hành đồng thời là người ký văn bản."


@pytest.fixture
def omni(world):
    """The probe's user: drafter, reviewer, approver and archivist of the district, in the NV unit,
    and its head (who signs and submits its Tờ trình)."""
    return add_user("omni", world.district, EVERY_ROLE, "NV", "Phó Chủ tịch", full_name="Lê Văn Toàn",
                    heads_unit=True)


def _fire(caller, document: dict, transition: str, **fields):
    response = caller.fire(document, transition, **fields)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def _refused(caller, document: dict, transition: str) -> str:
    before = snapshot(document["id"])
    error = assert_error(caller.fire(document, transition), 403, "forbidden")
    assert snapshot(document["id"]) == before
    return error["message"]


def _colleagues_draft_taken_to_review(caller, omni) -> tuple[dict, object]:
    """A colleague writes a plan; omni edits it, submits it and reviews it."""
    drafter, alone = caller("drafter"), caller(omni)
    created = drafter.post("/api/v1/documents", json=plan_payload()).json
    edited = alone.patch(f"/api/v1/documents/{created['id']}",
                         json={"version": created["version"], "title": created["title"] + " (sửa)"})
    assert edited.status_code == 200, edited.json
    submitted = _fire(alone, edited.json, "submit")
    return _fire(alone, submitted, "review"), alone


def test_one_person_with_every_role_cannot_approve_what_they_edited_submitted_and_reviewed(world, caller, omni):
    reviewed, alone = _colleagues_draft_taken_to_review(caller, omni)
    assert reviewed["available_transitions"] == ["return"]   # approving is not offered ...
    listed = alone.get("/api/v1/documents?actionable=1").json["items"]
    assert [(d["id"], d["available_transitions"]) for d in listed] == [(reviewed["id"], ["return"])]
    message = _refused(alone, reviewed, "approve")            # ... and refused, naming why
    assert message.startswith("Bạn đã soạn, trình và thẩm định văn bản này nên không thể phê duyệt")
    assert "tách bạch nhiệm vụ" in message
    approved = _fire(caller("approver"), reviewed, "approve")   # someone else signs
    assert approved["signer"]["full_name"] == "Phạm Minh Tuấn"


def test_an_editor_alone_may_not_approve(world, caller):
    """Writing content is enough: not the creator, not the submitter, only an edit."""
    editor = add_user("editor", world.district, ["drafter", "approver"], "NV", "Phó Chủ tịch")
    drafter = caller("drafter")
    created = drafter.post("/api/v1/documents", json=plan_payload()).json
    edited = caller(editor).patch(f"/api/v1/documents/{created['id']}",
                                  json={"version": created["version"],
                                        "body": {**demo_data.PLAN_BODY, "recipients": ["Như trên;"]}})
    assert edited.status_code == 200
    reviewed = _fire(caller("reviewer"), _fire(caller("unit_head"), edited.json, "submit"), "review")
    assert caller(editor).get(f"/api/v1/documents/{created['id']}").json["available_transitions"] == ["return"]
    message = _refused(caller(editor), reviewed, "approve")
    assert message.startswith("Bạn đã soạn văn bản này nên không thể phê duyệt")
    assert _fire(caller("approver"), reviewed, "approve")["state"] == "approved"


def test_the_signer_may_not_issue(world, caller, omni):
    drafter, alone = caller("drafter"), caller(omni)
    created = drafter.post("/api/v1/documents", json=plan_payload()).json
    reviewed = _fire(caller("reviewer"), _fire(caller("unit_head"), created, "submit"), "review")
    approved = _fire(alone, reviewed, "approve")     # omni wrote nothing of this one: may sign it
    assert approved["signer"]["full_name"] == "Lê Văn Toàn"
    assert approved["available_transitions"] == ["return"]
    message = _refused(alone, approved, "issue")
    assert message.startswith("Bạn đã ký văn bản này nên không thể ban hành")
    issued = _fire(caller("archivist"), approved, "issue")
    assert issued["state"] == "issued" and issued["number"]


def test_a_body_that_allows_combined_duties_lets_one_person_do_it_and_the_history_says_so(world, caller, omni):
    world.district.allow_combined_duties = True
    db.session.commit()
    reviewed, alone = _colleagues_draft_taken_to_review(caller, omni)
    assert reviewed["organization"]["allow_combined_duties"] is True
    assert reviewed["available_transitions"] == ["approve", "return"]
    approved = _fire(alone, reviewed, "approve")
    assert approved["available_transitions"] == ["issue", "return"]
    issued = _fire(alone, approved, "issue")
    assert issued["state"] == "issued"
    steps = {entry["transition"]: entry for entry in issued["history"]}
    assert (steps["approve"]["combined_duties"], steps["approve"]["remark"]) == (
        ["authors", "submitter", "reviewer"], APPROVE_REMARK)
    assert (steps["issue"]["combined_duties"], steps["issue"]["remark"]) == (["signer"], ISSUE_REMARK)
    for name in ("submit", "review"):   # nothing combined: nothing to say
        assert (steps[name]["combined_duties"], steps[name]["remark"]) == ([], "")


def test_under_the_relaxation_a_step_by_someone_else_records_nothing(world, caller):
    world.district.allow_combined_duties = True
    db.session.commit()
    drafter = caller("drafter")
    created = drafter.post("/api/v1/documents", json=plan_payload()).json
    reviewed = _fire(caller("reviewer"), _fire(caller("unit_head"), created, "submit"), "review")
    issued = _fire(caller("archivist"), _fire(caller("approver"), reviewed, "approve"), "issue")
    assert all(e["combined_duties"] == [] and e["remark"] == "" for e in issued["history"])
