"""Contexts of the plan's documents: the Kế hoạch, its Tờ trình and the Phiếu trình."""
from __future__ import annotations

from .. import vnformat
from .clean import clean_line, clean_paragraphs
from .commendation_contexts import commendation_summary, vetting_unit_abbr
from .context_parts import (
    DocMeta,
    head_of,
    header,
    heading_in_sentence,
    legal_basis_lines,
    local_date,
    number_text,
    opinion_paragraphs,
    recipient_lines,
    section_heading,
    sentence_part,
    signature,
    without_type_word,
)
from .data import Agency, Award, Generation, Numbering, PlanData, RoundInPlan


def body_paragraphs(paragraphs) -> list[str]:
    """Cleaned paragraphs; a writer's own closing './.' is dropped (the layout adds the one closing)."""
    out = []
    for raw in paragraphs:
        for text in clean_paragraphs(raw):
            out.append(text[:-2] if text.endswith("./.") else text)
    return out


def milestone_lines(milestones) -> list[str]:
    names = []
    for name, due in milestones:
        name = clean_line(name).rstrip(" ;,.:")
        if name:
            names.append(f"- {name}: hoàn thành trước {vnformat.date_phrase(due)}" if due else f"- {name}")
    return [line + (";" if i < len(names) - 1 else ".") for i, line in enumerate(names)]


def plan_title(plan: PlanData) -> str:
    """The plan's trích yếu: its title without a leading 'Kế hoạch' (the documents name the type),
    starting with a capital as a trích yếu does ('Triển khai …' under 'KẾ HOẠCH')."""
    title = without_type_word(clean_line(plan.title), "Kế hoạch")
    return title[:1].upper() + title[1:]


ROUNDS_HEADING = "TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG"
_GROUP_LETTERS = "abcdđeghiklmnopqrstuvxy"


def award_phrase(award: Award, issuer: Agency) -> str:
    """A form of commendation as a plan writes it: 'Giấy khen của Chủ tịch Ủy ban nhân dân huyện
    Càng Long', a title 'danh hiệu “Lao động tiên tiến”'."""
    label = clean_line(award.label)
    if label.lower().startswith(("giấy khen", "bằng khen")):
        return f"{label} của {clean_line(issuer.head_title)} {clean_line(issuer.name)}"
    return f"danh hiệu “{label}”"


def _listed(items: list[str]) -> list[str]:
    """'- a;', '- b;', '- c.': a list of lines, each closed as the list goes on."""
    items = [clean_line(i).rstrip(" ;,.") for i in items]
    items = [i for i in items if i]
    return [f"- {item}" + (";" if n < len(items) - 1 else ".") for n, item in enumerate(items)]


def round_paragraphs(rounds: tuple[RoundInPlan, ...], issuer: Agency) -> list[str]:
    """The plan's section on its rounds: per round its name and deadline, per target group its
    criteria and the forms of commendation it may be proposed for."""
    out = []
    for i, r in enumerate(rounds, 1):
        out.append(f"{i}. {clean_line(r.name).rstrip(' .;:')}")
        if r.proposals_due:
            out.append(f"Thời hạn gửi hồ sơ đề nghị: trước {vnformat.date_phrase(r.proposals_due)}.")
        for j, g in enumerate(r.groups):
            letter = _GROUP_LETTERS[j] if j < len(_GROUP_LETTERS) else str(j + 1)
            out.append(f"{letter}) {clean_line(g.name).rstrip(' .;:')}:")
            criteria = _listed(list(g.criteria))
            if criteria:
                out.append("Tiêu chí:")
                out += criteria
            if g.awards:
                out.append("Hình thức khen thưởng: " + "; ".join(award_phrase(a, issuer) for a in g.awards) + ".")
    return out


def plan_sections(plan: PlanData, issuer: Agency) -> list[dict]:
    """The plan's own sections, then (if it declares rounds) its section on them."""
    sections = [(heading, body_paragraphs(paragraphs)) for heading, paragraphs in plan.sections]
    if plan.rounds:
        sections.append((ROUNDS_HEADING, round_paragraphs(plan.rounds, issuer)))
    return [{"heading": section_heading(i, heading), "paragraphs": paragraphs}
            for i, (heading, paragraphs) in enumerate(sections, 1)]


def plan_context(plan: PlanData, gen: Generation) -> tuple[dict, DocMeta]:
    issuer = gen.issuer
    context = {
        **header(issuer, gen.numbering, gen.created_at),
        "subject": plan_title(plan),
        "subject_in_sentence": sentence_part(plan_title(plan)),
        "issuer_name": clean_line(issuer.name),
        "legal_bases": legal_basis_lines(plan.legal_bases),
        "sections": plan_sections(plan, issuer),
        "milestones": milestone_lines(plan.milestones),
        "recipient_lines": recipient_lines(plan.recipients, archive=(plan.drafting_unit_abbr,)),
        **signature(issuer, gen.signer, collective_act=True),
    }
    meta = DocMeta("Kế hoạch", number_text(gen.numbering), context["subject"], clean_line(issuer.name),
                   gen.numbering.seq is not None)
    return context, meta


def _outline(plan: PlanData) -> list[str]:
    """What a plan's Tờ trình or Phiếu trình says about it: its parts and milestones."""
    lines = []
    parts = []
    for i, (heading, _) in enumerate(plan.sections, 1):
        number = section_heading(i, heading).split(". ", 1)[0]     # 'I. MỤC ĐÍCH' -> 'I. Mục đích'
        parts.append(f"{number}. {heading_in_sentence(heading)}")
    if parts:
        lines.append(f"Dự thảo Kế hoạch gồm các phần: {'; '.join(parts)}.")
    milestones = [m[2:].rstrip(";.") for m in milestone_lines(plan.milestones)]
    if milestones:
        lines.append(f"Kế hoạch xác định các mốc: {'; '.join(milestones)}.")
    rounds = [clean_line(r.name).rstrip(" .;:")
              + (f" (hạn gửi hồ sơ đề nghị trước {vnformat.date_phrase(r.proposals_due)})" if r.proposals_due else "")
              for r in plan.rounds]
    if rounds:
        lines.append(f"Kế hoạch xác định các đợt khen thưởng, tiêu chí và hình thức khen thưởng: {'; '.join(rounds)}.")
    return lines


def to_trinh_ke_hoach_context(plan: PlanData, gen: Generation) -> tuple[dict, DocMeta]:
    """The drafting unit (Generation.proposer, else the office) asks the body to issue the plan."""
    issuer = gen.issuer
    sender: Agency = gen.proposer or gen.office or issuer
    numbering = gen.proposal_numbering or Numbering("TTr", sender.abbreviation)
    # a unit asks its body to issue the plan; without a unit, the body's own paper goes to its head
    addressee = clean_line(issuer.name) if sender is not issuer else head_of(issuer)
    what = sentence_part(plan_title(plan))
    context = {
        **header(sender, numbering, gen.created_at),
        "subject": f"Về việc ban hành Kế hoạch {what}",
        "addressee": addressee,
        "legal_bases": legal_basis_lines(plan.legal_bases),
        "paragraphs": [f"Thực hiện nhiệm vụ được giao, {clean_line(sender.name)} đã xây dựng dự thảo "
                       f"Kế hoạch {what} (có dự thảo Kế hoạch kèm theo).", *_outline(plan)],
        "recipient_lines": recipient_lines((), first="Như trên", archive=(plan.drafting_unit_abbr,)),
        **signature(sender, gen.proposal_signer, collective_act=True),
    }
    meta = DocMeta("Tờ trình", number_text(numbering), context["subject"], clean_line(sender.name),
                   numbering.seq is not None)
    return context, meta


def phieu_trinh_context(content, gen: Generation) -> tuple[dict, DocMeta]:
    """The office presents the file to the leader with its opinion (a plan or a commendation)."""
    issuer = gen.issuer
    sender: Agency = gen.office or issuer
    numbering = Numbering("PTr", sender.abbreviation)
    addressee = head_of(issuer)
    if isinstance(content, PlanData):
        what = sentence_part(plan_title(content))
        subject = f"Về việc ban hành Kế hoạch {what}"
        presented = [f"Nội dung trình: dự thảo Kế hoạch {what} "
                     f"do {clean_line((gen.proposer or sender).name)} soạn thảo.", *_outline(content)]
        bases = content.legal_bases
        archive = content.drafting_unit_abbr
    else:
        subject, presented = commendation_summary(content, gen)
        bases, archive = (), vetting_unit_abbr(content, gen)
    signed = signature(sender, gen.reviewer, collective_act=False)
    if gen.office is None:   # no vetting unit known: the reviewer signs under his own position
        position = clean_line(gen.reviewer.position) if gen.reviewer else ""
        signed["authority_lines"] = [position.upper() or "NGƯỜI TRÌNH"]
    context = {
        **header(sender, numbering, gen.created_at, dated=local_date(gen.created_at)),
        "subject": subject,
        "addressee": addressee,
        "leader": f"lãnh đạo {clean_line(issuer.name)}",
        "legal_bases": legal_basis_lines(bases),
        "paragraphs": presented + opinion_paragraphs(gen.comment, sender),
        "recipient_lines": recipient_lines((), first="Như trên", archive=(archive,)),
        **signed,
    }
    meta = DocMeta("Phiếu trình", number_text(numbering), subject, clean_line(sender.name), False)
    return context, meta
