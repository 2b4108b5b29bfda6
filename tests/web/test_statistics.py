"""Thống kê khen thưởng: the page (tables, server-drawn SVG bars, filters) and its .xlsx, with the
figures of tests/stats_seed.py counted by hand."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.stats_seed import seed
from workflow_app.domain.statistics import HEADER_ROW, SHEETS

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=", re.I)


def _row(html: str, table: str, label: str) -> list[str]:
    """The cells after `label` in the table with id `table`."""
    part = html[html.index(f'id="{table}"'):]
    part = part[:part.index("</table>")]
    row = re.search(r"<tr[^>]*>\s*<th[^>]*>\s*" + re.escape(label) + r"\s*</th>(.*?)</tr>", part, re.S)
    assert row, (table, label)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_the_page_shows_the_figures_as_tables_and_bars(world, as_user):
    seed(world)
    response = as_user("drafter.antruong").get("/statistics/?year=all")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Thống kê khen thưởng" in html and not INLINE.search(html)
    assert _row(html, "table-by-award", "Giấy khen") == ["1", "2", "1", "4"]
    assert _row(html, "table-by-award", "Tổng cộng") == ["2", "4", "1", "7"]
    assert _row(html, "table-by-gender", "Nam") == ["1", "25"]
    assert _row(html, "table-by-gender", "Nữ") == ["2", "50"]
    assert _row(html, "table-by-gender", "Không rõ") == ["1", "25"]
    assert _row(html, "table-by-body", "Ủy ban nhân dân xã An Trường") == ["2", "2", "4", "1", "7"]
    assert _row(html, "table-by-body", "Văn phòng - Thống kê") == ["2", "2", "4", "1", "7"]
    assert "Phương Thạnh" not in html                          # another commune's decision
    # two charts, drawn on the server: a bar per award form and one per proposing body
    assert html.count('<svg viewBox="0 0 400') == 2 and html.count('role="img"') == 2
    assert html.count('class="wf-chart-bar"') == 4 + 1
    assert "<title>Giấy khen: 4</title>" in html and "<title>Ủy ban nhân dân xã An Trường: 7</title>" in html
    assert 'aria-labelledby="award-chart-title award-chart-desc"' in html
    assert 'href="/statistics/statistics.xlsx?year=all"' in html


def test_the_filters_narrow_the_figures(world, as_user):
    seeded = seed(world)
    reviewer = as_user("reviewer")
    html = reviewer.get("/statistics/?year=2025").get_data(as_text=True)
    assert _row(html, "table-by-award", "Tổng cộng") == ["2", "2", "0", "4"]   # B (1/1/2025 local) and E
    assert '<option value="2025" selected>' in html
    html = reviewer.get(f"/statistics/?year=all&plan_id={seeded.other_plan.id}").get_data(as_text=True)
    assert _row(html, "table-by-body", "Ủy ban nhân dân xã Phương Thạnh") == ["1", "1", "1", "0", "2"]
    assert "An Trường</th>" not in html
    assert f'<option value="{seeded.other_plan.id}" selected>' in html


def test_nothing_to_count_says_so_and_bad_filters_are_ignored(world, as_user):
    drafter = as_user("drafter")
    for url in ("/statistics/", "/statistics/?year=abc&plan_id=x&round_id=-1", "/statistics/?year=99999"):
        response = drafter.get(url)
        assert response.status_code == 200, url
        assert "Chưa có quyết định khen thưởng nào" in response.get_data(as_text=True)
    assert drafter.get("/statistics/statistics.xlsx?year=abc").status_code == 200


def test_the_menu_leads_to_the_page(world, as_user):
    html = as_user("drafter").get("/").get_data(as_text=True)
    assert 'href="/statistics/"' in html and "Thống kê" in html


def test_the_workbook_holds_the_same_figures(world, as_user):
    seed(world)
    response = as_user("drafter.antruong").get("/statistics/statistics.xlsx?year=all")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert "thong-ke-khen-thuong-moi-nam.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [name for name, _, _ in SHEETS.values()]

    def rows(key):
        name, header, _ = SHEETS[key]
        sheet = book[name]
        assert [c.value for c in sheet[HEADER_ROW]] == list(header)
        assert all(c.font.bold for c in sheet[HEADER_ROW])
        assert sheet.column_dimensions["B"].width >= 12
        return [[c.value for c in r] for r in sheet.iter_rows(min_row=HEADER_ROW + 1)]

    assert book["Theo hình thức"]["A1"].value == "THỐNG KÊ KHEN THƯỞNG"
    assert "Mọi năm" in book["Theo hình thức"]["A2"].value
    assert rows("by_award") == [
        [1, "Giấy khen", 1, 2, 1, 4], [2, "Lao động tiên tiến", 0, 1, 0, 1],
        [3, "Chiến sĩ thi đua cơ sở", 0, 1, 0, 1], [4, "Tập thể lao động tiên tiến", 1, 0, 0, 1],
        [None, "Tổng cộng", 2, 4, 1, 7]]
    assert rows("by_kind") == [["Tập thể", 2], ["Cá nhân", 4], ["Hộ gia đình", 1], ["Tổng cộng", 7]]
    assert rows("by_gender") == [["Nam", 1, 25.0], ["Nữ", 2, 50.0], ["Không rõ", 1, 25.0], ["Tổng cộng", 4, 100.0]]
    assert rows("by_body") == [[1, "Ủy ban nhân dân xã An Trường", 2, 2, 4, 1, 7],
                               [None, "Tổng cộng", 2, 2, 4, 1, 7]]
    assert rows("by_unit") == [[1, "Ủy ban nhân dân xã An Trường", "Văn phòng - Thống kê", 2, 2, 4, 1, 7],
                               [None, "Tổng cộng", None, 2, 2, 4, 1, 7]]
    assert book["Theo hình thức"]["B9"].font.bold   # the total row


def test_the_bar_chart_keeps_the_largest_and_cuts_long_names():
    from workflow_app.web.statistics import LABEL_CHARS, MAX_BARS, VALUE_ROOM, WIDTH, bar_chart
    items = [(f"Ủy ban nhân dân xã số {i} " + "rất dài " * (i % 3 * 5), i) for i in range(1, 21)]
    chart = bar_chart(items)
    assert len(chart.bars) == MAX_BARS and chart.more == 20 - MAX_BARS
    assert [b.value for b in chart.bars] == list(range(20, 20 - MAX_BARS, -1))
    assert chart.bars[0].length == WIDTH - VALUE_ROOM and chart.bars[-1].length == round((WIDTH - VALUE_ROOM) * 6 / 20)
    assert all(len(b.label) <= LABEL_CHARS for b in chart.bars)
    cut = next(b for b in chart.bars if b.label != b.full_label)
    assert cut.label.endswith("…") and cut.full_label.startswith(cut.label[:-1])
    assert chart.height == chart.bars[-1].bar_y + chart.bar_h + 10
    assert bar_chart([]).bars == [] and bar_chart([("Giấy khen", 0)]).bars[0].length == 0
