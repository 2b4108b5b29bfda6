"""Content guards: what a document must hold before a step. Each returns {field: reason}.

`document` needs title, body (dict) and nominees (with full_name, award, achievement,
review_status). An empty result means the guard passes.
"""
from __future__ import annotations

from collections.abc import Callable


def _title(document) -> dict[str, str]:
    return {} if (document.title or "").strip() else {"title": "Chưa nhập trích yếu (tên văn bản)."}


def _sections(document) -> dict[str, str]:
    sections = (document.body or {}).get("sections") or []
    if not any((s.get("heading") or "").strip() for s in sections):
        return {"body.sections": "Kế hoạch cần ít nhất một mục nội dung."}
    return {}


def _recipients(document) -> dict[str, str]:
    recipients = (document.body or {}).get("recipients") or []
    if not any(r.strip() for r in recipients):
        return {"body.recipients": "Chưa nhập nơi nhận."}
    return {}


def _nominees_complete(document) -> dict[str, str]:
    if not document.nominees:
        return {"nominees": "Cần ít nhất một tập thể hoặc cá nhân được đề nghị."}
    problems = {}
    for i, n in enumerate(document.nominees):
        missing = [label for label, value in (("họ tên", n.full_name), ("hình thức khen thưởng", n.award),
                                              ("thành tích", n.achievement)) if not (value or "").strip()]
        if missing:
            problems[f"nominees[{i}]"] = f"Dòng {i + 1}: thiếu {', '.join(missing)}."
    return problems


def _linked_plan(document) -> dict[str, str]:
    body = document.body or {}
    problems = {}
    if not body.get("plan_id"):
        problems["body.plan_id"] = "Chưa chọn kế hoạch phát động phong trào."
    if not (body.get("period") or "").strip():
        problems["body.period"] = "Chưa nhập đợt khen thưởng (sơ kết/tổng kết)."
    return problems


def _nominees_decided(document) -> dict[str, str]:
    pending = [n for n in document.nominees if n.review_status not in ("accepted", "rejected")]
    if pending:
        return {"nominees": f"Còn {len(pending)} trường hợp chưa có ý kiến thẩm định."}
    if not any(n.review_status == "accepted" for n in document.nominees):
        return {"nominees": "Cần ít nhất một trường hợp được đề nghị khen thưởng."}
    return {}


GUARDS: dict[str, Callable[[object], dict[str, str]]] = {
    "title": _title,
    "sections": _sections,
    "recipients": _recipients,
    "nominees_complete": _nominees_complete,
    "linked_plan": _linked_plan,
    "nominees_decided": _nominees_decided,
}


def problems(requires: tuple[str, ...], document) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in requires:
        found.update(GUARDS[name](document))
    return found
