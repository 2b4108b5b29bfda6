"""The council's meeting for a round over the API (beyond shared/API.md; issue 15, point 4):
PUT/GET /api/v1/rounds/{id}/council; award-list rules a proposal must respect (given_by) and a
round's quotas in the plan's body."""
from __future__ import annotations

import copy

from tests.api.conftest import assert_error, plan_payload
from tests.council_support import CSTDCS, GIAY_KHEN, NOMINEES, by_name, council_round, meeting, reviewed_proposal
from workflow_app.extensions import db
from workflow_app.models import Document, Organization, Round
from workflow_app.services import demo_data


def _put(caller, round_id: int, body: dict):
    return caller.open("PUT", f"/api/v1/rounds/{round_id}/council", json=body)


def test_put_records_the_council_and_get_shows_it(world, caller):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    rows = by_name(proposal)
    before = caller("reviewer").get(f"/api/v1/rounds/{round_.id}/council")
    assert before.status_code == 200, before.json
    assert before.json["recorded"] is False and before.json["may_record"] is True
    assert [n["passed"] for n in before.json["nominees"]] == [None] * 5

    response = _put(caller("reviewer"), round_.id, {"meeting": meeting(), "members": 9, "votes": [
        {"nominee_id": rows[("Nguyễn Văn Một", CSTDCS)].id, "votes_for": 8},
        {"nominee_id": rows[("Trần Văn Hai", CSTDCS)].id, "votes_for": 7},
        {"nominee_id": rows[("Lê Văn Ba", GIAY_KHEN)].id, "votes_for": None}]})
    assert response.status_code == 200, response.json
    shown = {(n["full_name"], n["award"]): n for n in response.json["nominees"]}
    two = shown[("Trần Văn Hai", CSTDCS)]
    assert (two["votes_for"], two["votes_total"], two["percent"], two["passed"]) == (7, 9, 77.8, False)
    assert two["note"] == "Không đạt tỷ lệ phiếu bầu (7/9 = 77,8%, cần ≥ 80% tổng số thành viên)"
    assert two["threshold"] == {"percent": 80, "of": "members"} and two["unit"] == "Ủy ban nhân dân xã An Trường"
    assert shown[("Nguyễn Văn Một", CSTDCS)]["passed"] is True
    assert shown[("Lê Văn Ba", GIAY_KHEN)] | {"passed": True, "threshold": None, "votes_for": None} == shown[
        ("Lê Văn Ba", GIAY_KHEN)]
    assert (response.json["members"], response.json["present"]) == (9, 7)
    assert response.json["recorded_by"] == world.users["reviewer"].full_name

    again = caller("drafter").get(f"/api/v1/rounds/{round_.id}/council").json
    assert again["nominees"] == response.json["nominees"] and again["may_record"] is False
    assert again["meeting"]["place"] == "Hội trường UBND huyện"
    nominee = caller("reviewer").get(f"/api/v1/documents/{proposal.id}").json["nominees"]
    assert [(n["review_status"], n["votes_for"]) for n in nominee if n["full_name"] == "Trần Văn Hai"
            and n["award"] == CSTDCS] == [("rejected", 7)]


def test_bad_council_input_is_a_4xx_naming_the_fields(world, caller):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    rows = by_name(proposal)
    reviewer = caller("reviewer")
    error = assert_error(_put(reviewer, round_.id, {"meeting": meeting(), "members": 3, "votes": [
        {"nominee_id": rows[("Nguyễn Văn Một", CSTDCS)].id, "votes_for": 4}]}), 422, "validation",
        "members", "votes[0].votes_for", "votes")
    assert "Trần Văn Hai" in error["fields"]["votes"]
    assert_error(_put(reviewer, round_.id, {"meeting": meeting(ended_at="07:00"), "members": 9}), 422, "validation",
                 "meeting.ended_at")
    assert_error(_put(reviewer, round_.id, {"meeting": meeting(), "members": "9"}), 400, "bad_request", "members")
    assert_error(_put(reviewer, round_.id, {"members": 9}), 422, "validation", "meeting")
    assert_error(_put(caller("drafter"), round_.id, {"meeting": meeting(), "members": 9}), 403, "forbidden")
    assert_error(_put(caller("commune_drafter"), round_.id, {"meeting": meeting(), "members": 9}), 404, "not_found")
    assert_error(caller("reviewer").get("/api/v1/rounds/999999/council"), 404, "not_found")
    assert db.session.get(Round, round_.id).council is None
    assert {n.review_status for n in db.session.get(Document, proposal.id).nominees} == {"accepted"}


def test_a_proposal_of_an_award_the_deciding_body_may_not_give_is_refused_naming_the_row(world, caller):
    round_ = council_round(world)
    district = db.session.get(Organization, world.district.id)
    district.level = "xa"            # as if the district were a commune: no CSTĐCS (Luật TĐKT 2022, Điều 80)
    db.session.commit()
    body = {k: v for k, v in demo_data.COMMENDATION_BODY.items() if k != "period"}
    response = caller("commune_drafter").post("/api/v1/documents", json={
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": {**body, "round_id": round_.id},
        "nominees": NOMINEES})
    error = assert_error(response, 422, "validation", "nominees[0].award", "nominees[2].award")
    assert set(error["fields"]) == {"nominees[0].award", "nominees[2].award"}
    assert error["fields"]["nominees[0].award"].startswith("Dòng 1 (Nguyễn Văn Một): “Chiến sĩ thi đua cơ sở” chỉ do")
    district.level = "huyen"
    db.session.commit()
    assert caller("commune_drafter").post("/api/v1/documents", json={
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": {**body, "round_id": round_.id},
        "nominees": NOMINEES}).status_code == 201


def test_a_rounds_quotas_are_kept_and_checked(world, caller):
    body = copy.deepcopy(demo_data.PLAN_BODY)
    body["rounds"][1]["quotas"] = {"UBND-AT": {CSTDCS: 2}, "Phòng Giáo dục và Đào tạo": {"bang_khen": 1}}
    error = assert_error(caller("drafter").post("/api/v1/documents", json=plan_payload(body=body)), 422,
                         "validation", "body.rounds[1].quotas[Phòng Giáo dục và Đào tạo].bang_khen")
    assert "không có trong danh mục" in error["fields"]["body.rounds[1].quotas[Phòng Giáo dục và Đào tạo].bang_khen"]
    body["rounds"][1]["quotas"] = {"UBND-AT": {CSTDCS: 2}}
    created = caller("drafter").post("/api/v1/documents", json=plan_payload(body=body))
    assert created.status_code == 201, created.json
    assert created.json["body"]["rounds"][1]["quotas"] == {"UBND-AT": {CSTDCS: 2}}
    assert "quotas" not in created.json["body"]["rounds"][0]


def test_meeting_names_the_web_form_would_change_are_made_one_line_or_refused(world, caller):
    """What the API keeps the council page shows back and saves again unchanged: the page writes
    the attendees and the absent one per line, "name, position", and the place in a one-line input
    (browsers drop its line breaks, gluing the words). A name with a line break became two
    attendees at the next save (and another count present); one with a comma, another name."""
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    rows = by_name(proposal)
    votes = [{"nominee_id": rows[(name, CSTDCS)].id, "votes_for": 8} for name in ("Nguyễn Văn Một", "Trần Văn Hai")]
    attendees = [{"name": "Thành viên\n1", "position": "Ủy viên"}] + meeting()["attendees"][1:]
    reviewer = caller("reviewer")
    response = _put(reviewer, round_.id, {"meeting": meeting(
        place="Hội trường\nUBND huyện", attendees=attendees,
        chair={"name": "Nguyễn Văn\u2028Chủ", "position": "Chủ tịch\nHội đồng"}), "members": 9, "votes": votes})
    assert response.status_code == 200, response.json
    shown = response.json["meeting"]
    assert shown["place"] == "Hội trường UBND huyện" and shown["attendees"][0]["name"] == "Thành viên 1"
    assert shown["chair"] == {"name": "Nguyễn Văn Chủ", "position": "Chủ tịch Hội đồng"}
    assert response.json["present"] == 7
    before = db.session.get(Round, round_.id).council
    refused = _put(reviewer, round_.id, {"meeting": meeting(
        attendees=[{"name": "Lê Văn A, Ủy viên", "position": ""}], absent=[{"name": "Trần B, C", "position": ""}]),
        "members": 9, "votes": votes})
    assert_error(refused, 422, "validation", "meeting.attendees[0].name", "meeting.absent[0].name")
    db.session.expire_all()
    assert db.session.get(Round, round_.id).council == before
