"""The meeting a Biên bản records and a vote's tally (domain/meeting.py): reading, checking, writing."""
from __future__ import annotations

from datetime import datetime, time, timezone

import pytest

from workflow_app.domain import validation
from workflow_app.domain.errors import BadRequest, ValidationFailed
from workflow_app.domain.meeting import Absentee, Meeting, Person, Vote, meeting_input

NOW = datetime(2023, 12, 28, 5, 0, tzinfo=timezone.utc)      # 12:00 in Vietnam
GIVEN = {"held_at": "2023-12-28T08:00", "place": "Hội trường Ủy ban nhân dân huyện",
         "chair": {"name": "Nguyễn Văn An", "position": "Chủ tịch Ủy ban nhân dân huyện"},
         "secretary": {"name": "Phạm Thị Thu", "position": "Trưởng phòng Nội vụ"},
         "attendees": [{"name": "Trần Minh Đức", "position": "Phó Chủ tịch"}, {"name": "Lê Văn Ba"}],
         "absent": [{"name": "Kim Văn Sơn", "position": "Ủy viên", "written_opinion": True}],
         "ended_at": "10:30"}


@pytest.mark.parametrize("votes_for,total,text", [
    (7, 9, "7/9 (77,8%)"), (8, 10, "8/10 (80%)"), (9, 9, "9/9 (100%)"), (2, 3, "2/3 (66,7%)"),
    (0, 5, "0/5 (0%)"), (1, 8, "1/8 (12,5%)"),
])
def test_a_vote_reads_as_minutes_write_it(votes_for, total, text):
    assert Vote(votes_for, total).text() == text


def test_a_threshold_is_reached_exactly_not_by_rounding():
    assert Vote(8, 10).reaches(80) and not Vote(7, 9).reaches(80)
    assert Vote(4, 5).reaches(80) and not Vote(79_999, 100_000).reaches(80)


def test_a_meeting_is_read_kept_and_read_back():
    meeting = meeting_input(GIVEN, now=NOW)
    assert meeting == Meeting(
        held_at=datetime(2023, 12, 28, 8, 0), place="Hội trường Ủy ban nhân dân huyện",
        chair=Person("Nguyễn Văn An", "Chủ tịch Ủy ban nhân dân huyện"),
        secretary=Person("Phạm Thị Thu", "Trưởng phòng Nội vụ"), ended_at=time(10, 30),
        attendees=(Person("Trần Minh Đức", "Phó Chủ tịch"), Person("Lê Văn Ba", "")),
        absent=(Absentee("Kim Văn Sơn", "Ủy viên", True),))
    assert Meeting.from_json(meeting.to_json()) == meeting
    assert meeting.to_json()["held_at"] == "2023-12-28T08:00" and meeting.to_json()["ended_at"] == "10:30"
    assert meeting.start_phrase() == "08 giờ 00 phút, ngày 28 tháng 12 năm 2023"
    assert meeting.end_phrase() == "10 giờ 30 phút"
    assert meeting.absent[0].text() == "Kim Văn Sơn, Ủy viên (có ý kiến bằng văn bản)"


def test_no_meeting_is_none():
    assert meeting_input(None) is None and meeting_input({}) is None and Meeting.from_json(None) is None


@pytest.mark.parametrize("change,field,message", [
    ({"chair": {"name": "  ", "position": "Chủ tịch"}}, "meeting.chair.name", "người chủ trì"),
    ({"secretary": None}, "meeting.secretary.name", "thư ký"),
    ({"place": ""}, "meeting.place", "địa điểm"),
    ({"attendees": [{"name": "A"}, {"position": "Ủy viên"}]}, "meeting.attendees[1].name", "thứ 2"),
    ({"absent": [{"name": ""}]}, "meeting.absent[0].name", "vắng mặt"),
    ({"held_at": ""}, "meeting.held_at", "thời gian bắt đầu"),
    ({"held_at": "28/12/2023 08:00"}, "meeting.held_at", "không hợp lệ"),
    ({"held_at": "2023-12-28T25:00"}, "meeting.held_at", "không hợp lệ"),
    ({"held_at": "2023-12-29T08:00"}, "meeting.held_at", "tương lai"),
    ({"held_at": "1999-12-28T08:00"}, "meeting.held_at", "2000"),
    ({"ended_at": "07:59"}, "meeting.ended_at", "sau giờ bắt đầu"),
    ({"ended_at": "08:00"}, "meeting.ended_at", "sau giờ bắt đầu"),
    ({"ended_at": "12:30"}, "meeting.ended_at", "tương lai"),
    ({"ended_at": "10h30"}, "meeting.ended_at", "không hợp lệ"),
    ({"ended_at": None}, "meeting.ended_at", "giờ kết thúc"),
    ({"chair": {"name": "x" * 201}}, "meeting.chair.name", "Dài quá"),
    ({"quorum": 5}, "meeting.quorum", "Không được hỗ trợ"),
])
def test_a_wrong_meeting_names_the_field(change, field, message):
    with pytest.raises(ValidationFailed) as refused:
        meeting_input({**GIVEN, **change}, now=NOW)
    assert message.lower() in refused.value.fields[field].lower(), refused.value.fields


@pytest.mark.parametrize("change,field", [
    ({"held_at": 20231228}, "meeting.held_at"), ({"chair": "Nguyễn Văn An"}, "meeting.chair"),
    ({"attendees": {"name": "A"}}, "meeting.attendees"),
    ({"absent": [{"name": "A", "written_opinion": "có"}]}, "meeting.absent[0].written_opinion"),
])
def test_a_wrong_type_is_a_bad_request(change, field):
    with pytest.raises(BadRequest) as refused:
        meeting_input({**GIVEN, **change}, now=NOW)
    assert field in refused.value.fields


@pytest.mark.parametrize("given,field,message", [
    ({"votes_for": 10, "votes_total": 9}, "votes_for", "không được lớn hơn"),
    ({"votes_for": 7}, "votes_total", "tổng số phiếu"),
    ({"votes_total": 9}, "votes_for", "số phiếu đồng ý"),
    ({"votes_for": 0, "votes_total": 0}, "votes_total", "lớn hơn 0"),
    ({"votes_for": -1, "votes_total": 9}, "votes_for", "Phải từ 0"),
])
def test_review_votes_are_checked(given, field, message):
    with pytest.raises(ValidationFailed) as refused:
        validation.review_decisions([{"id": 5, "status": "accepted", **given}])
    assert message.lower() in refused.value.fields[f"nominees[0].{field}"].lower()


def test_review_votes_are_optional():
    assert validation.review_decisions([{"id": 5, "status": "accepted", "votes_for": 7, "votes_total": 9},
                                        {"id": 6, "status": "accepted"}]) == [
        {"id": 5, "status": "accepted", "note": "", "votes_for": 7, "votes_total": 9},
        {"id": 6, "status": "accepted", "note": "", "votes_for": None, "votes_total": None}]
