"""Thống kê khen thưởng: the figures of services/statistics.py as tables and bar charts drawn
server-side (inline SVG, no script), and as an .xlsx workbook."""
from __future__ import annotations

import io
from dataclasses import dataclass

from flask import Blueprint, render_template, request, send_file
from flask_babel import format_decimal
from flask_login import current_user, login_required

from ..domain.clock import local_today
from ..domain.statistics import to_xlsx
from ..domain.validation import MAX_ROW_ID
from ..services.statistics import (
    StatsFilter,
    filtered_plan,
    filtered_round,
    plan_choices,
    plan_label,
    round_choices,
    statistics,
)
from .documents.common import int_arg

bp = Blueprint("statistics", __name__, url_prefix="/statistics")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL = "all"
NO_ROW = 0             # names no plan or round: services.statistics.visible_plan/visible_round say NotFound


@bp.before_request
@login_required
def _signed_in_only():
    """Everyone signed in; the figures count only the decisions the user may see."""


def _filter() -> StatsFilter:
    """?year= (default this year; "all": every year), ?plan_id=, ?round_id=."""
    year = None if request.args.get("year") == ALL else int_arg("year", local_today().year, 1900, 2999)
    return StatsFilter(year=year, plan_id=_row_id("plan_id"), round_id=_row_id("round_id"))


def _row_id(name: str) -> int | None:
    """?plan_id= / ?round_id=: a whole number from 1 names a plan or a round, whatever its size:
    one past the ids rows have is not found (filtered_plan's or filtered_round's 404), as a
    smaller unknown one is, rather than dropped and every plan or round counted. Anything else
    is ignored as the other filters are."""
    text = (request.args.get(name) or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        return None
    return int_arg(name, NO_ROW, high=MAX_ROW_ID)


def _query(f: StatsFilter) -> dict:
    return {"year": f.year if f.year is not None else ALL,
            **({"plan_id": f.plan_id} if f.plan_id else {}), **({"round_id": f.round_id} if f.round_id else {})}


def _checked(f: StatsFilter):
    """((round, its plan) of ?round_id=, the plan of ?plan_id=), each None without one. A round
    or a plan the user may not see (or none such): NotFound, a 404 page saying so (counting
    nothing would read as "no awards"); a round of another plan than ?plan_id=: a 422 page
    saying whose it is."""
    return filtered_round(current_user, f), filtered_plan(current_user, f)


def round_heading(found) -> str:
    """The round as the headings name it: "Đợt khen thưởng: <name> (Kế hoạch <number – title>)"."""
    round_, plan = found
    return f"Đợt khen thưởng: {round_.name} (Kế hoạch {plan_label(plan)})"


def _scope(f: StatsFilter, plan=None, found=None) -> str:
    """What was counted, in Vietnamese: the workbook's second line."""
    parts = [f"Năm {f.year}" if f.year else "Mọi năm"]
    if plan is not None:
        parts.append("Kế hoạch: " + plan_label(plan))
    if found:
        parts.append(round_heading(found))
    return (f"{current_user.organization.name}. {'; '.join(parts)}. Người được khen thưởng trong các quyết "
            "định đã ban hành mà người xuất được xem.")


# Bar charts

WIDTH, BAR_H, LABEL_H, GAP, TOP, MAX_BARS, LABEL_CHARS = 400, 18, 18, 10, 6, 15, 52
VALUE_ROOM = 48     # room right of the longest bar for its figure


@dataclass(frozen=True)
class Bar:
    label: str          # as drawn, cut to LABEL_CHARS
    full_label: str
    value: int
    label_y: int
    bar_y: int
    length: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_h: int
    bars: list[Bar]
    more: int           # items left out (the table lists them)


def bar_chart(items: list[tuple[str, int]]) -> Chart:
    """Horizontal bars, each under its label (long names need no left margin on a phone), the
    figure after the bar; the MAX_BARS largest."""
    shown = sorted(items, key=lambda item: -item[1])[:MAX_BARS] if len(items) > MAX_BARS else items
    top = max((v for _, v in shown), default=0) or 1
    bars, y = [], TOP
    for label, value in shown:
        cut = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"
        bars.append(Bar(cut, label, value, y + 13, y + LABEL_H, round((WIDTH - VALUE_ROOM) * value / top)))
        y += LABEL_H + BAR_H + GAP
    return Chart(WIDTH, y, BAR_H, bars, len(items) - len(shown))


@bp.get("/")
def index():
    f = _filter()
    found, _plan = _checked(f)
    stats = statistics(current_user, f)
    plans = plan_choices(current_user)
    years = sorted({*stats.years, *([f.year] if f.year else []), local_today().year}, reverse=True)
    return render_template(
        "statistics/index.html", stats=stats, f=f, years=years, plans=plans, query=_query(f),
        rounds=round_choices(current_user), plan_label=plan_label, round=found[0] if found else None,
        round_plan=found[1] if found else None, decimal=format_decimal,
        award_chart=bar_chart([(r.label, r.counts.total) for r in stats.by_award]),
        body_chart=bar_chart([(b.name, b.counts.total) for b in stats.by_body]))


@bp.get("/statistics.xlsx")
def export():
    f = _filter()
    found, plan = _checked(f)
    stats = statistics(current_user, f)
    title = "THỐNG KÊ KHEN THƯỞNG" + (f" – {found[0].name.upper()}" if found else "")
    data = to_xlsx(stats, title, _scope(f, plan, found))
    name = (f"thong-ke-khen-thuong-{f.year or 'moi-nam'}{f'-ke-hoach-{f.plan_id}' if f.plan_id else ''}"
            f"{f'-dot-{f.round_id}' if f.round_id else ''}.xlsx")
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name, max_age=0)

