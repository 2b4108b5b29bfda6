"""Statistics of awards given (issue 15, point 8): the figures equal counting by hand
(tests/stats_seed.py), only accepted nominees of issued decisions the user may see."""
from __future__ import annotations

from sqlalchemy.orm.attributes import flag_modified

from tests.stats_seed import seed
from workflow_app.domain.statistics import Counts
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services.statistics import StatsFilter, plan_choices, statistics


def _by_award(stats):
    return {r.code: r.counts.as_dict() for r in stats.by_award}


def test_the_commune_counts_its_own_issued_decisions_by_hand(world):
    seed(world)
    stats = statistics(world.users["commune_drafter"], StatsFilter())
    assert stats.decisions == 2                                   # A and B; not the draft, the approved, E
    assert stats.counts.as_dict() == {"collective": 2, "individual": 4, "household": 1, "total": 7}
    assert stats.genders.as_dict() == {"male": 1, "female": 2, "unknown": 1, "total": 4}   # the rejected woman: no
    assert _by_award(stats) == {
        "giay_khen": {"collective": 1, "individual": 2, "household": 1, "total": 4},
        "lao_dong_tien_tien": {"collective": 0, "individual": 1, "household": 0, "total": 1},
        "chien_si_thi_dua_co_so": {"collective": 0, "individual": 1, "household": 0, "total": 1},
        "tap_the_lao_dong_tien_tien": {"collective": 1, "individual": 0, "household": 0, "total": 1},
    }
    assert [r.label for r in stats.by_award] == ["Giấy khen", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                                                 "Tập thể lao động tiên tiến"]   # the body's own order
    [body] = stats.by_body
    assert body.name == "Ủy ban nhân dân xã An Trường" and body.decisions == 2 and body.counts.total == 7
    [unit] = body.units
    assert unit.name == "Văn phòng - Thống kê" and unit.decisions == 2 and unit.counts.total == 7


def test_the_district_counts_every_body_it_decided_for(world):
    seed(world)
    stats = statistics(world.users["reviewer"], StatsFilter())
    assert stats.decisions == 3 and stats.total == 9
    assert [(b.name, b.decisions, b.counts.total) for b in stats.by_body] == [
        ("Ủy ban nhân dân xã An Trường", 2, 7), ("Ủy ban nhân dân xã Phương Thạnh", 1, 2)]
    assert stats.genders.as_dict() == {"male": 2, "female": 2, "unknown": 1, "total": 5}
    assert _by_award(stats)["giay_khen"]["total"] == 6


def test_the_year_is_the_local_date_of_issue(world):
    seed(world)
    commune = world.users["commune_drafter"]
    assert statistics(commune, StatsFilter(year=2024)).counts.as_dict() == {
        "collective": 1, "individual": 3, "household": 1, "total": 5}          # A only
    assert statistics(commune, StatsFilter(year=2025)).counts.as_dict() == {
        "collective": 1, "individual": 1, "household": 0, "total": 2}          # B: 1 January 2025 in Vietnam
    assert statistics(commune, StatsFilter(year=2023)).total == 0
    assert statistics(world.users["reviewer"], StatsFilter(year=2025)).decisions == 2   # B and E


def test_the_plan_filter_counts_the_decisions_citing_it(world):
    seeded = seed(world)
    reviewer = world.users["reviewer"]
    assert statistics(reviewer, StatsFilter(plan_id=seeded.plan.id)).total == 7
    assert statistics(reviewer, StatsFilter(plan_id=seeded.other_plan.id)).total == 2
    assert statistics(reviewer, StatsFilter(plan_id=seeded.other_plan.id, year=2024)).total == 0
    assert statistics(world.users["commune_drafter"], StatsFilter(plan_id=seeded.other_plan.id)).total == 0
    assert statistics(reviewer, StatsFilter(plan_id=999_999)).total == 0


def test_the_round_filter_reads_the_round_a_decision_answers(world):
    """round_id: the documents' round_id column once rounds exist, their body's round_id until then."""
    seeded = seed(world)
    b = seeded.b
    b.body = {**b.body, "round_id": 41}
    flag_modified(b, "body")
    if hasattr(Document, "round_id"):
        b.round_id = 41
    db.session.commit()
    stats = statistics(world.users["commune_drafter"], StatsFilter(round_id=41))
    assert stats.decisions == 1 and stats.total == 2
    assert statistics(world.users["commune_drafter"], StatsFilter(round_id=42)).total == 0


def test_nobody_else_sees_a_body_s_figures(world):
    seed(world)
    from tests.factories import add_user
    stranger = add_user("drafter.other", world.commune, ["drafter"], None)   # same commune: sees its decisions
    assert statistics(stranger, StatsFilter()).total == 7
    empty = statistics(world.users["drafter"], StatsFilter(year=2030))
    assert empty.total == 0 and empty.by_award == [] and empty.by_body == [] and empty.counts == Counts()


def test_the_filter_choices_are_the_years_and_plans_the_user_may_see(world):
    seeded = seed(world)
    commune = world.users["commune_drafter"]
    assert statistics(commune, StatsFilter(year=2030)).years == [2025, 2024]   # whatever year is shown
    assert statistics(commune, StatsFilter(plan_id=seeded.other_plan.id)).years == []
    assert {p.id for p, _ in plan_choices(commune)} == {seeded.plan.id, seeded.other_plan.id}


def test_a_decision_without_its_date_of_issue_counts_in_every_year_only(world):
    """Documents loaded in bulk (a restore of old data) may lack issued_on: no year, no failure."""
    seeded = seed(world)
    seeded.a.issued_on = None
    db.session.commit()
    commune = world.users["commune_drafter"]
    assert statistics(commune, StatsFilter()).years == [2025]
    assert statistics(commune, StatsFilter()).total == 7
    assert statistics(commune, StatsFilter(year=2024)).total == 0


def test_a_rounds_decision_counts_each_awardee_for_the_body_that_proposed_it(world):
    """The round's one decision is the district's (compiled by its Phòng Nội vụ), but its awardees
    were proposed by the communes: each is counted for its proposal's body and unit, the decision
    once in the total and once for each body it awards."""
    from tests.round_decision_world import advance_decision, round_world
    from workflow_app.services import round_decisions
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")
    stats = statistics(world.users["reviewer"], StatsFilter(round_id=rw.round.id))
    assert stats.decisions == 1 and stats.counts.total == 7
    assert [(b.name, b.decisions, b.counts.as_dict()) for b in stats.by_body] == [
        ("Ủy ban nhân dân xã An Trường", 1, {"collective": 1, "individual": 3, "household": 0, "total": 4}),
        ("Ủy ban nhân dân xã Huyền Hội", 1, {"collective": 0, "individual": 3, "household": 0, "total": 3})]
    assert [u.name for u in stats.by_body[0].units] == ["Văn phòng - Thống kê"]
    # a proposing body counts its own awardees of it (it reads the decision once issued), not the others'
    mine = statistics(world.users["commune_drafter"], StatsFilter(round_id=rw.round.id))
    assert mine.decisions == 1 and mine.counts.as_dict() == {"collective": 1, "individual": 3, "household": 0,
                                                             "total": 4}
    assert [(b.name, b.decisions, b.counts.total) for b in mine.by_body] == [("Ủy ban nhân dân xã An Trường", 1, 4)]
    assert statistics(world.users["commune_drafter"], StatsFilter()).counts.total == 4
