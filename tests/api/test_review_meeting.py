"""The review's meeting (issue 13, point 8): the reviewer records when and where the council met,
who chaired, took the minutes, attended or was absent, and the vote on each nominee; the
Biên bản says so, the document's JSON shows it, a wrong meeting is refused naming its field,
and the record survives a return and a re-review."""
from __future__ import annotations

from datetime import timedelta

from tests.api.conftest import assert_error
from tests.domain import document_samples as s
from tests.factories import advance, new_commendation, new_plan, snapshot
from workflow_app.domain.clock import local_today

DAY = local_today() - timedelta(days=1)     # yesterday in Vietnam: never in the future


def meeting(**change) -> dict:
    return {"held_at": f"{DAY.isoformat()}T08:00", "place": "Hội trường Ủy ban nhân dân huyện Càng Long",
            "chair": {"name": "Nguyễn Văn An", "position": "Chủ tịch Hội đồng Thi đua - Khen thưởng huyện"},
            "secretary": {"name": "Võ Thị Ngọc Hân", "position": "Chuyên viên Phòng Nội vụ"},
            "attendees": [{"name": "Trần Minh Đức", "position": "Phó Chủ tịch Hội đồng"},
                          {"name": "Dương Quốc Khởi", "position": "Ủy viên"}],
            "absent": [{"name": "Kim Văn Sơn", "position": "Ủy viên", "written_opinion": True}],
            "ended_at": "10:30", **change}


def _json(caller, document) -> dict:
    return caller.get(f"/api/v1/documents/{document.id}").json


def _minutes_text(caller, document: dict) -> list[str]:
    minutes = [f for f in document["files"] if f["name"] == "bien-ban-xet-khen-thuong.docx"][-1]
    return s.paragraphs(caller.get(minutes["url"]).data)


def test_a_review_with_its_meeting_writes_the_minutes_of_it(world, caller):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reviewer = caller("reviewer")
    first, second = proposal.nominees[0].id, proposal.nominees[1].id
    done = reviewer.fire(_json(reviewer, proposal), "review", meeting=meeting(), nominees=[
        {"id": first, "status": "accepted", "votes_for": 7, "votes_total": 9},
        {"id": second, "status": "rejected", "note": "Chưa đủ tiêu chuẩn", "votes_for": 3, "votes_total": 9}])
    assert done.status_code == 200, done.json
    body = done.json
    assert body["meeting"] == meeting()
    votes = {n["id"]: (n["votes_for"], n["votes_total"]) for n in body["nominees"]}
    assert votes[first] == (7, 9) and votes[second] == (3, 9)
    assert all(votes[n.id] == (None, None) for n in proposal.nominees[2:])

    paras = _minutes_text(reviewer, body)
    whole = "\n".join(paras)
    day = f"ngày {DAY.day:02d} tháng {DAY.month:02d} năm {DAY.year}" if DAY.month <= 2 else \
        f"ngày {DAY.day:02d} tháng {DAY.month} năm {DAY.year}"
    for line in (f"Thời gian bắt đầu: 08 giờ 00 phút, {day}.",
                 "Địa điểm: Hội trường Ủy ban nhân dân huyện Càng Long.",
                 "- Trần Minh Đức, Phó Chủ tịch Hội đồng;", "- Dương Quốc Khởi, Ủy viên.",
                 "Chủ trì: Nguyễn Văn An, Chủ tịch Hội đồng Thi đua - Khen thưởng huyện.",
                 "Thư ký: Võ Thị Ngọc Hân, Chuyên viên Phòng Nội vụ.",
                 "Vắng mặt: Kim Văn Sơn, Ủy viên (có ý kiến bằng văn bản).",
                 "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./.",
                 "7/9 (77,8%)", "3/9 (33,3%)", "THƯ KÝ", "CHỦ TRÌ", "Võ Thị Ngọc Hân", "Nguyễn Văn An"):
        assert line in paras, line
    assert f"Càng Long, {day}" in whole                                  # dated the meeting's day
    assert paras.index("Võ Thị Ngọc Hân") < paras.index("Nơi nhận:")    # the secretary signs left


def test_without_a_meeting_the_minutes_invent_none(world, caller):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reviewer = caller("reviewer")
    body = reviewer.fire(_json(reviewer, proposal), "review").json
    assert body["meeting"] is None
    paras = _minutes_text(reviewer, body)
    assert "CHỦ TRÌ" in paras and world.users["reviewer"].full_name in paras
    assert not [p for p in paras if p.startswith(("Thư ký", "THƯ KÝ", "Cuộc họp kết thúc", "Thời gian bắt đầu"))]


def test_a_wrong_meeting_is_refused_naming_the_field_and_changes_nothing(world, caller):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reviewer = caller("reviewer")
    first = proposal.nominees[0].id

    def refused(status, code, *fields, **body):
        before = snapshot(proposal.id)
        error = assert_error(reviewer.fire(_json(reviewer, proposal), "review", **body), status, code, *fields)
        assert snapshot(proposal.id) == before
        return error

    error = refused(422, "validation", "meeting.chair.name", "meeting.secretary.name",
                    meeting=meeting(chair={"name": " "}, secretary={"position": "Chuyên viên"}))
    assert "chủ trì" in error["fields"]["meeting.chair.name"]
    error = refused(422, "validation", "meeting.ended_at", meeting=meeting(ended_at="07:30"))
    assert "sau giờ bắt đầu" in error["fields"]["meeting.ended_at"]
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    refused(422, "validation", "meeting.held_at", meeting=meeting(held_at=f"{tomorrow}T08:00"))
    refused(422, "validation", "meeting.held_at", meeting=meeting(held_at="20/12/2023 08:00"))
    refused(422, "validation", "meeting.place", meeting=meeting(place=""))
    refused(422, "validation", "meeting.attendees[1].name",
            meeting=meeting(attendees=[{"name": "A"}, {"name": ""}]))
    refused(400, "bad_request", "meeting.absent[0].written_opinion",
            meeting=meeting(absent=[{"name": "Kim Văn Sơn", "written_opinion": "có"}]))
    refused(400, "bad_request", "meeting", meeting="hôm qua")
    error = refused(422, "validation", "nominees[0].votes_for",
                    nominees=[{"id": first, "status": "accepted", "votes_for": 10, "votes_total": 9}])
    assert "không được lớn hơn" in error["fields"]["nominees[0].votes_for"]
    refused(422, "validation", "nominees[0].votes_total",
            nominees=[{"id": first, "status": "accepted", "votes_for": 7}])
    refused(400, "bad_request", "nominees[0].votes_for",
            nominees=[{"id": first, "status": "accepted", "votes_for": "7", "votes_total": 9}])


def test_only_a_commendation_review_takes_a_meeting(world, caller):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    reviewer = caller("reviewer")
    before = snapshot(plan.id)
    assert_error(reviewer.fire(_json(reviewer, plan), "review", meeting=meeting()), 422, "validation", "meeting")
    assert snapshot(plan.id) == before


def test_the_meeting_survives_a_return_and_a_re_review(world, caller):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reviewer, approver, drafter = caller("reviewer"), caller("approver"), caller("commune_approver")
    first = proposal.nominees[0].id
    body = reviewer.fire(_json(reviewer, proposal), "review", meeting=meeting(), nominees=[
        {"id": first, "status": "accepted", "votes_for": 8, "votes_total": 9}]).json
    body = approver.fire(body, "return", comment="Bổ sung hồ sơ.").json
    assert body["state"] == "draft" and body["meeting"] == meeting()
    body = drafter.fire(_json(drafter, proposal), "submit").json
    assert body["state"] == "submitted" and body["meeting"] == meeting()
    again = reviewer.fire(_json(reviewer, proposal), "review").json          # nothing new said: kept
    assert again["state"] == "reviewed" and again["meeting"] == meeting()
    assert next(n for n in again["nominees"] if n["id"] == first)["votes_for"] == 8
    assert "8/9 (88,9%)" in _minutes_text(reviewer, again)
    assert "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./." in _minutes_text(reviewer, again)
    back = approver.fire(again, "return", comment="Họp lại.").json
    drafter.fire(_json(drafter, proposal), "submit")
    cleared = reviewer.fire(_json(reviewer, proposal), "review", meeting={}).json   # {}: no meeting
    assert back["state"] == "draft" and cleared["meeting"] is None
    assert "THƯ KÝ" not in _minutes_text(reviewer, cleared)
