"""Issue 15, point 8: what the API accepts in a plan's rounds, the web editor shows and saves back
unchanged (groups_text -> parse_groups); what it could not show is refused with a reason, or made
one line (a round's name, a group's name, a criterion are one line wherever they are shown).
tests/api/test_round_values.py: the names the editor could not show, refused by the API."""
from __future__ import annotations

import pytest

from workflow_app.domain.validation import Collector
from workflow_app.kinds.plan.editor import groups_text, parse_groups, parse_quotas, quotas_text
from workflow_app.kinds.plan.rounds import clean_rounds
from workflow_app.services import demo_data

AWARDS = demo_data.AWARDS


def _cleaned(groups: list[dict], name: str = "Đợt một") -> tuple[list[dict], dict]:
    c = Collector({a["code"] for a in AWARDS})
    rounds = clean_rounds(c, [{"name": name, "proposals_due": "2026-10-31", "groups": groups}])
    return rounds, {**c.problems, **c.type_errors}


@pytest.mark.parametrize("group", [
    {"name": "Cá nhân", "kind": "individual", "criteria": ["dòng một\ndòng hai", "- có gạch đầu dòng", "* sao"],
     "awards": ["giay_khen", "lao_dong_tien_tien"]},
    {"name": "Tập thể\tkhối\n trường học", "kind": "collective", "criteria": ["Một;  hai, ba | bốn"],
     "awards": ["giay_khen"]},
    {"name": "Hộ gia đình (hộ “học tập”) & <khác>", "kind": "household", "criteria": [], "awards": ["giay_khen"]},
])
def test_every_group_the_api_keeps_comes_back_from_the_editor_unchanged(group):
    rounds, problems = _cleaned([group])
    assert problems == {}
    stored = rounds[0]["groups"]
    assert all("\n" not in text and "\t" not in text for g in stored for text in (g["name"], *g["criteria"]))
    back, refused = parse_groups(groups_text(stored, AWARDS), AWARDS)
    assert (back, refused) == (stored, [])


def test_a_round_name_is_one_line():
    rounds, problems = _cleaned([{"name": "Cá nhân", "kind": "individual", "awards": ["giay_khen"]}],
                                name="Sơ kết\ngiai đoạn  2023 - 2025")
    assert problems == {} and rounds[0]["name"] == "Sơ kết giai đoạn 2023 - 2025"


# Award labels the admin may type (services/admin.parse_awards refuses none of these characters).
ODD_LABELS = [dict(AWARDS[0], label="Giấy khen | hạng A"), dict(AWARDS[1], label="Lao động tiên tiến, xuất sắc"),
              dict(AWARDS[2], label="Chiến sĩ thi đua cơ sở; năm 2025"), dict(AWARDS[3], label="giay_khen")]


def test_groups_and_quotas_come_back_from_the_editor_whatever_the_award_labels():
    """A label holding the editor's separators ("|" between parts, ";" or "," between a group's
    awards), or one that reads as another award's code, cannot be written as it is: the editor
    writes the award's code there, which it reads as well, so opening and saving keeps the plan."""
    codes = [a["code"] for a in ODD_LABELS]
    groups = [{"name": "Cá nhân", "kind": "individual", "criteria": ["Hoàn thành tốt"], "awards": codes}]
    back, refused = parse_groups(groups_text(groups, ODD_LABELS), ODD_LABELS)
    assert (back, refused) == (groups, [])
    quotas = {"UBND-AT": {code: i for i, code in enumerate(codes)}}
    assert parse_quotas(quotas_text(quotas, ODD_LABELS), ODD_LABELS) == (quotas, [])
    # a plain label is still written as the label
    assert quotas_text({"UBND-AT": {"giay_khen": 2}}, AWARDS) == "UBND-AT | Giấy khen | 2"


def test_two_quotas_for_one_unit_are_refused_not_one_silently_dropped():
    """Keys that name the same unit once cleaned ("A" and "A ") or once folded ("UBND-AT" and
    "ubnd-at", as the council matches them) would leave one of the two limits unseen."""
    c = Collector({a["code"] for a in AWARDS})
    clean_rounds(c, [{"name": "Đợt một", "proposals_due": "2026-10-31",
                      "groups": [{"name": "Cá nhân", "kind": "individual", "awards": ["giay_khen"]}],
                      "quotas": {"UBND-AT": {"giay_khen": 1}, "ubnd-at ": {"giay_khen": 5},
                                 "Trường THCS": {"giay_khen": 2}}}])
    assert set(c.problems) == {"body.rounds[0].quotas[ubnd-at ]"}
    assert "UBND-AT" in c.problems["body.rounds[0].quotas[ubnd-at ]"]


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_the_editor_reads_a_units_quota_lines_together_and_refuses_one_award_twice(app):
    quotas, refused = parse_quotas("UBND-AT | Giấy khen | 1\nubnd-at | Lao động tiên tiến | 5", AWARDS)
    assert (quotas, refused) == ({"UBND-AT": {"giay_khen": 1, "lao_dong_tien_tien": 5}}, [])
    with app.test_request_context():
        quotas, refused = parse_quotas("UBND-AT | Giấy khen | 1\nUBND-AT | giay_khen | 5", AWARDS)
    assert len(refused) == 1 and refused[0].startswith("Dòng 2") and "dòng 1" in refused[0]
