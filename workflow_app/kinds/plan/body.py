"""A plan's body: legal bases, sections of paragraphs, milestones, recipients."""
from __future__ import annotations

from ...domain.schema_parts import DATE, array, nullable, obj, text
from ...domain.validation import Collector, iso_date, lines
from . import rounds

SCHEMA = {
    "legal_bases": array(text("legal_basis"), description="Kế hoạch: các dòng “Căn cứ ...;”."),
    "sections": array(obj({"heading": text("heading"), "paragraphs": array(text("paragraph"))}),
                      description="Kế hoạch: các phần (ít nhất một khi trình)."),
    "milestones": array(obj({"name": text("milestone"), "due": nullable(DATE)}),
                        description="Kế hoạch: các mốc sơ kết, tổng kết."),
    "recipients": array(text("recipient"), description="Nơi nhận."),
    "rounds": rounds.SCHEMA,
}


def clean_body(c: Collector, body: dict) -> dict:
    sections = []
    for i, s in enumerate(c.items(body.get("sections"), "body.sections", "sections")):
        s = c.mapping(s, f"body.sections[{i}]")
        paragraphs = c.items(s.get("paragraphs"), f"body.sections[{i}].paragraphs", "paragraphs")
        sections.append({
            "heading": c.text(s.get("heading"), f"body.sections[{i}].heading", "heading", required=True),
            "paragraphs": [text for j, p in enumerate(paragraphs)
                           if (text := c.text(p, f"body.sections[{i}].paragraphs[{j}]", "paragraph"))],
        })
    milestones = []
    for i, m in enumerate(c.items(body.get("milestones"), "body.milestones", "milestones")):
        m = c.mapping(m, f"body.milestones[{i}]")
        milestones.append({"name": c.text(m.get("name"), f"body.milestones[{i}].name", "milestone", True),
                           "due": iso_date(c, m.get("due"), f"body.milestones[{i}].due")})
    return {
        "legal_bases": lines(c, body.get("legal_bases"), "body.legal_bases", "legal_bases", "legal_basis"),
        "sections": sections,
        "milestones": milestones,
        "recipients": lines(c, body.get("recipients"), "body.recipients", "recipients", "recipient"),
        "rounds": rounds.clean_rounds(c, body.get("rounds")),
    }


def has_sections(document) -> dict[str, str]:
    """Guard "sections": a plan is submitted with at least one section."""
    sections = (document.body or {}).get("sections") or []
    if not any((s.get("heading") or "").strip() for s in sections):
        return {"body.sections": "Kế hoạch cần ít nhất một mục nội dung."}
    return {}


def search_text(document) -> str:
    """What a search finds in a plan's body: its legal bases, sections and milestones (not the
    recipients, which nearly every plan shares)."""
    body = document.body or {}
    texts = list(body.get("legal_bases") or [])
    for section in body.get("sections") or []:
        texts += [section.get("heading") or "", *(section.get("paragraphs") or [])]
    texts += [m.get("name") or "" for m in body.get("milestones") or []]
    return "\n".join(texts)
