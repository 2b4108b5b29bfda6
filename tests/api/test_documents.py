"""/api/v1/documents: listing with filters, creating, reading, editing and deleting drafts."""
from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import func, select

from tests.api.conftest import assert_error, commendation_payload, plan_payload
from tests.factories import NEW_YEAR_IN_VIETNAM, add_user, advance, new_commendation, new_plan
from workflow_app.domain.clock import local_today
from workflow_app.domain.validation import LIMITS
from workflow_app.extensions import db
from workflow_app.models import Document


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Document))


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.json
    return [d["id"] for d in response.json["items"]]


# --- list ---------------------------------------------------------------------------------

def test_list_is_paged_newest_first(world, caller):
    plans = [new_plan(world, title=f"Kế hoạch xây dựng xã hội học tập số {i}") for i in range(5)]
    drafter = caller("drafter")
    first = drafter.get("/api/v1/documents?per_page=2")
    assert (first.json["page"], first.json["per_page"], first.json["total"]) == (1, 2, 5)
    assert _ids(first) == [plans[4].id, plans[3].id]
    assert _ids(drafter.get("/api/v1/documents?per_page=2&page=3")) == [plans[0].id]
    assert drafter.get("/api/v1/documents?per_page=5000").json["per_page"] == 200
    item = first.json["items"][0]
    assert item["url"] == f"/api/v1/documents/{plans[4].id}" and "body" not in item


def test_filters(world, caller):
    plan = new_plan(world, title="Kế hoạch xây dựng xã hội học tập")
    other = new_plan(world, title="Kế hoạch chuyển đổi số cấp xã")
    advance(world, other, "submitted")
    proposal = new_commendation(world)   # also issues a plan (created by the district drafter)
    drafter, commune = caller("drafter"), caller("commune_drafter")

    assert plan.id in _ids(drafter.get("/api/v1/documents?q=XA HOI hoc tap"))
    assert _ids(drafter.get("/api/v1/documents?q=chuyen doi so cap")) == [other.id]
    assert _ids(drafter.get("/api/v1/documents?state=submitted")) == [other.id]
    assert _ids(drafter.get("/api/v1/documents?kind=commendation")) == []
    assert _ids(commune.get("/api/v1/documents?kind=commendation&mine=1")) == [proposal.id]
    # The drafter may withdraw the submitted one; the unit's head signs and submits the draft; the
    # reviewer may review the submitted one.
    assert set(_ids(drafter.get("/api/v1/documents?actionable=1"))) == {other.id}
    assert set(_ids(caller("unit_head").get("/api/v1/documents?actionable=1"))) == {plan.id}
    assert set(_ids(caller("reviewer").get("/api/v1/documents?actionable=true"))) == {other.id}
    year = local_today().year
    assert plan.id in _ids(drafter.get(f"/api/v1/documents?year={year}"))
    assert _ids(drafter.get(f"/api/v1/documents?year={year - 1}")) == []


def test_length_limits_count_the_characters_sent(world, caller):
    """openapi.json says maxLength 1000 for a title: 1001 characters sent are refused, even when
    cleaning (control characters dropped) would leave fewer. Found by schemathesis."""
    response = caller("drafter").post("/api/v1/documents", json=plan_payload(title="\u0085\b" + "*" * 999))
    assert_error(response, 422, "validation", "title")
    assert caller("drafter").post("/api/v1/documents", json=plan_payload(title="\u0085" + "*" * 999)).status_code == 201


def test_every_length_the_schema_states_is_enforced_even_where_the_kind_ignores_the_field(world, caller):
    """A proposal has no sections, but openapi.json still says a paragraph holds at most 50,000
    characters: a longer one is refused, not silently accepted. Found by schemathesis."""
    proposal = new_commendation(world)
    body = {"sections": [{"heading": "", "paragraphs": ["Ê" * (LIMITS["paragraph"] + 1)]}]}
    response = caller("commune_drafter").patch(f"/api/v1/documents/{proposal.id}",
                                               json={"version": proposal.version, "body": body})
    assert_error(response, 422, "validation", "body.sections[0].paragraphs[0]")


def test_the_year_filter_counts_office_years(world, caller):
    """A draft written at 00:30 on 1 January in Vietnam (still 31 December in UTC) is of the new year."""
    with time_machine.travel(NEW_YEAR_IN_VIETNAM, tick=True):
        plan = new_plan(world)
        drafter = caller("drafter")
        assert _ids(drafter.get("/api/v1/documents?year=2027")) == [plan.id]
        assert _ids(drafter.get("/api/v1/documents?year=2026")) == []


@pytest.mark.parametrize("query,status,field", [
    ("page=abc", 400, "page"), ("year=20x4", 400, "year"), ("mine=yes", 400, "mine"),
    ("page=0", 422, "page"), ("year=1800", 422, "year"), ("kind=memo", 422, "kind"),
    ("state=lost", 422, "state"), ("q=" + "x" * 201, 422, "q"), ("per_page=-1", 422, "per_page"),
])
def test_bad_filters_are_refused(world, caller, query, status, field):
    assert_error(caller("drafter").get(f"/api/v1/documents?{query}"), status,
                 "bad_request" if status == 400 else "validation", field)


def test_control_characters_in_a_search_are_dropped(world, caller):
    plan = new_plan(world, title="Kế hoạch thi đua")
    assert _ids(caller("drafter").get("/api/v1/documents?q=thi%00 dua")) == [plan.id]


# --- create and read ------------------------------------------------------------------------

def test_create_returns_the_document_and_where_it_lives(world, caller):
    response = caller("drafter").post("/api/v1/documents", json=plan_payload())
    assert response.status_code == 201
    document = response.json
    assert response.headers["Location"] == f"/api/v1/documents/{document['id']}"
    assert document["organization"] == {"code": "UBND-CL", "name": "Ủy ban nhân dân huyện Càng Long",
                                        "allow_combined_duties": False}
    assert (document["kind"], document["state"], document["version"], document["created_by"]) == (
        "plan", "draft", 1, "drafter")
    assert (document["number"], document["issued_on"], document["signer"]) == (None, None, None)
    assert document["history"] == [] and document["files"] == []
    assert document["body"]["sections"][0]["heading"] == "MỤC ĐÍCH, YÊU CẦU"
    assert caller("drafter").get(document["url"]).json == document


def test_a_commendation_carries_its_nominees(world, caller):
    plan = new_plan(world)
    advance(world, plan, "issued")
    response = caller("commune_drafter").post("/api/v1/documents", json=commendation_payload(plan.id))
    assert response.status_code == 201
    nominee = response.json["nominees"][0]
    assert set(nominee) >= {"id", "order", "kind", "full_name", "position", "organization", "award",
                            "achievement", "review_status", "review_note"}
    assert (nominee["order"], nominee["review_status"]) == (1, "pending")


def test_a_household_is_a_nominee_like_any_other(world, caller):
    """Issue 13, point 4: households ("Gia đình học tập") are Giấy khen recipients; no gender asked."""
    plan = new_plan(world)
    advance(world, plan, "issued")
    household = {"kind": "household", "full_name": "Hộ ông Thạch Sa Rinh", "organization": "Ấp Sóc Ruộng",
                 "award": "giay_khen", "achievement": "Đạt danh hiệu “Gia đình học tập” tiêu biểu."}
    response = caller("commune_drafter").post("/api/v1/documents", json=commendation_payload(
        plan.id, nominees=[household]))
    assert response.status_code == 201, response.json
    nominee = response.json["nominees"][0]
    assert (nominee["kind"], nominee["full_name"], nominee["gender"]) == ("household", "Hộ ông Thạch Sa Rinh", "")
    error = assert_error(caller("commune_drafter").post("/api/v1/documents", json=commendation_payload(
        plan.id, nominees=[{**household, "kind": "family"}])), 422, "validation", "nominees[0].kind")
    assert "household" in error["fields"]["nominees[0].kind"]


@pytest.mark.parametrize("payload,status,fields", [
    ([], 400, ("body",)),
    ({"kind": "plan", "title": 5}, 400, ("title",)),
    ({"kind": "plan", "title": "x", "body": {"sections": "abc"}}, 400, ("body.sections",)),
    ({"kind": "commendation", "title": "x", "body": {"plan_id": 1.5}}, 400, ("body.plan_id",)),
    ({"kind": "plan"}, 422, ("title",)),
    ({"kind": "memo", "title": "x"}, 422, ("kind",)),
    ({"kind": "plan", "title": "x" * 1001}, 422, ("title",)),
    ({"kind": "commendation", "title": "x", "body": {"plan_id": 2**40}}, 422, ("body.plan_id",)),
    ({"kind": "commendation", "title": "x", "nominees": [{"full_name": "A", "achievement": "B",
                                                         "award": "huan_chuong"}]},
     422, ("nominees[0].award",)),
])
def test_bad_documents_are_refused_and_nothing_is_created(world, caller, payload, status, fields):
    who = "commune_drafter" if isinstance(payload, dict) and payload.get("kind") == "commendation" else "drafter"
    assert_error(caller(who).post("/api/v1/documents", json=payload), status,
                 "bad_request" if status == 400 else "validation", *fields)
    assert _count() == 0


def test_only_drafters_create(world, caller):
    assert_error(caller("reviewer").post("/api/v1/documents", json=plan_payload()), 403, "forbidden")
    assert _count() == 0


def test_what_a_user_may_not_see_is_not_found(world, caller):
    plan = new_plan(world)
    commune = caller("commune_drafter")
    for path in (f"/api/v1/documents/{plan.id}", "/api/v1/documents/999999", "/api/v1/documents/0",
                 "/api/v1/documents/99999999999"):
        assert_error(commune.get(path), 404, "not_found")
    assert_error(commune.patch(f"/api/v1/documents/{plan.id}", json={"version": 1, "title": "x"}),
                 404, "not_found")
    assert_error(commune.delete(f"/api/v1/documents/{plan.id}"), 404, "not_found")
    assert _count() == 1


# --- edit -----------------------------------------------------------------------------------

def test_patch_changes_only_what_is_sent(world, caller):
    plan = new_plan(world)
    drafter = caller("drafter")
    response = drafter.patch(f"/api/v1/documents/{plan.id}", json={"version": 1, "title": "Kế hoạch mới"})
    assert response.status_code == 200
    assert (response.json["title"], response.json["version"]) == ("Kế hoạch mới", 2)
    assert response.json["body"]["sections"]


@pytest.mark.parametrize("payload,status,code,field", [
    ({"title": "Không có version"}, 422, "validation", "version"),
    ({"version": "1", "title": "x"}, 400, "bad_request", "version"),
    ({"version": 1, "title": ""}, 422, "validation", "title"),
    ({"version": 1, "kind": "commendation"}, 422, "validation", "kind"),
    ({"version": 0, "title": "Bản cũ"}, 409, "conflict", None),
])
def test_refused_edits_change_nothing(world, caller, payload, status, code, field):
    plan = new_plan(world)
    before = (plan.title, plan.version)
    assert_error(caller("drafter").patch(f"/api/v1/documents/{plan.id}", json=payload), status, code,
                 *([field] if field else []))
    db.session.expire_all()
    assert (plan.title, plan.version) == before


def test_only_drafts_and_only_by_their_editors(world, caller):
    plan = new_plan(world)
    assert_error(caller("admin").patch(f"/api/v1/documents/{plan.id}", json={"version": 1, "title": "x"}),
                 403, "forbidden")
    advance(world, plan, "submitted")
    assert_error(caller("drafter").patch(f"/api/v1/documents/{plan.id}",
                                         json={"version": plan.version, "title": "x"}), 409, "conflict")


# --- delete ---------------------------------------------------------------------------------

def test_delete_a_never_submitted_draft(world, caller):
    plan = new_plan(world)
    assert_error(caller("admin").delete("/api/v1/documents/999999"), 404, "not_found")
    colleague = caller(add_user("drafter2", world.district, ["drafter"], "NV"))
    assert_error(colleague.delete(f"/api/v1/documents/{plan.id}"), 403, "forbidden")
    response = caller("drafter").delete(f"/api/v1/documents/{plan.id}")
    assert response.status_code == 204 and response.data == b""
    assert _count() == 0


def test_a_submitted_document_cannot_be_deleted(world, caller):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    caller("drafter").fire({"id": plan.id, "version": plan.version}, "withdraw")
    assert_error(caller("drafter").delete(f"/api/v1/documents/{plan.id}"), 409, "conflict")
    assert _count() == 1
