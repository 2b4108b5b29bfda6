"""Tra cứu khen thưởng (issue 15, point 7): who was already awarded, by which decision."""
from __future__ import annotations

from flask import jsonify

from ..services import awards
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import operation
from .schemas import AWARD_FILTERS


@bp.get("/awards")
@operation("Tra cứu khen thưởng: ai đã được khen thưởng, theo Quyết định nào", query=AWARD_FILTERS,
           responses={200: "AwardPage"},
           description="Những người, tập thể, hộ gia đình được khen thưởng (được chấp thuận) trong các Quyết định "
                       "khen thưởng đã ban hành mà người dùng được xem (như GET /documents): họ tên, đơn vị, hình "
                       "thức, số, ngày và cơ quan ban hành Quyết định. Quyết định mới trước; `total` đếm đến 1000 "
                       "(`more`: còn nhiều hơn). Bổ sung so với API.md.")
def list_awards(query):
    found = awards.search(api_user(), q=query["q"], year=query["year"], page=query["page"] or 1,
                          per_page=query["per_page"] or 50)
    return jsonify(items=[serialize.award(a) for a in found.items], page=found.page, per_page=found.per_page,
                   total=found.total, more=found.more)
