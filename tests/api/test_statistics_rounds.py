"""GET /api/v1/statistics?round_id=: the figures of one round (tests/round_stats_seed.py)."""
from __future__ import annotations

from tests.api.conftest import assert_error
from tests.round_stats_seed import seed


def test_a_round_counts_its_own_decisions_only(world, caller):
    seeded = seed(world)
    reviewer = caller("reviewer")
    assert reviewer.get("/api/v1/statistics").json["total"] == 4
    data = reviewer.get(f"/api/v1/statistics?round_id={seeded.first.id}").json
    assert (data["round_id"], data["decisions"], data["total"]) == (seeded.first.id, 1, 2)
    assert data["round"] == {"id": seeded.first.id, "plan_id": seeded.plan.id, "name": "Sơ kết giai đoạn 2023 - 2025"}
    assert data["by_gender"] == {"male": 1, "female": 1, "unknown": 0, "total": 2}
    data = caller("commune_drafter").get(f"/api/v1/statistics?round_id={seeded.second.id}&year=2025").json
    assert (data["round"]["name"], data["decisions"], data["total"]) == ("Tổng kết giai đoạn 2023 - 2030", 1, 1)
    # with the plan too: the round of that plan; without a round: every round and none
    data = reviewer.get(f"/api/v1/statistics?plan_id={seeded.plan.id}&round_id={seeded.first.id}").json
    assert data["total"] == 2
    data = reviewer.get(f"/api/v1/statistics?plan_id={seeded.plan.id}&round_id=").json
    assert (data["round_id"], data["round"], data["total"]) == (None, None, 4)


def test_an_unknown_or_unseen_round_is_not_found_naming_the_field(world, caller):
    seeded = seed(world)
    assert_error(caller("reviewer").get("/api/v1/statistics?round_id=999999"), 404, "not_found", "round_id")
    assert_error(caller(seeded.outsider).get(f"/api/v1/statistics?round_id={seeded.first.id}"),
                 404, "not_found", "round_id")
    assert_error(caller("reviewer").get("/api/v1/statistics?round_id=0"), 422, "validation", "round_id")
    assert_error(caller("reviewer").get("/api/v1/statistics?round_id=abc"), 400, "bad_request", "round_id")
    assert_error(caller("reviewer").get(f"/api/v1/statistics?round_id={2**40}"), 422, "validation", "round_id")


def test_an_unknown_or_unseen_plan_is_not_found_naming_the_field(world, caller):
    """plan_id as round_id: a plan the user may not see, or none such, is a 404 rather than
    figures of nothing (or, past a bound, of every plan) under a filter that names no plan."""
    seeded = seed(world)
    assert caller("reviewer").get(f"/api/v1/statistics?plan_id={seeded.plan.id}").json["total"] == 4
    for value in ("999999", "2000000", str(2**31 - 1)):
        error = assert_error(caller("reviewer").get(f"/api/v1/statistics?plan_id={value}"), 404, "not_found",
                             "plan_id")
        assert error["message"] == "Không tìm thấy kế hoạch."
    assert_error(caller(seeded.outsider).get(f"/api/v1/statistics?plan_id={seeded.plan.id}"),
                 404, "not_found", "plan_id")
    assert_error(caller("reviewer").get(f"/api/v1/statistics?plan_id={seeded.x.id}"),   # a proposal, no plan
                 404, "not_found", "plan_id")
    assert_error(caller("reviewer").get("/api/v1/statistics?plan_id=0"), 422, "validation", "plan_id")
    assert_error(caller("reviewer").get("/api/v1/statistics?plan_id=abc"), 400, "bad_request", "plan_id")
    assert_error(caller("reviewer").get(f"/api/v1/statistics?plan_id={2**40}"), 422, "validation", "plan_id")


def test_a_round_of_another_plan_than_the_one_asked_is_refused_saying_whose_it_is(world, caller):
    seeded = seed(world)
    from tests.factories import issued_plan
    other = issued_plan(world)
    error = assert_error(caller("reviewer").get(f"/api/v1/statistics?plan_id={other.id}&round_id={seeded.first.id}"),
                         422, "validation", "round_id")
    assert error["message"] == "Đợt khen thưởng đã chọn không thuộc kế hoạch đã chọn."
    assert error["fields"]["round_id"].startswith(
        f"Đợt “Sơ kết giai đoạn 2023 - 2025” thuộc kế hoạch {seeded.plan.number}")
