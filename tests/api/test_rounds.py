"""Commendation rounds (issue 15, points 1 and 2): a plan's rounds in its body, their ids once it is
issued, proposals filed against a round, GET /api/v1/rounds/{id}, late proposals."""
from __future__ import annotations

import copy
from datetime import datetime, timezone

import time_machine

from tests.api.conftest import assert_error, commendation_payload, plan_payload
from tests.factories import add_user, advance, issued_plan
from workflow_app.extensions import db
from workflow_app.models import Document, Organization, Round, WorkflowEvent
from workflow_app.services import demo_data

ROUNDS = demo_data.PLAN_BODY["rounds"]
BEFORE_THE_DEADLINE = datetime(2025, 10, 31, 16, 30, tzinfo=timezone.utc)   # 31/10 23:30 in Vietnam
AFTER_THE_DEADLINE = datetime(2025, 10, 31, 17, 30, tzinfo=timezone.utc)    # 01/11 00:30 in Vietnam


def _rounds(**change) -> list[dict]:
    rounds = copy.deepcopy(ROUNDS)
    rounds[0].update(change)
    return rounds


def _proposal(round_id: int, nominees=None, **body) -> dict:
    payload = commendation_payload(0, nominees=demo_data.NOMINEES if nominees is None else nominees)
    payload["body"] = {**demo_data.COMMENDATION_BODY, "round_id": round_id, **body}
    del payload["body"]["period"]
    return payload


def _first_round(plan: Document) -> Round:
    db.session.expire_all()
    return db.session.get(Document, plan.id).rounds[0]


# --- the plan's rounds ---------------------------------------------------------------------

def test_a_plan_keeps_its_rounds_and_they_get_ids_at_its_issue(world, caller):
    drafter = caller("drafter")
    created = drafter.post("/api/v1/documents", json=plan_payload())
    assert created.status_code == 201, created.json
    body = created.json["body"]
    assert [r["key"] for r in body["rounds"]] == ["so-ket-2025", "tong-ket-2030"]
    assert body["rounds"][0]["groups"][0] == ROUNDS[0]["groups"][0]
    assert "id" not in body["rounds"][0]          # a draft's rounds are its body only
    plan = db.session.get(Document, created.json["id"])
    advance(world, plan, "issued")
    shown = drafter.get(f"/api/v1/documents/{plan.id}").json["body"]["rounds"]
    rows = db.session.scalars(db.select(Round).where(Round.plan_id == plan.id).order_by(Round.position)).all()
    assert [r["id"] for r in shown] == [r.id for r in rows] and len(rows) == 2
    assert (rows[0].key, rows[0].name, rows[0].proposals_due.isoformat()) == (
        "so-ket-2025", "Sơ kết giai đoạn 2023 - 2025", "2025-10-31")
    assert rows[1].groups[2]["kind"] == "household"


def test_a_round_without_a_key_takes_one_from_its_name(world, caller):
    rounds = _rounds()
    del rounds[0]["key"]
    created = caller("drafter").post("/api/v1/documents", json=plan_payload(body={**demo_data.PLAN_BODY,
                                                                                  "rounds": rounds}))
    assert created.json["body"]["rounds"][0]["key"] == "so-ket-giai-doan-2023-2025"


def test_bad_rounds_are_refused_naming_each_field(world, caller):
    rounds = _rounds(proposals_due="2025-02-30")
    rounds[0]["groups"][0]["awards"] = ["giay_khen", "bang_khen_thu_tuong"]
    rounds[0]["groups"][1]["kind"] = "family"
    rounds[1]["name"] = ""
    rounds[1]["key"] = "so-ket-2025"
    response = caller("drafter").post("/api/v1/documents", json=plan_payload(body={**demo_data.PLAN_BODY,
                                                                                   "rounds": rounds}))
    error = assert_error(response, 422, "validation", "body.rounds[0].groups[1].kind")
    rounds[0]["groups"][1]["kind"] = "individual"      # the schema refuses the kind first
    response = caller("drafter").post("/api/v1/documents", json=plan_payload(body={**demo_data.PLAN_BODY,
                                                                                   "rounds": rounds}))
    error = assert_error(response, 422, "validation", "body.rounds[0].proposals_due",
                         "body.rounds[0].groups[0].awards[1]", "body.rounds[1].name", "body.rounds[1].key")
    assert "bang_khen_thu_tuong" in error["fields"]["body.rounds[0].groups[0].awards[1]"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Document)) == 0


def test_a_round_needs_its_deadline_and_a_group_and_a_group_an_award(world, caller):
    rounds = [{"name": "Sơ kết năm 2024", "proposals_due": None, "groups": []},
              {"name": "Tổng kết", "proposals_due": "2030-10-31",
               "groups": [{"name": "Cá nhân", "kind": "individual", "awards": []}]}]
    response = caller("drafter").post("/api/v1/documents", json=plan_payload(body={**demo_data.PLAN_BODY,
                                                                                   "rounds": rounds}))
    assert_error(response, 422, "validation", "body.rounds[0].proposals_due", "body.rounds[0].groups",
                 "body.rounds[1].groups[0].awards")


# --- proposals against a round ---------------------------------------------------------------

def test_a_proposal_against_a_round_takes_its_plan_and_period(world, caller):
    plan = issued_plan(world)
    round_ = _first_round(plan)
    created = caller("commune_drafter").post("/api/v1/documents", json=_proposal(round_.id))
    assert created.status_code == 201, created.json
    body = created.json["body"]
    assert (body["round_id"], body["plan_id"], body["period"]) == (round_.id, plan.id, "Sơ kết giai đoạn 2023 - 2025")
    assert created.json["late"] is False
    assert db.session.get(Document, created.json["id"]).round_id == round_.id


def test_a_nominee_the_round_does_not_allow_is_refused_naming_the_row(world, caller):
    plan = issued_plan(world)
    round_ = _first_round(plan)
    nominees = copy.deepcopy(demo_data.NOMINEES[:3])
    nominees[1]["award"] = "chien_si_thi_dua_co_so"        # the body's award, not this round's
    response = caller("commune_drafter").post("/api/v1/documents", json=_proposal(round_.id, nominees))
    error = assert_error(response, 422, "validation", "nominees[1].award")
    assert "Dòng 2" in error["fields"]["nominees[1].award"] and "Chiến sĩ thi đua cơ sở" in error["fields"][
        "nominees[1].award"]
    assert list(error["fields"]) == ["nominees[1].award"]

    tong_ket = db.session.get(Document, plan.id).rounds[1]
    nominees[1]["award"] = "giay_khen"
    nominees[2].update(kind="collective", award="lao_dong_tien_tien")   # a title for individuals only
    response = caller("commune_drafter").post("/api/v1/documents", json=_proposal(tong_ket.id, nominees))
    assert_error(response, 422, "validation", "nominees[2].award")


def test_a_round_without_a_group_of_the_nominees_kind_refuses_it(world, caller):
    body = copy.deepcopy(demo_data.PLAN_BODY)
    body["rounds"] = [{"key": "tap-the", "name": "Khen tập thể", "proposals_due": "2030-01-01",
                       "groups": [{"name": "Tập thể", "kind": "collective", "awards": ["giay_khen"]}]}]
    other = caller("drafter").post("/api/v1/documents", json=plan_payload(body=body))
    advance(world, db.session.get(Document, other.json["id"]), "issued")
    round_id = db.session.get(Document, other.json["id"]).rounds[0].id
    response = caller("commune_drafter").post("/api/v1/documents", json=_proposal(round_id))
    error = assert_error(response, 422, "validation", "nominees[0].kind")
    assert "Dòng 1" in error["fields"]["nominees[0].kind"] and "cá nhân" in error["fields"]["nominees[0].kind"]


def test_a_round_of_a_plan_not_issued_or_not_visible_is_refused(world, caller):
    other_body = Organization(**{**demo_data.DISTRICT, "code": "UBND-TC", "name": "Ủy ban nhân dân huyện Tiểu Cần"})
    db.session.add(other_body)
    db.session.commit()
    stranger = add_user("drafter.tieucan", other_body, ["drafter"])
    plan = issued_plan(world)
    round_ = _first_round(plan)
    response = caller(stranger).post("/api/v1/documents", json=_proposal(round_.id))
    assert_error(response, 422, "validation", "body.round_id")
    assert_error(caller("commune_drafter").post("/api/v1/documents", json=_proposal(2**31 - 1)), 422,
                 "validation", "body.round_id")


# --- GET /rounds/{id} --------------------------------------------------------------------------

def test_a_round_shows_its_proposals_and_who_has_not_proposed(world, caller):
    plan = issued_plan(world)
    round_ = _first_round(plan)
    second = Organization(**{**demo_data.COMMUNE, "code": "UBND-HP", "name": "Ủy ban nhân dân xã Huyền Hội"})
    second.parent = world.district
    db.session.add(second)
    db.session.commit()
    created = caller("commune_drafter").post("/api/v1/documents", json=_proposal(round_.id)).json
    proposal = db.session.get(Document, created["id"])
    with time_machine.travel(BEFORE_THE_DEADLINE, tick=False):
        advance(world, proposal, "reviewed")

    report = caller("reviewer").get(f"/api/v1/rounds/{round_.id}")
    assert report.status_code == 200, report.json
    assert {k: report.json[k] for k in ("id", "plan_id", "key", "name", "proposals_due", "open", "decision_ids")} == {
        "id": round_.id, "plan_id": plan.id, "key": "so-ket-2025", "name": "Sơ kết giai đoạn 2023 - 2025",
        "proposals_due": "2025-10-31", "open": True, "decision_ids": []}
    [row] = report.json["proposals"]
    assert (row["document_id"], row["organization"], row["state"], row["nominees"], row["accepted"]) == (
        proposal.id, "Ủy ban nhân dân xã An Trường", "reviewed", 6, 6)
    assert report.json["not_proposed"] == ["Ủy ban nhân dân xã Huyền Hội", "Văn phòng HĐND và UBND huyện",
                                           "Phòng Nội vụ", "Phòng Giáo dục và Đào tạo"]

    as_drafter = caller("drafter").get(f"/api/v1/rounds/{round_.id}").json     # no reviewing role: the same
    assert as_drafter["proposals"] == report.json["proposals"]
    assert as_drafter["not_proposed"] == report.json["not_proposed"]
    mine = caller("commune_drafter").get(f"/api/v1/rounds/{round_.id}").json
    assert [p["document_id"] for p in mine["proposals"]] == [proposal.id] and mine["not_proposed"] == []
    other_commune = add_user("drafter.huyenhoi", second, ["drafter"])
    theirs = caller(other_commune).get(f"/api/v1/rounds/{round_.id}").json
    assert theirs["proposals"] == [] and theirs["not_proposed"] == ["Ủy ban nhân dân xã Huyền Hội"]


def test_a_round_is_not_found_by_an_unrelated_body(world, caller):
    plan = issued_plan(world)
    round_ = _first_round(plan)
    elsewhere = Organization(**{**demo_data.DISTRICT, "code": "UBND-TC", "name": "Ủy ban nhân dân huyện Tiểu Cần"})
    db.session.add(elsewhere)
    db.session.commit()
    assert_error(caller(add_user("reviewer.tieucan", elsewhere, ["reviewer"])).get(f"/api/v1/rounds/{round_.id}"),
                 404, "not_found")
    assert_error(caller("reviewer").get("/api/v1/rounds/999999"), 404, "not_found")


def test_drafts_are_not_proposals_yet(world, caller):
    plan = issued_plan(world)
    round_ = _first_round(plan)
    caller("commune_drafter").post("/api/v1/documents", json=_proposal(round_.id))
    report = caller("reviewer").get(f"/api/v1/rounds/{round_.id}").json
    assert report["proposals"] == [] and "Ủy ban nhân dân xã An Trường" in report["not_proposed"]


# --- late proposals ----------------------------------------------------------------------------

def _submitted_at(world, caller, moment) -> tuple[Document, dict]:
    plan = issued_plan(world)
    round_ = _first_round(plan)
    created = caller("commune_drafter").post("/api/v1/documents", json=_proposal(round_.id)).json
    with time_machine.travel(moment, tick=False):
        submitted = caller("commune_approver").fire(created, "submit")
    assert submitted.status_code == 200, submitted.json
    return db.session.get(Document, created["id"]), submitted.json


def test_a_proposal_submitted_by_its_deadline_is_not_late(world, caller):
    _, submitted = _submitted_at(world, caller, BEFORE_THE_DEADLINE)
    assert submitted["late"] is False
    reviewed = caller("reviewer").fire(submitted, "review")
    assert reviewed.status_code == 200, reviewed.json


def test_a_proposal_submitted_after_its_deadline_is_late_and_its_review_says_why(world, caller):
    proposal, submitted = _submitted_at(world, caller, AFTER_THE_DEADLINE)
    assert submitted["late"] is True
    round_report = caller("reviewer").get(f"/api/v1/rounds/{proposal.round_id}").json
    assert round_report["proposals"][0]["late"] is True
    refused = caller("reviewer").fire(submitted, "review")
    assert_error(refused, 422, "validation", "comment")
    assert db.session.get(Document, proposal.id).state == "submitted"
    reason = "Hồ sơ gửi chậm do bão lũ; Hội đồng thống nhất vẫn xem xét."
    reviewed = caller("reviewer").fire(submitted, "review", comment=reason)
    assert reviewed.status_code == 200, reviewed.json
    assert reviewed.json["history"][-1]["comment"] == reason and reviewed.json["late"] is True
    assert db.session.scalar(db.select(WorkflowEvent.comment).where(
        WorkflowEvent.document_id == proposal.id, WorkflowEvent.transition == "review")) == reason


def test_a_proposal_without_a_round_is_never_late(world, caller):
    plan = issued_plan(world)
    created = caller("commune_drafter").post("/api/v1/documents", json=commendation_payload(plan.id)).json
    with time_machine.travel(datetime(2031, 1, 1, tzinfo=timezone.utc), tick=False):
        submitted = caller("commune_approver").fire(created, "submit")
    assert submitted.json["late"] is False



def test_a_round_of_another_body_than_the_one_that_decides_is_refused(world, caller):
    """A district's own drafter proposes to the province above it: the district's rounds are not for that."""
    province = Organization(**{**demo_data.DISTRICT, "code": "UBND-TV", "name": "Ủy ban nhân dân tỉnh Trà Vinh"})
    db.session.add(province)
    plan = issued_plan(world)
    world.district.parent = province
    db.session.commit()
    round_ = _first_round(plan)
    response = caller("drafter").post("/api/v1/documents", json=_proposal(round_.id))
    error = assert_error(response, 422, "validation", "body.round_id")
    assert "Ủy ban nhân dân tỉnh Trà Vinh" in error["fields"]["body.round_id"]


def test_households_fit_a_round_with_a_household_group_only(world, caller):
    plan = issued_plan(world)
    so_ket, tong_ket = db.session.get(Document, plan.id).rounds
    household = {"kind": "household", "full_name": "Hộ ông Thạch Sa Rương", "position": "",
                 "organization": "Ấp Đại Đức, xã An Trường", "award": "giay_khen",
                 "achievement": "Gia đình học tập tiêu biểu nhiều năm liền."}
    refused = caller("commune_drafter").post("/api/v1/documents", json=_proposal(so_ket.id, [household]))
    error = assert_error(refused, 422, "validation", "nominees[0].kind")
    assert "hộ gia đình" in error["fields"]["nominees[0].kind"]
    created = caller("commune_drafter").post("/api/v1/documents", json=_proposal(tong_ket.id, [household]))
    assert created.status_code == 201, created.json
