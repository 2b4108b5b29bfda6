"""Thống kê khen thưởng (issue 15, point 8): the figures of the web page, as JSON."""
from __future__ import annotations

from flask import jsonify

from ..domain.statistics import Counts
from ..services.statistics import StatsFilter, filtered_plan, filtered_round, statistics
from .auth import api_user
from .blueprint import bp
from .openapi import operation
from .schemas import STATISTICS_FILTERS


def _counts(counts: Counts) -> dict:
    return counts.as_dict()


@bp.get("/statistics")
@operation("Thống kê khen thưởng: số được khen thưởng theo hình thức, đối tượng, giới tính, cơ quan và đơn vị "
           "đề nghị", query=STATISTICS_FILTERS, responses={200: "Statistics"}, errors=(404, 422),
           description="Chỉ tính người được đồng ý khen thưởng trong các quyết định khen thưởng đã ban hành mà "
                       "người dùng được xem. Không gửi `year`: mọi năm. `round_id`: một đợt khen thưởng của kế "
                       "hoạch đã ban hành mà người dùng được xem, nếu không: 404 (`fields.round_id`); với "
                       "`plan_id`: đợt của kế hoạch đó, nếu không: 422. `plan_id`: một kế hoạch đã ban "
                       "hành mà người dùng được xem, nếu không: 404 (`fields.plan_id`).")
def get_statistics(query):
    user = api_user()
    f = StatsFilter(year=query["year"], plan_id=query["plan_id"], round_id=query["round_id"])
    found = filtered_round(user, f)
    filtered_plan(user, f)
    round_ = found[0] if found else None
    stats = statistics(user, f)
    return jsonify(
        year=f.year, plan_id=f.plan_id, round_id=f.round_id,
        round={"id": round_.id, "plan_id": round_.plan_id, "name": round_.name} if round_ is not None else None,
        decisions=stats.decisions, total=stats.total,
        by_kind=_counts(stats.counts), by_gender=stats.genders.as_dict(),
        by_award=[{"code": r.code, "label": r.label, **_counts(r.counts)} for r in stats.by_award],
        by_proposer=[{"organization_id": b.organization_id, "name": b.name, "decisions": b.decisions,
                      **_counts(b.counts),
                      "units": [{"unit_id": u.unit_id, "name": u.name, "decisions": u.decisions, **_counts(u.counts)}
                                for u in b.units]}
                     for b in stats.by_body])
