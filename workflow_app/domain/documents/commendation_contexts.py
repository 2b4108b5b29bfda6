"""Contexts of a commendation: the unit's Tờ trình, the Biên bản xét, the Quyết định khen thưởng."""
from __future__ import annotations

import threading

from .. import vnformat
from ..meeting import Meeting
from .clean import clean_line
from .context_parts import (
    UNSIGNED,
    DocMeta,
    award_name,
    bases_in_force,
    by_award,
    date_text,
    grouped_list,
    head_of,
    header,
    kinds_counted,
    kinds_named,
    legal_basis_lines,
    local_date,
    nominee_row,
    number_text,
    numbered,
    opinion_paragraphs,
    recipient_lines,
    sentence_part,
    signature,
    without_type_word,
)
from .data import Agency, CommendationData, Generation, Nominee, Numbering, Signer


def accepted(nominees) -> list[Nominee]:
    return [n for n in nominees if n.status == "accepted"]


def rejected(nominees) -> list[Nominee]:
    return [n for n in nominees if n.status == "rejected"]


_NUMBERED: dict[int, tuple[tuple, tuple]] = {}   # id(nominees) -> (nominees, their numbered awardees)
_NUMBERED_KEPT = 8
_NUMBERED_LOCK = threading.Lock()


def numbered_awardees(data: CommendationData) -> tuple[tuple[int, Nominee], ...]:
    """numbered(accepted(data.nominees)): (STT in the decision's Danh sách, awardee), in its order.

    One step asks it once per file: a round decision's issue makes a certificate file and a Thông
    báo per proposing body, each from a `replace` of one content that shares its nominees tuple, so
    20 bodies of 300 nominees sorted and grouped 6,000 nominees some 60 times. The answer is kept
    for the last few tuples seen, by identity (the tuple and its frozen nominees never change; the
    entry holds the tuple, so its id is not reused while kept)."""
    nominees = data.nominees
    if not isinstance(nominees, tuple):
        return tuple(numbered(accepted(nominees)))
    with _NUMBERED_LOCK:
        kept = _NUMBERED.get(id(nominees))
    if kept is not None and kept[0] is nominees:
        return kept[1]
    result = tuple(numbered(accepted(nominees)))
    with _NUMBERED_LOCK:
        while len(_NUMBERED) >= _NUMBERED_KEPT:
            _NUMBERED.pop(next(iter(_NUMBERED)))
        _NUMBERED[id(nominees)] = (nominees, result)
    return result


def gold_book_numbers(data: CommendationData) -> dict[int, int]:
    """order -> số sổ vàng of every awardee: its STT in the decision's Danh sách (Decree 98/2023
    Art. 104(2)), printed on its certificate."""
    return {n.order: stt for stt, n in numbered_awardees(data)}


_counts = kinds_counted


def award_clause(nominees, issuer: Agency) -> str:
    """'Giấy khen của Chủ tịch … cho 02 tập thể và 05 cá nhân; danh hiệu “…” cho 03 cá nhân', the
    awards in the order of the Danh sách, each counted as its groups there."""
    return "; ".join(f"{award_name(award.label, issuer)} cho {_counts(group)}" for award, group in by_award(nominees))


def award_labels(nominees) -> str:
    """'Giấy khen', 'Giấy khen và danh hiệu “Lao động tiên tiến”' (each label cleaned once)."""
    labels = list(dict.fromkeys(award_name(award.label) for award, _group in by_award(nominees)))
    return " và ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)


def who(nominees) -> str:
    """'Tập thể, cá nhân', 'Cá nhân', 'Tập thể, cá nhân, hộ gia đình': the kinds listed."""
    return kinds_named(nominees)


def named_in_article_1(nominees) -> str:
    """'các tập thể, cá nhân có tên tại Điều 1' (the kinds awarded: 'các cá nhân, hộ gia đình …')."""
    return f"các {who(nominees).lower()} có tên tại Điều 1"


def about(title: str) -> str:
    """A proposal's title as a trích yếu: 'Về việc đề nghị …' (a leading 'Tờ trình' dropped: the
    paper already says what it is)."""
    text = without_type_word(clean_line(title), "Tờ trình")
    if text.lower().startswith("về việc"):
        return text[:1].upper() + text[1:]
    return f"Về việc {sentence_part(text)}"


def period_clause(data: CommendationData) -> str:
    period = sentence_part(data.period)
    return f"đợt {period}" if period else ""


def sender_of_proposal(gen: Generation) -> tuple[Agency, Numbering]:
    sender = gen.proposer or gen.issuer
    return sender, gen.proposal_numbering or Numbering("TTr", sender.abbreviation)


def proposal_reference(gen: Generation, *, author: bool = True) -> str:
    """'Tờ trình số 12/TTr-UBND ngày 20 tháng 12 năm 2023 của Ủy ban nhân dân xã An Trường'."""
    sender, numbering = sender_of_proposal(gen)
    of = f" của {clean_line(sender.name)}" if author else ""
    if numbering.seq is None:
        return f"Tờ trình{of}"
    return f"Tờ trình số {number_text(numbering)} {date_text(numbering, gen.created_at)}{of}"


def plan_basis(data: CommendationData) -> list[str]:
    ref = clean_line(data.plan_reference)
    if not ref:
        return []
    return [ref if ref.lower().startswith(("căn cứ", "thực hiện")) else f"Căn cứ {ref}"]


def vetting_unit_abbr(data: CommendationData, gen: Generation) -> str:
    """Who files the district's papers on a proposal: its vetting unit (Generation.office, "NV");
    without one known, the unit recorded as drafting (data.drafting_unit_abbr)."""
    return clean_line(gen.office.abbreviation) if gen.office is not None else data.drafting_unit_abbr


def commendation_summary(data: CommendationData, gen: Generation) -> tuple[str, list[str]]:
    """Subject and text of the Phiếu trình presenting the draft decision."""
    chosen = accepted(data.nominees)
    subject = f"Về việc khen thưởng theo đề nghị của {clean_line(sender_of_proposal(gen)[0].name)}"
    lines = [f"Nội dung trình: dự thảo Quyết định tặng {award_clause(chosen, gen.issuer)} "
             f"theo đề nghị tại {proposal_reference(gen)}.",
             f"Kết quả thẩm định: đề nghị khen thưởng {_counts(chosen) if chosen else 'không có'}; "
             f"không đề nghị khen thưởng {_counts(rejected(data.nominees)) if rejected(data.nominees) else 'không có'}"
             f" (có Biên bản xét khen thưởng kèm theo)."]
    return subject, lines


def to_trinh_khen_thuong_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """The proposing body asks the head of the issuer to award everyone it lists."""
    sender, numbering = sender_of_proposal(gen)
    addressee = head_of(gen.issuer)
    reason = sentence_part(data.reason)
    period = period_clause(data)
    request = f"{clean_line(sender.name)} kính đề nghị {addressee} xem xét, tặng " \
              f"{award_clause(data.nominees, gen.issuer)} (có danh sách kèm theo)" \
              f"{' ' + reason if reason else ''}{', ' + period if period else ''}."
    context = {
        **header(sender, numbering, gen.created_at),
        "subject": about(data.title),
        "addressee": addressee,
        "legal_bases": legal_basis_lines([*bases_in_force(sender, numbering, gen.created_at), *plan_basis(data)]),
        "paragraphs": [request],
        "recipient_lines": recipient_lines((), first="Như trên"),
        **signature(sender, gen.proposal_signer, collective_act=True),
        "list_subject": f"{who(data.nominees)} đề nghị tặng {award_labels(data.nominees)}",
        "list_caption": f"(Kèm theo Tờ trình số {number_text(numbering)} {date_text(numbering, gen.created_at)} "
                        f"của {clean_line(sender.name)})",
        **grouped_list(data.nominees, gen.issuer),
    }
    meta = DocMeta("Tờ trình", number_text(numbering), context["subject"], clean_line(sender.name),
                   numbering.seq is not None)
    return context, meta


MINUTES_ADOPTED = "Biên bản đã được thông qua trước các thành viên dự họp và được thống nhất."


def minutes_row(nominee: Nominee, stt: int) -> dict:
    """A row of the Biên bản's results: a list row and the vote on it ('7/9 (77,8%)', '' if none)."""
    return {**nominee_row(nominee, stt), "votes": nominee.votes.text() if nominee.votes else ""}


def meeting_lines(meeting: Meeting) -> list[str]:
    """Mẫu 1.9's opening: time, place, who attended, chaired, took the minutes, was absent."""
    lines = [f"Thời gian bắt đầu: {meeting.start_phrase()}.", f"Địa điểm: {clean_line(meeting.place)}."]
    attendees = [clean_line(p.text()) for p in meeting.attendees]
    if attendees:
        lines.append("Thành phần tham dự:")
        lines += [f"- {a}{';' if i < len(attendees) - 1 else '.'}" for i, a in enumerate(attendees)]
    lines.append(f"Chủ trì: {clean_line(meeting.chair.text())}.")
    lines.append(f"Thư ký: {clean_line(meeting.secretary.text())}.")
    if meeting.absent:
        lines.append(f"Vắng mặt: {'; '.join(clean_line(p.text()) for p in meeting.absent)}.")
    return lines


def bien_ban_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """The vetting unit's minutes of the review (Mẫu 1.9): who is proposed for an award (with the
    vote on each, when one was taken), who is not and why.

    With the review meeting recorded (data.meeting): its time, place, attendees, chair, secretary,
    absent members and end, dated the meeting's day, signed by the secretary (left) and the chair
    (right). Without one, nothing is invented: dated when written, the reviewer named as chairing
    and signing, no secretary, no times.
    """
    sender = gen.office or gen.issuer
    proposer = sender_of_proposal(gen)[0]
    numbering = Numbering("BB", sender.abbreviation)
    meeting = data.meeting
    held_on = meeting.held_on if meeting else local_date(gen.created_at)
    chosen, refused = accepted(data.nominees), rejected(data.nominees)
    period = period_clause(data)
    review = (f"Hồ sơ đề nghị khen thưởng {_counts(data.nominees)} của {clean_line(proposer.name)}"
              f"{' ' + period if period else ''}. Sau khi xem xét thành tích, đối chiếu tiêu chuẩn và quy "
              f"định hiện hành, kết quả như sau:")
    intro, chair, closing = minutes_opening(
        meeting, review, gen.reviewer,
        opening=f"Hôm nay, {vnformat.date_phrase(held_on)}, {clean_line(sender.name)} tổ chức xét hồ sơ đề nghị"
                f" khen thưởng của {clean_line(proposer.name)}{' ' + period if period else ''}.",
        counted=_counts(data.nominees))
    context = {
        **header(sender, numbering, gen.created_at, dated=held_on),
        "subject": f"{'Họp xét' if meeting else 'Xét'} đề nghị khen thưởng của {clean_line(proposer.name)}",
        "legal_bases": legal_basis_lines([*plan_basis(data), f"Căn cứ {proposal_reference(gen)}"]),
        "paragraphs": intro,
        **minutes_results(sorted(chosen, key=lambda n: n.order), sorted(refused, key=lambda n: n.order), minutes_row),
        "conclusions": minutes_conclusions(gen, sender, chosen),
        "closing": closing,
        "recipient_lines": recipient_lines((proposer.name,), archive=(vetting_unit_abbr(data, gen),)),
        **minutes_signers(chair, meeting),
    }
    meta = DocMeta("Biên bản", number_text(numbering), context["subject"], clean_line(sender.name), False)
    return context, meta


# --- the parts every Biên bản xét khen thưởng (Mẫu 1.9) shares: a proposal's, a round's ---------

def minutes_opening(meeting: Meeting | None, review: str, reviewer, *, opening: str, counted: str,
                    meeting_extra: tuple[str, ...] = ()) -> tuple[list[str], Signer | None, list[str]]:
    """(opening paragraphs, who chairs and signs, closing paragraphs). With the meeting recorded:
    its time, place, attendees, chair, secretary and absentees (then `meeting_extra`), the review,
    and its end. Without one nothing is invented: `opening`, the reviewer named as chairing, the
    nominees `counted`."""
    if meeting is not None:
        chair = Signer(meeting.chair.name, meeting.chair.position, "")
        return ([*meeting_lines(meeting), *meeting_extra, "Nội dung:", review], chair,
                [MINUTES_ADOPTED, f"Cuộc họp kết thúc vào {meeting.end_phrase()} cùng ngày./."])
    intro = [opening]
    if reviewer is not None and clean_line(reviewer.full_name):
        intro.append(f"Chủ trì: {clean_line(reviewer.full_name)}, {clean_line(reviewer.position)}.")
    intro.append(f"Hồ sơ đề nghị khen thưởng {counted}. Sau khi xem xét thành tích, đối chiếu tiêu chuẩn và quy "
                 f"định hiện hành, kết quả như sau:")
    return intro, reviewer, ["Biên bản được lập xong cùng ngày, đã thông qua và được các thành viên tham dự "
                             "thống nhất./."]


def minutes_results(chosen: list, refused: list, row) -> dict:
    """Sections 1 and 2: who is proposed for an award and who is not, each numbered, `row(nominee,
    stt)` a table row; the vote column only when a vote was taken."""
    return {
        "votes_shown": "có" if any(n.votes for n in [*chosen, *refused]) else "",   # contexts hold text only
        "accepted_heading": f"1. Đề nghị khen thưởng: {_counts(chosen) if chosen else 'không có'}.",
        "accepted": [row(n, i) for i, n in enumerate(chosen, 1)],
        "rejected_heading": f"2. Không đề nghị khen thưởng: {_counts(refused) if refused else 'không có'}.",
        "rejected": [row(n, i) for i, n in enumerate(refused, 1)],
    }


def minutes_conclusions(gen: Generation, sender, chosen: list) -> list[str]:
    conclusions = opinion_paragraphs(gen.comment, sender)
    if chosen:
        conclusions.append(f"{clean_line(sender.name)} thống nhất trình {head_of(gen.issuer)} xem xét, "
                           f"quyết định khen thưởng {_counts(chosen)} nêu tại mục 1.")
    return conclusions


def minutes_signers(chair, meeting: Meeting | None) -> dict:
    """Mẫu 1.9: the secretary signs at the left, the chair at the right."""
    return {
        "authority_lines": ["CHỦ TRÌ"],
        "signer_name": clean_line(chair.full_name) if chair and clean_line(chair.full_name) else UNSIGNED,
        "secretary_name": clean_line(meeting.secretary.name) if meeting else "",
    }


def decision_subject(data: CommendationData) -> str:
    """The decision's trích yếu, 'Về việc tặng Giấy khen đợt sơ kết …': printed under its name and
    written in the issuer's register (DocumentKind.issued_title), never the proposal's title."""
    chosen, period = accepted(data.nominees) or list(data.nominees), period_clause(data)
    subject = f"Về việc tặng {award_labels(chosen)}" if chosen else "Về việc khen thưởng"
    return f"{subject}{' ' + period if period else ''}"


def decision_articles_and_list(data, gen: Generation, chosen: list, executors: list[str]) -> dict:
    """What every Quyết định khen thưởng (a proposal's, a round's) says after its Điều 1: Điều 2 and
    3 (`executors`, the heads who carry it out), Nơi nhận filed by the vetting unit that drafted it
    (NV, not the proposer), the signature, and the Danh sách of the `chosen` awardees."""
    issuer, named = gen.issuer, named_in_article_1(chosen)
    return {
        "article_2": f"{named[:1].upper()}{named[1:]} được hưởng chế độ khen thưởng theo quy định hiện hành.",
        "article_3": ", ".join([*executors, "Thủ trưởng các cơ quan, đơn vị có liên quan"]) + f" và {named}",
        "recipient_lines": recipient_lines(data.recipients, first="Như Điều 3",
                                           archive=(vetting_unit_abbr(data, gen),)),
        **signature(issuer, gen.signer, collective_act=False),
        "list_subject": f"{who(chosen)} được tặng {award_labels(chosen)}",
        "list_caption": f"(Kèm theo Quyết định số {number_text(gen.numbering)} "
                        f"{date_text(gen.numbering, gen.created_at)} của {head_of(issuer)})",
        **grouped_list(chosen, issuer),
    }


def quyet_dinh_context(data: CommendationData, gen: Generation) -> tuple[dict, DocMeta]:
    """Mẫu 1.2 in the head's own competence, with the Danh sách of the accepted nominees only."""
    issuer, chosen = gen.issuer, accepted(data.nominees)
    proposer = sender_of_proposal(gen)[0]
    reason = sentence_part(data.reason)
    number = number_text(gen.numbering)
    executors = [head_of(proposer)] if gen.proposer is not None else []
    context = {
        **header(issuer, gen.numbering, gen.created_at),
        "subject": decision_subject(data),
        "authority_heading": head_of(issuer).upper(),
        "legal_bases": legal_basis_lines([*bases_in_force(issuer, gen.numbering, gen.created_at), *plan_basis(data),
                                          f"Theo đề nghị của {head_of(proposer)}"
                                          f" tại {proposal_reference(gen, author=False)}"]),
        "article_1": f"Tặng {award_clause(chosen, issuer)} (có danh sách kèm theo)"
                     f"{' ' + reason if reason else ''}.",
        **decision_articles_and_list(data, gen, chosen, executors),
    }
    meta = DocMeta("Quyết định", number, context["subject"], clean_line(issuer.name),
                   gen.numbering.seq is not None)
    return context, meta
