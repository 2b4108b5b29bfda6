"""domain/statistics.tally: groups of a GROUP BY added up, without a database."""
from __future__ import annotations

from workflow_app.domain.statistics import NO_UNIT, Group, sheet_rows, tally


def test_groups_add_up_per_breakdown():
    groups = [Group(1, 10, "gk", "individual", "female", 3), Group(1, 10, "gk", "collective", "", 1),
              Group(1, None, "x", "individual", "", 2), Group(2, 20, "ldtt", "household", "", 4),
              Group(2, 20, "gk", "odd", "male", 1)]      # an unknown kind reads as an individual
    stats = tally(groups, {(1, 10): 2, (1, None): 1, (2, 20): 1, (3, None): 1},
                  [("ldtt", "Lao động tiên tiến"), ("gk", "Giấy khen")], {1: "Xã A", 2: "Xã B", 3: "Xã C"},
                  {10: "Văn phòng", 20: "Trường"})
    assert stats.decisions == 5 and stats.total == 11
    assert stats.counts.as_dict() == {"collective": 1, "individual": 6, "household": 4, "total": 11}
    assert stats.genders.as_dict() == {"male": 1, "female": 3, "unknown": 2, "total": 6}
    assert [(r.code, r.label, r.counts.total) for r in stats.by_award] == [
        ("ldtt", "Lao động tiên tiến", 4), ("gk", "Giấy khen", 5), ("x", "x", 2)]   # listed order, unknown last
    assert [(b.name, b.decisions, b.counts.total) for b in stats.by_body] == [
        ("Xã A", 3, 6), ("Xã B", 1, 5), ("Xã C", 1, 0)]                            # a decision with nobody awarded
    assert [(u.name, u.decisions, u.counts.total) for u in stats.by_body[0].units] == [
        ("Văn phòng", 2, 4), (NO_UNIT, 1, 2)]
    assert stats.genders.share("female") == 50.0
    rows = sheet_rows(stats)
    assert rows["by_award"][-1] == ["", "Tổng cộng", 1, 6, 4, 11]
    assert rows["by_unit"][0] == [1, "Xã A", "Văn phòng", 2, 1, 3, 0, 4]


def test_nothing_counted_is_all_zero():
    stats = tally([], {}, [], {}, {})
    assert stats.total == 0 and stats.genders.share("male") == 0.0
    assert sheet_rows(stats)["by_gender"][-1] == ["Tổng cộng", 0, 0.0]
