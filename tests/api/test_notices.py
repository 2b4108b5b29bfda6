"""GET /api/v1/notifications and POST /api/v1/notifications/read (issue 14 §10)."""
from __future__ import annotations

from tests.factories import new_plan
from workflow_app.services.transitions import apply_transition

from .conftest import assert_error, plan_payload


def test_a_submission_through_the_api_shows_in_the_reviewers_notifications(world, caller, mail_on):
    drafter, head, reviewer = caller("drafter"), caller("unit_head"), caller("reviewer")
    created = drafter.post("/api/v1/documents", json=plan_payload()).json
    assert head.fire(created, "submit").status_code == 200   # the unit's head signs and submits it

    listed = reviewer.get("/api/v1/notifications")
    assert listed.status_code == 200
    assert listed.json["unread"] == 1 and listed.json["total"] == 1
    (item,) = listed.json["items"]
    assert item["reason"] == "awaiting" and item["transition"] == "submit" and item["actor"] == "truongphong.nv"
    assert item["document"]["id"] == created["id"] and item["document"]["state"] == "submitted"
    assert item["document"]["url"] == f"/api/v1/documents/{created['id']}"
    assert item["read_at"] is None
    assert "đang chờ bạn thẩm định" in item["message"]
    assert head.get("/api/v1/notifications").json == {"items": [], "page": 1, "per_page": 50, "total": 0,
                                                         "unread": 0}


def test_unread_filter_paging_and_marking_read(world, caller):
    plans = [new_plan(world, title=f"Kế hoạch số {i} về công tác thi đua khen thưởng") for i in range(3)]
    for plan in plans:
        apply_transition(plan, "submit", world.users["unit_head"])
    reviewer = caller("reviewer")

    first = reviewer.get("/api/v1/notifications?per_page=2").json
    assert [i["document"]["id"] for i in first["items"]] == [plans[2].id, plans[1].id]   # newest first
    assert (first["total"], first["unread"]) == (3, 3)
    second = reviewer.get("/api/v1/notifications?per_page=2&page=2").json
    assert [i["document"]["id"] for i in second["items"]] == [plans[0].id]

    one = reviewer.post("/api/v1/notifications/read", json={"document_id": plans[1].id})
    assert one.status_code == 200 and one.json == {"marked": 1, "unread": 2}
    unread = reviewer.get("/api/v1/notifications?unread=1").json
    assert [i["document"]["id"] for i in unread["items"]] == [plans[2].id, plans[0].id]
    assert reviewer.post("/api/v1/notifications/read", json={}).json == {"marked": 2, "unread": 0}
    assert reviewer.get("/api/v1/notifications?unread=true").json["items"] == []
    assert all(i["read_at"] for i in reviewer.get("/api/v1/notifications").json["items"])


def test_bad_requests(world, caller):
    reviewer = caller("reviewer")
    assert_error(reviewer.get("/api/v1/notifications?unread=maybe"), 400, "bad_request", "unread")
    assert_error(reviewer.get("/api/v1/notifications?page=0"), 422, "validation", "page")
    assert_error(reviewer.post("/api/v1/notifications/read", json={"document_id": 0}), 422,
                 "validation", "document_id")
    assert_error(reviewer.post("/api/v1/notifications/read", json={"document_id": "1"}), 400,
                 "bad_request", "document_id")


def test_marking_read_a_document_one_may_not_see_is_not_found(world, caller):
    commune_draft = new_plan(world)
    assert_error(caller("commune_drafter").post("/api/v1/notifications/read", json={"document_id": commune_draft.id}),
                 404, "not_found")
