"""The council's sums and the award-list data it reads (domain/council.py; issue 15, point 4)."""
from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

import pytest

from workflow_app.domain import council
from workflow_app.domain.council import RuleError, Threshold
from workflow_app.domain.meeting import Absentee, Meeting, Person
from workflow_app.domain.validation import Collector

EIGHTY_OF_ALL = Threshold(Decimal("80"), "members")


def _meeting(attendees=5, absent=()) -> Meeting:
    return Meeting(held_at=datetime(2025, 11, 20, 8, 0), place="Hội trường UBND huyện",
                   chair=Person("Nguyễn Văn Chủ", "Chủ tịch"), secretary=Person("Nguyễn Văn Hùng", "Trưởng phòng"),
                   ended_at=time(10, 30), attendees=tuple(Person(f"Thành viên {i}") for i in range(attendees)),
                   absent=tuple(absent))


def test_eighty_percent_of_nine_members_seven_fails_eight_passes():
    seven = council.judge(7, EIGHTY_OF_ALL, members=9, present=7)
    assert not seven.passed
    assert seven.vote.percent_text() == "77,8%"
    assert seven.reason == "Không đạt tỷ lệ phiếu bầu (7/9 = 77,8%, cần ≥ 80% tổng số thành viên)"
    eight = council.judge(8, EIGHTY_OF_ALL, members=9, present=7)
    assert eight.passed and eight.reason == "" and eight.vote.text() == "8/9 (88,9%)"


def test_the_threshold_is_exact_not_rounded():
    assert council.judge(4, EIGHTY_OF_ALL, members=5, present=5).passed          # 80 % exactly
    two_thirds = Threshold(Decimal("66.7"), "members")
    assert not council.judge(2, two_thirds, members=3, present=3).passed         # 66,66… < 66,7


def test_a_threshold_of_those_present_counts_only_them():
    of_present = Threshold(Decimal("90"), "present")
    judged = council.judge(6, of_present, members=9, present=7)
    assert (judged.vote.votes_for, judged.vote.votes_total, judged.passed) == (6, 7, False)
    assert judged.reason == "Không đạt tỷ lệ phiếu bầu (6/7 = 85,7%, cần ≥ 90% số thành viên có mặt)"
    assert council.judge(7, of_present, members=9, present=7).passed


def test_without_a_threshold_a_vote_is_recorded_and_decides_nothing():
    judged = council.judge(1, None, members=9, present=7)
    assert judged.passed and judged.vote.text() == "1/9 (11,1%)" and judged.reason == ""
    assert council.judge(None, None, members=9, present=7).vote is None
    no_vote = council.judge(None, EIGHTY_OF_ALL, members=9, present=7)
    assert not no_vote.passed and no_vote.vote is None


@pytest.mark.parametrize("value, expected", [
    ({"percent": 80, "of": "members"}, {"percent": 80, "of": "members"}),
    ({"percent": "66,7", "of": "present"}, {"percent": 66.7, "of": "present"}),
    ({"percent": 90}, {"percent": 90, "of": "members"}),
    (None, None), ({}, None),
])
def test_thresholds_read(value, expected):
    found = council.threshold_from(value)
    assert (found.to_json() if found else None) == expected


@pytest.mark.parametrize("value, words", [
    ({"percent": 0, "of": "members"}, "lớn hơn 0"),
    ({"percent": 101}, "không quá 100"),
    ({"percent": "tám mươi"}, "một số phần trăm"),
    ({"percent": 66.67}, "một chữ số thập phân"),
    ({"percent": 80, "of": "everyone"}, "members"),
    ({"percent": 80, "quorum": 2}, "quorum"),
    ({"percent": True}, "Cần nhập tỷ lệ"),
    ("80%", "Ngưỡng phiếu phải có dạng"),
])
def test_bad_thresholds_say_why_in_vietnamese(value, words):
    with pytest.raises(RuleError) as caught:
        council.threshold_from(value)
    assert words in caught.value.message


def test_award_rules_keep_only_what_is_set_and_name_each_problem():
    assert council.award_rules({"code": "giay_khen"}) == ({}, {})
    rules, problems = council.award_rules({"vote_threshold": {"percent": 80}, "given_by": "tinh, huyen"})
    assert rules == {"vote_threshold": {"percent": 80, "of": "members"}, "given_by": ["tinh", "huyen"]}
    assert problems == {}
    _, problems = council.award_rules({"vote_threshold": {"percent": 180}, "given_by": ["tinh", "quan"]})
    assert set(problems) == {"vote_threshold", "given_by"} and "“quan”" in problems["given_by"]


def test_a_body_of_another_level_may_not_give_the_award():
    awards = [{"code": "giay_khen", "label": "Giấy khen"},
              {"code": "cstdcs", "label": "Chiến sĩ thi đua cơ sở", "given_by": ["tinh", "huyen"]}]
    nominees = [{"full_name": "Nguyễn Văn Một", "award": "giay_khen"},
                {"full_name": "Trần Thị Hai", "award": "cstdcs"}]
    assert council.given_by_problems(awards, "huyen", nominees) == {}
    problems = council.given_by_problems(awards, "xa", nominees)
    assert list(problems) == ["nominees[1].award"]
    assert problems["nominees[1].award"] == ("Dòng 2 (Trần Thị Hai): “Chiến sĩ thi đua cơ sở” chỉ do cấp tỉnh, cấp "
                                             "huyện tặng; cơ quan xét (cấp xã) không có thẩm quyền.")
    assert "chưa khai báo cấp" in council.given_by_problems(awards, None, nominees)["nominees[1].award"]


def test_quotas_are_checked_and_matched_by_code_or_name():
    c = Collector({"giay_khen", "cstdcs"})
    found = council.clean_quotas(c, {"UBND-AT": {"cstdcs": 2}, "  ": {"cstdcs": 1}, "A | B": {"cstdcs": 1},
                                     "Phòng Nội vụ": {"bang_khen": 1, "giay_khen": -1}}, "q")
    assert found == {"UBND-AT": {"cstdcs": 2}}
    assert set(c.problems) == {"q[  ]", "q[A | B]", "q[Phòng Nội vụ].bang_khen", "q[Phòng Nội vụ].giay_khen"}
    c = Collector({"giay_khen"})
    council.clean_quotas(c, {"VP": {"giay_khen": "2"}}, "q")
    assert c.type_errors == {"q[VP].giay_khen": "Phải là số nguyên."}
    assert council.quota_matches("ubnd-at", ("UBND-AT", "Ủy ban nhân dân xã An Trường", 2))
    assert council.quota_matches("UY BAN NHAN DAN XA AN TRUONG", ("UBND-AT", "Ủy ban nhân dân xã An Trường", 2))
    assert council.quota_matches("2", ("UBND-AT", "Ủy ban nhân dân xã An Trường", 2))
    assert not council.quota_matches("UBND-HP", ("UBND-AT", "Ủy ban nhân dân xã An Trường", 2))


def test_a_meeting_that_cannot_fit_the_council_is_named():
    assert council.present_count(_meeting(attendees=5)) == 7
    assert council.meeting_problems(_meeting(attendees=5, absent=[Absentee("Vắng 1"), Absentee("Vắng 2")]), 9) == {}
    assert "nhiều hơn tổng số thành viên Hội đồng (6)" in council.meeting_problems(_meeting(5), 6)["members"]
    assert "vắng mặt 3" in council.meeting_problems(
        _meeting(5, [Absentee("A"), Absentee("B"), Absentee("C")]), 9)["members"]
    problems = council.meeting_problems(_meeting(5, [Absentee("Nguyễn Văn Chủ")]), 9)
    assert "meeting.chair.name" in problems


def test_members_and_votes_are_read_with_their_problems():
    c = Collector()
    assert council.members_from(c, 9) == 9
    assert council.members_from(c, 0) is None and "từ 1 đến" in c.problems["members"]
    c = Collector()
    council.members_from(c, "9")
    assert c.type_errors == {"members": "Phải là số nguyên."}
    c = Collector()
    found = council.votes_from(c, [{"nominee_id": 5, "votes_for": 8}, {"nominee_id": 6, "votes_for": None},
                                   {"nominee_id": "7", "votes_for": 1}, {"nominee_id": 8, "votes_for": -1}])
    assert found == [(0, 5, 8), (1, 6, None)]
    assert c.type_errors == {"votes[2].nominee_id": "Phải là số nguyên."}
    assert "votes[3].votes_for" in c.problems


def test_a_member_listed_both_present_and_absent_is_named():
    """The absent member's written opinion counts toward the vote (NĐ 98/2023 Đ30(7)) while the
    same person is counted present: one of the two lists is wrong."""
    problems = council.meeting_problems(_meeting(3, [Absentee("thành viên 1", written_opinion=True)]), 9)
    assert set(problems) == {"meeting.attendees[1].name"}
    said = problems["meeting.attendees[1].name"]
    assert "Thành viên 1" in said and "vắng mặt" in said
