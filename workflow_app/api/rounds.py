"""Commendation rounds: what a round of an issued plan has received."""
from __future__ import annotations

from flask import jsonify

from ..services import rounds
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import operation


@bp.get("/rounds/<int:round_id>")
@operation("Một đợt khen thưởng của kế hoạch đã ban hành: các tờ trình đề nghị đã nhận, nơi chưa gửi",
           responses={200: "Round"}, errors=(404,),
           description="Người dùng của cơ quan ban hành kế hoạch thấy mọi tờ trình của đợt; người dùng của "
                       "cơ quan cấp dưới chỉ thấy tờ trình của cơ quan mình; người khác: 404. `not_proposed`: "
                       "các cơ quan cấp dưới và đơn vị của cơ quan ban hành chưa gửi tờ trình. Tờ trình gửi "
                       "sau hạn (`proposals_due`) có `late: true`.")
def get_round(round_id):
    return jsonify(serialize.round_report(rounds.report(round_id, api_user())))
