"""A commendation proposal's body: the plan it answers, the round, the reason, recipients.

Its nominees are the nominee list every kind with `has_nominees` shares (domain/validation.py).
"""
from __future__ import annotations

from ...domain.schema_parts import ID, array, nullable, text
from ...domain.validation import Collector, lines

SCHEMA = {
    "plan_id": nullable(ID) | {"description": "Đề nghị khen thưởng: kế hoạch đã ban hành được căn cứ."},
    "period": text("period", description="Đề nghị khen thưởng: đợt (sơ kết, tổng kết)."),
    "reason": text("reason", description="Đề nghị khen thưởng: lý do."),
    "recipients": array(text("recipient"), description="Nơi nhận."),
}


def clean_body(c: Collector, body: dict) -> dict:
    plan_id = body.get("plan_id")
    if plan_id is not None and (isinstance(plan_id, bool) or not isinstance(plan_id, int)):
        c.type_errors["body.plan_id"] = "Phải là số nguyên."
        plan_id = None
    return {
        "plan_id": plan_id,
        "period": c.text(body.get("period"), "body.period", "period"),
        "reason": c.text(body.get("reason"), "body.reason", "reason"),
        "recipients": lines(c, body.get("recipients"), "body.recipients", "recipients", "recipient"),
    }


def cites_a_plan(document) -> dict[str, str]:
    """Guard "linked_plan": a proposal names the plan it answers and its round."""
    body = document.body or {}
    problems = {}
    if not body.get("plan_id"):
        problems["body.plan_id"] = "Chưa chọn kế hoạch phát động phong trào."
    if not (body.get("period") or "").strip():
        problems["body.period"] = "Chưa nhập đợt khen thưởng (sơ kết/tổng kết)."
    return problems


def search_text(document) -> str:
    """What a search finds in a proposal's body: its round and reason (its nominees' names are
    searchable for every kind with nominees)."""
    body = document.body or {}
    return "\n".join((body.get("period") or "", body.get("reason") or ""))
