"""The document list: full-text search from the form, and filters it does not understand
refused with the reason next to the field (issue 14, point 6)."""
from __future__ import annotations

import re

import pytest

from tests.factories import issued_plan, new_commendation

ITEM = re.compile(r'class="list-group-item text-break"')


def test_a_nominee_s_name_typed_without_accents_finds_the_proposal(world, as_user):
    proposal = new_commendation(world)
    html = as_user("drafter.antruong").get("/documents?q=truong+thi+my+hanh").get_data(as_text=True)
    assert f'/documents/{proposal.id}"' in html and len(ITEM.findall(html)) == 1
    assert "Tìm thấy 1 văn bản." in html


def test_words_of_a_plan_s_text_find_it(world, as_user):
    plan = issued_plan(world)
    html = as_user("drafter").get("/documents?q=trung+tam+hoc+tap+cong+dong").get_data(as_text=True)
    assert f'/documents/{plan.id}"' in html


@pytest.mark.parametrize("query, field, reason", [
    ("year=abc", "year", "Năm phải là một số từ 1900 đến 2999."),
    ("year=1800", "year", "Năm phải là một số từ 1900 đến 2999."),
    ("year=%C2%B2", "year", "Năm phải là một số từ 1900 đến 2999."),
    ("state=bogus", "state", "Không có trạng thái “bogus”."),
    ("kind=x&q=ke+hoach", "kind", "Không có loại văn bản “x”."),
])
def test_a_filter_not_understood_is_refused_with_the_reason(world, as_user, query, field, reason):
    issued_plan(world)
    response = as_user("drafter").get(f"/documents?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert reason in html and "Bộ lọc không hợp lệ" in html
    assert re.search(rf'class="[^"]*is-invalid[^"]*" [^>]*id="{field}"', html), "the field is marked"
    assert f'aria-describedby="{field}-error"' in html and f'id="{field}-error"' in html
    assert not ITEM.findall(html) and "Tìm thấy" not in html   # no list that pretends to be filtered
    assert 'name="q"' in html                                   # the form is there to correct it


def test_a_refused_value_is_shown_as_text(world, as_user):
    html = as_user("drafter").get("/documents?state=%3Cscript%3Ealert(1)%3C/script%3E").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_valid_and_empty_filters_still_list(world, as_user):
    plan = issued_plan(world)
    drafter = as_user("drafter")
    for query in ("year=&state=&kind=", f"year={plan.issued_on.year}&state=issued&kind=plan", "year=+2999"):
        response = drafter.get(f"/documents?{query}")
        assert response.status_code == 200, query
    assert f'/documents/{plan.id}"' in drafter.get(f"/documents?year={plan.issued_on.year}").get_data(as_text=True)


def test_more_matches_than_counted_say_so(world, as_user, monkeypatch):
    from tests.factories import new_plan
    from workflow_app.services import full_text
    for i in range(4):
        new_plan(world, title=f"Kế hoạch Hoa Sen số {i}", body={})
    monkeypatch.setattr(full_text, "COUNT_LIMIT", 2)
    html = as_user("drafter").get("/documents?q=hoa+sen").get_data(as_text=True)
    assert "Tìm thấy hơn 2 văn bản; thêm từ để thu hẹp tìm kiếm." in html
    assert len(ITEM.findall(html)) == 4 and "Trang 1" in html and "Trang 1 /" not in html
