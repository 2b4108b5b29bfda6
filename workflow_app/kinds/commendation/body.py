"""A commendation proposal's body: the plan it answers, the round, the reason, recipients.

Its nominees are the nominee list every kind with `has_nominees` shares (domain/validation.py).
"""
from __future__ import annotations

from ...domain.schema_parts import ID, array, nullable, text
from ...domain.validation import Collector, lines

SCHEMA = {
    "round_id": nullable(ID) | {"description": "Đề nghị khen thưởng: đợt khen thưởng của một kế hoạch đã ban "
                                               "hành (body.rounds[].id của kế hoạch); khi có, plan_id và "
                                               "period lấy theo đợt."},
    "plan_id": nullable(ID) | {"description": "Đề nghị khen thưởng: kế hoạch đã ban hành được căn cứ."},
    "period": text("period", description="Đề nghị khen thưởng: đợt (sơ kết, tổng kết)."),
    "reason": text("reason", description="Đề nghị khen thưởng: lý do."),
    "recipients": array(text("recipient"), description="Nơi nhận."),
}


def _row_id(c: Collector, body: dict, name: str) -> int | None:
    value = body.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        c.type_errors[f"body.{name}"] = "Phải là số nguyên."
        return None
    return value


def clean_body(c: Collector, body: dict) -> dict:
    return {
        "round_id": _row_id(c, body, "round_id"),
        "plan_id": _row_id(c, body, "plan_id"),
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


def late_review_reason(document) -> str | None:
    """Review of a proposal submitted after its round's deadline: the reviewer records why it is
    still considered (or returns it)."""
    if document.late:
        return "Tờ trình nộp muộn (sau hạn gửi hồ sơ của đợt): cần ghi lý do vẫn xem xét khi thẩm định."
    return None


def search_text(document) -> str:
    """What a search finds in a proposal's body: its round and reason (its nominees' names are
    searchable for every kind with nominees)."""
    body = document.body or {}
    return "\n".join((body.get("period") or "", body.get("reason") or ""))


def award_prerequisites(document) -> dict[str, str]:
    """Guard "award_prerequisites" (submit, review): an award whose entry in the deciding body's
    list `requires` others (CSTĐCS: LĐTT) comes with them the same year, on this proposal or by an
    issued decision (services/nominee_checks.py). At review only the accepted rows count."""
    from ...services.nominee_checks import missing_prerequisites
    return missing_prerequisites(document)


def not_in_round_decision(document) -> dict[str, str]:
    """Guard "not_in_round_decision" (approve, issue, return of a reviewed proposal): a proposal
    taken into its round's decision is decided there (services/round_decisions.py)."""
    if document.decision_id is not None:
        return {"decision_id": "Tờ trình đã được đưa vào quyết định khen thưởng của đợt (mã "
                               f"{document.decision_id}); xử lý tại quyết định đó."}
    return {}


def round_open(document) -> dict[str, str]:
    """Guard "round_open" (submit): a draft citing a round whose decision is issued is not sent in
    to it (services/rounds.py); without the round it may go as an ad hoc proposal."""
    from ...services.rounds import refusal_if_closed
    return refusal_if_closed(document)
