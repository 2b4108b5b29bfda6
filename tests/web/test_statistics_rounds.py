"""Thống kê khen thưởng per round (đợt khen thưởng): the selector, the headings that name the round,
the figures and the .xlsx of one round, and rounds the user may not see (tests/round_stats_seed.py)."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.round_stats_seed import seed
from tests.web.test_statistics import _row
from workflow_app.domain.statistics import HEADER_ROW


def test_the_page_offers_the_rounds_grouped_by_plan_and_counts_one(world, as_user):
    seeded = seed(world)
    reviewer = as_user("reviewer")
    html = reviewer.get("/statistics/?year=all").get_data(as_text=True)
    assert _row(html, "table-by-award", "Tổng cộng") == ["0", "4", "0", "4"]
    select = html[html.index('<select class="form-select" id="round_id" name="round_id">'):]
    select = select[:select.index("</select>")]
    assert '<option value="">Tất cả các đợt</option>' in select
    [group] = re.findall(r'<optgroup label="([^"]*)">', select)
    assert group.startswith(f"Kế hoạch {seeded.plan.number} – ")
    assert re.findall(r'<option value="(\d+)">([^<]*)</option>', select) == [
        (str(seeded.first.id), "Sơ kết giai đoạn 2023 - 2025"),
        (str(seeded.second.id), "Tổng kết giai đoạn 2023 - 2030")]
    assert 'id="statistics-round"' not in html

    html = reviewer.get(f"/statistics/?year=all&round_id={seeded.first.id}").get_data(as_text=True)
    assert _row(html, "table-by-award", "Tổng cộng") == ["0", "2", "0", "2"]
    assert f'<option value="{seeded.first.id}" selected>' in html
    assert "<title>Thống kê khen thưởng: Sơ kết giai đoạn 2023 - 2025" in html
    heading = re.search(r'id="statistics-round">(.*?)</p>', html, re.S).group(1)
    assert "Đợt khen thưởng: Sơ kết giai đoạn 2023 - 2025" in heading and seeded.plan.number in heading
    assert f'href="/statistics/statistics.xlsx?year=all&amp;round_id={seeded.first.id}"' in html
    # the commune sees the district's plan and its rounds, and counts its own decisions in one
    html = as_user("drafter.antruong").get(f"/statistics/?year=all&round_id={seeded.second.id}").get_data(as_text=True)
    assert _row(html, "table-by-award", "Tổng cộng") == ["0", "1", "0", "1"]


def test_a_round_the_user_may_not_see_is_not_found(world, as_user):
    seeded = seed(world)
    outsider = as_user("reviewer.tieucan")
    html = outsider.get("/statistics/?year=all").get_data(as_text=True)
    assert "Sơ kết giai đoạn" not in html and "<optgroup" not in html
    for url in (f"/statistics/?round_id={seeded.first.id}", f"/statistics/statistics.xlsx?round_id={seeded.first.id}",
                "/statistics/?round_id=999999"):
        response = outsider.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy đợt khen thưởng." in response.get_data(as_text=True)
    other_plan = seeded.plan.id + 1000
    response = as_user("reviewer").get(f"/statistics/?plan_id={other_plan}&round_id={seeded.first.id}")
    assert response.status_code == 422
    assert "Đợt khen thưởng đã chọn không thuộc kế hoạch đã chọn." in response.get_data(as_text=True)


def test_the_workbook_of_a_round_names_it_and_holds_its_figures(world, as_user):
    seeded = seed(world)
    response = as_user("reviewer").get(f"/statistics/statistics.xlsx?year=all&round_id={seeded.second.id}")
    assert response.status_code == 200
    assert f"thong-ke-khen-thuong-moi-nam-dot-{seeded.second.id}.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data))["Theo đối tượng"]
    assert sheet["A1"].value == "THỐNG KÊ KHEN THƯỞNG – TỔNG KẾT GIAI ĐOẠN 2023 - 2030"
    assert "Đợt khen thưởng: Tổng kết giai đoạn 2023 - 2030 (Kế hoạch " in sheet["A2"].value
    assert [[c.value for c in r] for r in sheet.iter_rows(min_row=HEADER_ROW + 1)] == [
        ["Tập thể", 0], ["Cá nhân", 1], ["Hộ gia đình", 0], ["Tổng cộng", 1]]


def test_a_round_id_that_names_no_round_is_not_found_rather_than_every_round_counted(world, as_user):
    """?round_id= a whole number past the ids a page used to read (10**6) or past 32 bits: no such
    round, a 404 as for 999999 — not the figures of every round under a heading that names none.
    (Text that is no id at all is ignored as the other filters are: test_statistics.py.)"""
    seed(world)
    reviewer = as_user("reviewer")
    for value in ("2000000", "99999999999", str(2**63), "0002000000"):
        for path in ("/statistics/", "/statistics/statistics.xlsx"):
            response = reviewer.get(f"{path}?year=all&round_id={value}")
            assert response.status_code == 404, (path, value, response.status_code)
            assert "Không tìm thấy đợt khen thưởng." in response.get_data(as_text=True)
    # an empty one is "every round", as the selector's first choice sends it
    assert reviewer.get("/statistics/?year=all&round_id=").status_code == 200


def test_a_plan_id_that_names_no_plan_is_not_found_rather_than_every_plan_counted(world, as_user):
    """?plan_id= as ?round_id=: a whole number past 10**6 (the bound a page used to read) or past
    32 bits, a plan the user may not see, an id of no plan: a 404 saying so, not the figures of
    every plan (or of none) under a filter that names no plan. Text that is no id is ignored."""
    seeded = seed(world)
    reviewer = as_user("reviewer")
    for value in ("2000000", "99999999999", str(2**63), "0002000000", "999999", str(seeded.x.id)):
        for path in ("/statistics/", "/statistics/statistics.xlsx"):
            response = reviewer.get(f"{path}?year=all&plan_id={value}")
            assert response.status_code == 404, (path, value, response.status_code)
            assert "Không tìm thấy kế hoạch." in response.get_data(as_text=True)
    outsider = as_user("reviewer.tieucan")
    response = outsider.get(f"/statistics/?year=all&plan_id={seeded.plan.id}")
    assert response.status_code == 404 and "Không tìm thấy kế hoạch." in response.get_data(as_text=True)
    assert reviewer.get(f"/statistics/?year=all&plan_id={seeded.plan.id}").status_code == 200
    assert reviewer.get("/statistics/?year=all&plan_id=").status_code == 200
