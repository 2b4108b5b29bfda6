"""Issue 15, point 8: what the API accepts in a plan's rounds, the web editor shows and saves back
unchanged (groups_text -> parse_groups); what it could not show is refused with a reason, or made
one line (a round's name, a group's name, a criterion are one line wherever they are shown).
tests/api/test_round_values.py: the names the editor could not show, refused by the API."""
from __future__ import annotations

import pytest

from workflow_app.domain.validation import Collector
from workflow_app.kinds.plan.editor import groups_text, parse_groups
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
