"""Contexts of a round's one decision (đợt khen thưởng): the standing office's Tờ trình to the head of
the body, the Biên bản of the round's review, and the Quyết định with its Danh sách, whose rows
each name the body that proposed them (Đơn vị đề nghị)."""
from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace

from .clean import clean_line
from .commendation_contexts import (
    accepted,
    award_clause,
    award_labels,
    decision_articles_and_list,
    gold_book_numbers,
    minutes_conclusions,
    minutes_opening,
    minutes_results,
    minutes_row,
    minutes_signers,
    period_clause,
    plan_basis,
    proposal_reference,
    rejected,
    sender_of_proposal,
    vetting_unit_abbr,
)
from .context_parts import (
    DocMeta,
    bases_in_force,
    date_text,
    head_of,
    header,
    kinds_counted,
    legal_basis_lines,
    local_date,
    nominee_row,
    number_text,
    recipient_lines,
    signature,
)
from .data import CommendationData, Generation, Numbering, ProposalInRound, RoundDecisionData


def as_round(data, gen: Generation) -> RoundDecisionData:
    """A round decision's data; a single proposal's (CommendationData: a master checked with the
    proposal's sample) as the decision of a round it alone answered."""
    if isinstance(data, RoundDecisionData):
        return data
    proposer = sender_of_proposal(gen)[0]
    name = clean_line(proposer.name)
    fields = {f.name: getattr(data, f.name) for f in dataclass_fields(data)}
    fields["nominees"] = tuple(replace(n, proposer=n.proposer or name) for n in data.nominees)
    return RoundDecisionData(**fields, proposals=(ProposalInRound(name, head_of(proposer),
                                                                  proposal_reference(gen, author=False)),),
                             not_accepted=tuple(replace(n, proposer=n.proposer or name)
                                                for n in rejected(data.nominees)))


def _office(gen: Generation):
    """The standing office that drafts the round's papers (its unit: Phòng Nội vụ), else the body."""
    return gen.proposer or gen.office or gen.issuer


def _proposal_bases(data: RoundDecisionData) -> list[str]:
    """One basis per proposal: 'Căn cứ Tờ trình số 12/TTr-UBND ngày … của Ủy ban nhân dân xã An Trường'."""
    return [f"Căn cứ {clean_line(p.reference)} của {clean_line(p.proposer)}" for p in data.proposals]


def _proposers(data: RoundDecisionData) -> str:
    return ", ".join(dict.fromkeys(clean_line(p.proposer) for p in data.proposals))


def round_decision_subject(data: RoundDecisionData) -> str:
    """'Về việc tặng Giấy khen đợt Sơ kết giai đoạn 2023 - 2025': the decision's trích yếu."""
    chosen, period = accepted(data.nominees), period_clause(data)
    subject = f"Về việc tặng {award_labels(chosen)}" if chosen else "Về việc khen thưởng"
    return f"{subject}{' ' + period if period else ''}"


def to_trinh_dot_context(data: RoundDecisionData | CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """The standing office asks the head of the body to award, in one decision, every nominee the
    round's review accepted."""
    data = as_round(data, gen)
    issuer, office = gen.issuer, _office(gen)
    numbering = gen.proposal_numbering or Numbering("TTr", office.abbreviation)
    chosen, period = accepted(data.nominees), period_clause(data)
    refused = data.not_accepted
    paragraphs = [
        f"{clean_line(office.name)} đã tiếp nhận {len(data.proposals):02d} tờ trình đề nghị khen thưởng"
        f"{' ' + period if period else ''} của {_proposers(data)}, đề nghị khen thưởng "
        f"{kinds_counted([*chosen, *refused])}.",
        f"Kết quả xét: đủ tiêu chuẩn {kinds_counted(chosen)}; không đủ tiêu chuẩn "
        f"{kinds_counted(refused) if refused else 'không có'} (có Biên bản xét khen thưởng kèm theo).",
        f"{clean_line(office.name)} kính trình {head_of(issuer)} xem xét, quyết định tặng "
        f"{award_clause(chosen, issuer)} (có dự thảo Quyết định và Danh sách kèm theo).",
    ]
    context = {
        **header(office, numbering, gen.created_at),
        "subject": f"Về việc đề nghị khen thưởng{' ' + period if period else ''}",
        "addressee": head_of(issuer),
        "legal_bases": legal_basis_lines([*plan_basis(data), *_proposal_bases(data)]),
        "paragraphs": paragraphs,
        "recipient_lines": recipient_lines((), first="Như trên", archive=(vetting_unit_abbr(data, gen),)),
        **signature(office, gen.reviewer or gen.proposal_signer, collective_act=False),
    }
    meta = DocMeta("Tờ trình", number_text(numbering), context["subject"], clean_line(office.name),
                   numbering.seq is not None)
    return context, meta


def bien_ban_dot_context(data: RoundDecisionData | CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """The minutes of the round's review: every nominee of the proposals taken, accepted (with the
    vote on it, when one was taken) or not (with the reason).

    With the round's council meeting recorded (data.meeting, services/council.py): the minutes of
    that meeting (Mẫu 1.9's opening: time, place, attendees, chair, secretary, absent members; the
    council's members and those present), dated its day, signed by its secretary and its chair.
    Without one, nothing is invented: dated when written, the reviewer named as chairing."""
    data = as_round(data, gen)
    office = gen.office or gen.proposer or gen.issuer
    numbering = Numbering("BB", office.abbreviation)
    meeting = data.meeting
    held_on = meeting.held_on if meeting else local_date(gen.created_at)
    chosen, refused = accepted(data.nominees), list(data.not_accepted)
    period = period_clause(data)
    review = (f"Hồ sơ đề nghị khen thưởng{' ' + period if period else ''} của {_proposers(data)}: "
              f"{kinds_counted([*chosen, *refused])}. Sau khi xem xét thành tích, đối chiếu tiêu chuẩn và quy "
              f"định hiện hành, kết quả như sau:")
    members, present = getattr(data, "council_members", None), getattr(data, "council_present", None)
    council = (f"Hội đồng có {members} thành viên{f'; có mặt {present} thành viên' if present is not None else ''}.",
               ) if members else ()
    intro, chair, closing = minutes_opening(
        meeting, review, gen.reviewer, meeting_extra=council,
        opening=f"Hôm nay, {_date_phrase(held_on)}, {clean_line(office.name)} tổng hợp kết quả xét hồ sơ đề "
                f"nghị khen thưởng{' ' + period if period else ''} của {_proposers(data)}.",
        counted=kinds_counted([*chosen, *refused]))
    context = {
        **header(office, numbering, gen.created_at, dated=held_on),
        "subject": f"{'Họp xét' if meeting else 'Xét'} đề nghị khen thưởng{' ' + period if period else ''}",
        "legal_bases": legal_basis_lines([*plan_basis(data), *_proposal_bases(data)]),
        "paragraphs": intro,
        **minutes_results(chosen, refused, _minutes_row),
        "conclusions": minutes_conclusions(gen, office, chosen),
        "closing": closing,
        "recipient_lines": recipient_lines((), archive=(vetting_unit_abbr(data, gen),)),
        **minutes_signers(chair, meeting),
    }
    meta = DocMeta("Biên bản", number_text(numbering), context["subject"], clean_line(office.name), False)
    return context, meta


def _minutes_row(nominee, stt: int) -> dict:
    """A Biên bản row: its unit followed by the body that proposed it."""
    row = minutes_row(nominee, stt)
    if nominee.proposer:
        row["position_unit"] = "; ".join(p for p in (row["position_unit"], f"đề nghị: {clean_line(nominee.proposer)}")
                                         if p)
    return row


def _date_phrase(day) -> str:
    from .. import vnformat
    return vnformat.date_phrase(day)


def quyet_dinh_dot_context(data: RoundDecisionData | CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """Mẫu 1.2 in the head's own competence: Điều 1 counts every award of the round, the Danh sách
    lists them by award, then tập thể / cá nhân / hộ gia đình, each row naming who proposed it."""
    data = as_round(data, gen)
    issuer, chosen = gen.issuer, accepted(data.nominees)
    office = _office(gen)
    number = number_text(gen.numbering)
    heads = list(dict.fromkeys(clean_line(p.proposer_head) for p in data.proposals))
    context = {
        **header(issuer, gen.numbering, gen.created_at),
        "subject": round_decision_subject(data),
        "authority_heading": head_of(issuer).upper(),
        "legal_bases": legal_basis_lines([*bases_in_force(issuer, gen.numbering, gen.created_at), *plan_basis(data),
                                          *(f"Xét đề nghị của {clean_line(p.proposer_head)} tại "
                                            f"{clean_line(p.reference)}" for p in data.proposals),
                                          f"Theo đề nghị của {_head_of_office(office)}"]),
        "article_1": f"Tặng {award_clause(chosen, issuer)} (có danh sách kèm theo)"
                     f" đã có thành tích xuất sắc trong phong trào thi đua"
                     f"{', ' + period_clause(data) if data.period else ''}.",
        **decision_articles_and_list(data, gen, chosen, heads),
    }
    meta = DocMeta("Quyết định", number, context["subject"], clean_line(issuer.name),
                   gen.numbering.seq is not None)
    return context, meta


def _head_of_office(office) -> str:
    """'Trưởng phòng Phòng Nội vụ' reads badly: a unit's head is 'Trưởng Phòng Nội vụ'."""
    name = clean_line(office.name)
    title = clean_line(office.head_title)
    if title.lower() == "trưởng phòng" and name.lower().startswith("phòng "):
        return f"Trưởng {name}"
    return f"{title} {name}"


def thong_bao_ket_qua_context(data: RoundDecisionData | CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """The issuer tells one proposing body (data.certificates_for) the result of its proposals in the
    round: its awardees with their award and số sổ vàng, the nominees not awarded with the reason."""
    data = as_round(data, gen)
    issuer = gen.issuer
    body = _notice_body(data)
    stt = gold_book_numbers(data)
    mine = [n for n in accepted(data.nominees) if n.proposer == body]
    refused = [n for n in data.not_accepted if n.proposer == body]
    period = period_clause(data)
    # dated the day of the decision; its own number from the issuer's TB series, given at the issue
    numbering = gen.own_numbering or Numbering("TB", issuer.abbreviation)
    dated = gen.numbering.issued_on or local_date(gen.created_at)
    number = number_text(gen.numbering)
    decision = f"Quyết định số {number} {date_text(gen.numbering, gen.created_at)} của {head_of(issuer)}"
    refs = [p for p in data.proposals if p.proposer == body]
    paragraphs = [
        f"Xét đề nghị của {clean_line(body)} tại "
        f"{'; '.join(clean_line(p.reference) for p in refs) or 'tờ trình đề nghị khen thưởng'}"
        f"{' ' + period if period else ''}, {clean_line(issuer.name)} thông báo kết quả xét khen thưởng như sau:",
    ]
    context = {
        **header(issuer, numbering, gen.created_at, dated=dated),
        "subject": f"Kết quả xét khen thưởng{' ' + period if period else ''}",
        "paragraphs": paragraphs,
        "accepted_heading": f"1. Được khen thưởng theo {decision}: {kinds_counted(mine) if mine else 'không có'}.",
        "accepted": [{**nominee_row(n, i), "gold_book": str(stt.get(n.order, ""))}
                     for i, n in enumerate(sorted(mine, key=lambda n: stt.get(n.order, 0)), 1)],
        "rejected_heading": f"2. Không được khen thưởng: {kinds_counted(refused) if refused else 'không có'}.",
        "rejected": [nominee_row(n, i) for i, n in enumerate(refused, 1)],
        "closing": [f"Đề nghị {clean_line(body)} nhận giấy khen, giấy chứng nhận và thông báo đến các tập thể, "
                    f"cá nhân có liên quan./."],
        "recipient_lines": recipient_lines((body,), archive=(vetting_unit_abbr(data, gen),)),
        **signature(issuer, gen.signer, collective_act=True),
    }
    meta = DocMeta("Thông báo", number_text(numbering), context["subject"], clean_line(issuer.name),
                   gen.numbering.seq is not None)
    return context, meta


def _notice_body(data: RoundDecisionData) -> str:
    """The body one Thông báo goes to (its part), or unsplit the first."""
    return data.certificates_for or (data.proposals[0].proposer if data.proposals else "")


def thong_bao_register_entry(data: RoundDecisionData | CommendationData) -> tuple[str, tuple[str, ...]]:
    """The register row of one body's Thông báo (MasterSpec.own_entry): its trích yếu, "Thông báo
    kết quả xét khen thưởng đợt … của Ủy ban nhân dân xã An Trường", and that body as its recipient."""
    body = clean_line(_notice_body(data)) if isinstance(data, RoundDecisionData) else ""
    period = period_clause(data)
    title = f"Thông báo kết quả xét khen thưởng{' ' + period if period else ''}"
    return (f"{title} của {body}" if body else title), ((body,) if body else ())
