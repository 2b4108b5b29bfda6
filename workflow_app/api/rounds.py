"""Commendation rounds: what a round of an issued plan has received."""
from __future__ import annotations

from flask import jsonify

from ..services import api_steps, rounds
from . import serialize
from .auth import api_user
from .blueprint import bp
from .documents import _answer, _idempotency_key, _send
from .openapi import operation
from .schemas import IDEMPOTENCY_KEY


@bp.get("/rounds/<int:round_id>")
@operation("Một đợt khen thưởng của kế hoạch đã ban hành: các tờ trình đề nghị đã nhận, nơi chưa gửi",
           responses={200: "Round"}, errors=(404,),
           description="Người dùng của cơ quan ban hành kế hoạch thấy mọi tờ trình của đợt; người dùng của "
                       "cơ quan cấp dưới chỉ thấy tờ trình của cơ quan mình; người khác: 404. `not_proposed`: "
                       "các cơ quan cấp dưới và đơn vị của cơ quan ban hành chưa gửi tờ trình. Tờ trình gửi "
                       "sau hạn (`proposals_due`) có `late: true`.")
def get_round(round_id):
    return jsonify(serialize.round_report(rounds.report(round_id, api_user())))


@bp.post("/rounds/<int:round_id>/decision")
@operation("Lập MỘT quyết định khen thưởng cho đợt từ các tờ trình đã thẩm định",
           body="RoundDecisionRequest", body_optional=True,
           responses={201: "Document"}, errors=(403, 404, 409),
           headers={201: {"Location": "Địa chỉ của quyết định mới."}}, header_params=(IDEMPOTENCY_KEY,),
           description="Người thẩm định của cơ quan ban hành kế hoạch. Nội dung (JSON, không bắt buộc): "
                       "`{\"proposal_ids\": [40, 41]}`; không gửi: mọi tờ trình đã thẩm định của đợt chưa có "
                       "quyết định. Trả về văn bản `kind` `decision` ở trạng thái `reviewed`, gồm bản sao mọi "
                       "trường hợp được chấp nhận của các tờ trình (mỗi trường hợp có `proposal_id`), kèm Tờ trình, "
                       "Biên bản và dự thảo Quyết định; các tờ trình có `decision_id`. Tờ trình đã thuộc quyết "
                       "định khác: 409; tờ trình chưa thẩm định hoặc không thuộc đợt, đợt không còn gì để quyết "
                       "định: 422.")
def create_round_decision(round_id, payload):
    user, key = api_user(), _idempotency_key(payload)
    return _send(api_steps.create_round_decision(user, round_id, payload, key, _answer), location=True)
