"""The emulation council's meeting for a round (issue 15, point 4; beyond shared/API.md):
PUT records it and its vote on each nominee, GET shows it (services/council.py)."""
from __future__ import annotations

from flask import jsonify

from ..services import council
from .auth import api_user
from .blueprint import bp
from .openapi import operation


def council_json(found: council.Council) -> dict:
    recorded = found.recorded or {}
    return {
        "round_id": found.round.id, "recorded": bool(recorded),
        "meeting": recorded.get("meeting"), "members": recorded.get("members"),
        "present": recorded.get("present"), "recorded_at": recorded.get("recorded_at"),
        "recorded_by": found.recorded_by, "may_record": found.may_record,
        "nominees": [{
            "nominee_id": row.nominee.id, "document_id": row.document.id, "full_name": row.nominee.full_name,
            "organization": row.nominee.organization, "unit": row.unit, "award": row.nominee.award,
            "award_label": row.award_label,
            "threshold": row.threshold.to_json() if row.threshold else None,
            "votes_for": (row.result or {}).get("votes_for"), "votes_total": (row.result or {}).get("votes_total"),
            "percent": (row.result or {}).get("percent"),
            "passed": (row.result or {}).get("passed"), "note": (row.result or {}).get("note") or "",
        } for row in found.rows],
        "warnings": [{"unit": w.unit, "award": w.award, "count": w.count, "limit": w.limit, "message": w.text()}
                     for w in found.warnings],
    }


@bp.get("/rounds/<int:round_id>/council")
@operation("Cuộc họp Hội đồng Thi đua - Khen thưởng của đợt: danh sách xét, số phiếu, kết quả",
           responses={200: "Council"}, errors=(404,),
           description="Người dùng của cơ quan ban hành kế hoạch; người khác: 404. Danh sách xét: người được "
                       "đề nghị đã được chấp nhận khi thẩm định trong các tờ trình đã thẩm định của đợt, và người "
                       "Hội đồng đã không thông qua. `passed` null: chưa xét.")
def get_council(round_id):
    return jsonify(council_json(council.view(round_id, api_user())))


@bp.put("/rounds/<int:round_id>/council")
@operation("Ghi cuộc họp và kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng cho đợt",
           body="CouncilRequest", responses={200: "Council"}, errors=(403, 404),
           description="Chỉ người thẩm định của cơ quan ban hành kế hoạch. Mỗi người được đề nghị được so với "
                       "ngưỡng phiếu của hình thức khen thưởng trong danh mục (ví dụ Chiến sĩ thi đua cơ sở: "
                       "≥ 80% tổng số thành viên, Nghị định 98/2023/NĐ-CP Điều 30 khoản 7); người không đạt được "
                       "ghi là không đề nghị, kèm lý do, nên quyết định của đợt không có tên. Ghi lại thì kết quả "
                       "cũ được thay. Dữ liệu sai: 400/422 nêu từng trường, không có gì thay đổi.")
def put_council(round_id, payload):
    return jsonify(council_json(council.record(round_id, payload, api_user())))
