"""GET /api/v1/statistics: the figures of the Thống kê khen thưởng page as JSON (tests/stats_seed.py)."""
from __future__ import annotations

import pytest

from tests.api.conftest import assert_error
from tests.stats_seed import seed


def test_the_commune_reads_its_own_figures(world, caller):
    seed(world)
    found = caller("commune_drafter").get("/api/v1/statistics")
    assert found.status_code == 200
    data = found.json
    assert (data["year"], data["plan_id"], data["decisions"], data["total"]) == (None, None, 2, 7)
    assert data["by_kind"] == {"collective": 2, "individual": 4, "household": 1, "total": 7}
    assert data["by_gender"] == {"male": 1, "female": 2, "unknown": 1, "total": 4}
    assert data["by_award"][0] == {"code": "giay_khen", "label": "Giấy khen", "collective": 1, "individual": 2,
                                   "household": 1, "total": 4}
    [body] = data["by_proposer"]
    assert (body["name"], body["decisions"], body["total"]) == ("Ủy ban nhân dân xã An Trường", 2, 7)
    assert [(u["name"], u["total"]) for u in body["units"]] == [("Văn phòng - Thống kê", 7)]


def test_year_and_plan_narrow_the_figures(world, caller):
    seeded = seed(world)
    reviewer = caller("reviewer")
    assert reviewer.get("/api/v1/statistics").json["total"] == 9
    assert reviewer.get("/api/v1/statistics?year=2024").json["total"] == 5
    data = reviewer.get(f"/api/v1/statistics?year=2025&plan_id={seeded.other_plan.id}").json
    assert (data["year"], data["plan_id"], data["total"]) == (2025, seeded.other_plan.id, 2)
    assert [b["name"] for b in data["by_proposer"]] == ["Ủy ban nhân dân xã Phương Thạnh"]
    assert reviewer.get("/api/v1/statistics?year=&plan_id=").json["total"] == 9     # empty: no filter


@pytest.mark.parametrize("query,status,field", [("year=abc", 400, "year"), ("year=10000", 422, "year"),
                                                ("plan_id=0", 422, "plan_id")])
def test_bad_filters_are_refused_with_a_reason(world, caller, query, status, field):
    assert_error(caller("reviewer").get(f"/api/v1/statistics?{query}"), status,
                 "bad_request" if status == 400 else "validation", field)
