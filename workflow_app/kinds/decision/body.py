"""A round decision's body: the round, its plan and period, and the proposals it was made from.

Nobody writes it: services/round_decisions.py sets it when it makes the decision from a round.
"""
from __future__ import annotations

from ...domain.schema_parts import ID, array, nullable, text
from ...domain.validation import Collector

SCHEMA = {
    "round_id": nullable(ID) | {"description": "Quyết định khen thưởng của đợt: đợt khen thưởng được quyết định."},
    "plan_id": nullable(ID) | {"description": "Kế hoạch có đợt khen thưởng."},
    "period": text("period", description="Tên đợt khen thưởng."),
    "proposal_ids": array(ID, description="Quyết định khen thưởng của đợt: các tờ trình đề nghị được đưa vào."),
}


def clean_body(c: Collector, body: dict) -> dict:
    """The body as the service made it (it is never edited)."""
    ids = body.get("proposal_ids") or []
    return {
        "round_id": body.get("round_id"),
        "plan_id": body.get("plan_id"),
        "period": c.text(body.get("period"), "body.period", "period"),
        "proposal_ids": [i for i in ids if isinstance(i, int) and not isinstance(i, bool)],
    }


def search_text(document) -> str:
    return (document.body or {}).get("period") or ""
