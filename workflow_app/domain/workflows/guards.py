"""Content guards shared by kinds: what a document must hold before a step. Each returns
{field: reason}. A kind adds its own (DocumentKind.guards), named in its steps' `requires`.

`document` needs title, body (dict), ever_submitted and nominees (with full_name, award,
achievement, review_status). An empty result means the guard passes.
"""
from __future__ import annotations

from collections.abc import Callable


def _title(document) -> dict[str, str]:
    return {} if (document.title or "").strip() else {"title": "Chưa nhập trích yếu (tên văn bản)."}


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


def _nominees_decided(document) -> dict[str, str]:
    pending = [n for n in document.nominees if n.review_status not in ("accepted", "rejected")]
    if pending:
        return {"nominees": f"Còn {len(pending)} trường hợp chưa có ý kiến thẩm định."}
    if not any(n.review_status == "accepted" for n in document.nominees):
        return {"nominees": "Cần ít nhất một trường hợp được đề nghị khen thưởng."}
    return {}


def _ever_submitted(document) -> dict[str, str]:
    """Hủy is for a draft once submitted; one never submitted is deleted instead."""
    if document.ever_submitted:
        return {}
    return {"state": "Dự thảo chưa từng trình: hãy xoá dự thảo thay vì hủy."}


GUARDS: dict[str, Callable[[object], dict[str, str]]] = {
    "title": _title,
    "recipients": _recipients,
    "nominees_complete": _nominees_complete,
    "nominees_decided": _nominees_decided,
    "ever_submitted": _ever_submitted,
}


def problems(requires: tuple[str, ...], document, own: dict | None = None) -> dict[str, str]:
    """What stops the step: the shared guards above and the kind's `own` (DocumentKind.guards)."""
    found: dict[str, str] = {}
    for name in requires:
        guard = (own or {}).get(name) or GUARDS[name]
        found.update(guard(document))
    return found
