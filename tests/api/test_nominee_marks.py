"""Issue 13: the document's nominees say, only when it applies, that they are listed twice or
were already awarded by an earlier decision of the same round (checked against the spec)."""
from __future__ import annotations

from tests.factories import advance, issued_plan, new_commendation
from workflow_app.services import demo_data


def test_duplicates_and_earlier_awards_are_optional_fields_of_a_nominee(world, caller):
    plan = issued_plan(world)
    first = new_commendation(world, plan)
    advance(world, first, "issued")
    again = dict(demo_data.NOMINEES[1], full_name="nguyễn thị NGỌC ánh", achievement="Lần nữa.")
    other = dict(demo_data.NOMINEES[2], full_name="Lê Văn Mới")
    twice = dict(other, full_name="LÊ  VĂN MỚI")
    second = new_commendation(world, plan, nominees=[again, other, twice])
    shown = caller("commune_drafter").get(f"/api/v1/documents/{second.id}")
    assert shown.status_code == 200
    nominees = shown.json["nominees"]
    assert nominees[0]["previously_awarded"] == [{"number": first.number,
                                                 "issued_on": first.issued_on.isoformat()}]
    assert "duplicate_of" not in nominees[0]
    assert nominees[1]["duplicate_of"] == [3] and nominees[2]["duplicate_of"] == [2]
    assert "previously_awarded" not in nominees[1]
    plain = caller("commune_drafter").get(f"/api/v1/documents/{first.id}").json["nominees"]
    assert not any("duplicate_of" in n or "previously_awarded" in n for n in plain)
