"""What a plan's masters are rendered from, and how other documents cite a plan."""
from __future__ import annotations

from datetime import date

from ...domain.documents.context_parts import sentence_part
from ...domain.documents.data import Award, PlanData, RoundInPlan, TargetGroup
from ...domain.vnformat import date_phrase, without_type_word
from ..common import drafting_unit_abbr


def plan_content(document, find=None) -> PlanData:
    body = document.body or {}
    return PlanData(
        title=document.title,
        legal_bases=tuple(body.get("legal_bases") or ()),
        sections=tuple((s.get("heading", ""), tuple(s.get("paragraphs") or ()))
                       for s in body.get("sections") or ()),
        milestones=tuple((m.get("name", ""), date.fromisoformat(m["due"]) if m.get("due") else None)
                         for m in body.get("milestones") or ()),
        recipients=tuple(body.get("recipients") or ()),
        drafting_unit_abbr=drafting_unit_abbr(document),
        rounds=rounds_in_plan(body.get("rounds") or (), document.issuer.awards or ()))


def rounds_in_plan(rounds, awards) -> tuple[RoundInPlan, ...]:
    """The body's rounds as the plan prints them, each award named from the body's award list."""
    by_code = {a["code"]: Award(a["code"], a["label"], a.get("certificate")) for a in awards}
    return tuple(
        RoundInPlan(r.get("name", ""), date.fromisoformat(r["proposals_due"]) if r.get("proposals_due") else None,
                    tuple(TargetGroup(g.get("name", ""), tuple(g.get("criteria") or ()),
                                      tuple(by_code.get(code, Award(code, code)) for code in g.get("awards") or ()))
                          for g in r.get("groups") or ()))
        for r in rounds)


def citation(plan) -> str:
    """`Kế hoạch số 67/KH-UBND ngày 30 tháng 5 năm 2023 của Ủy ban nhân dân huyện Càng Long về thực
    hiện …`: the date written in full as the documents write every date, the title continuing the
    sentence (lower-case start, no 'Kế hoạch' twice)."""
    if plan is None:
        return ""
    parts = [f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch"]
    if plan.issued_on:
        parts.append(date_phrase(plan.issued_on))
    parts.append(f"của {plan.issuer.name} về {sentence_part(without_type_word(plan.title, 'Kế hoạch'))}")
    return " ".join(parts)


SAMPLE = PlanData(
    title="Thực hiện phong trào thi đua mẫu",
    legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",),
    sections=(("MỤC ĐÍCH, YÊU CẦU", ("Nội dung mẫu của mục đích, yêu cầu, đủ dài để là một đoạn văn bản "
                                     "căn đều hai bên như mọi đoạn nội dung của văn bản hành chính.",)),
              ("TỔ CHỨC THỰC HIỆN", ("Các cơ quan, đơn vị tổ chức thực hiện.",))),
    milestones=(("Sơ kết", date(2025, 12, 31)),),
    recipients=("Các cơ quan, đơn vị",),
    drafting_unit_abbr="NV",
    rounds=(RoundInPlan("Sơ kết", date(2025, 10, 31), (
        TargetGroup("Tập thể", ("Hoàn thành xuất sắc nhiệm vụ", "Có mô hình hiệu quả"),
                    (Award("giay_khen", "Giấy khen", "giay_khen"),
                     Award("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến"))),
        TargetGroup("Cá nhân", ("Hoàn thành tốt nhiệm vụ",), (Award("lao_dong_tien_tien", "Lao động tiên tiến"),)),
    )),),
)
