"""What a proposal's masters (Tờ trình, Biên bản, Quyết định, Giấy khen) are rendered from."""
from __future__ import annotations

from datetime import datetime, time

from ...domain.clock import local_date
from ...domain.documents.commendation_contexts import gold_book_numbers
from ...domain.documents.data import Award, CommendationData, Nominee
from ...domain.kinds import kind_spec
from ...domain.meeting import Absentee, Meeting, Person, Vote
from ..common import drafting_unit_abbr


def commendation_content(document, find) -> CommendationData:
    body = document.body or {}
    listed = document.issuer.awards or []
    awards = {a["code"]: Award(a["code"], a["label"], a.get("certificate"), rank=i) for i, a in enumerate(listed)}
    plan = find(body["plan_id"]) if body.get("plan_id") else None
    return CommendationData(
        title=document.title,
        plan_reference=kind_spec(plan.kind).citation(plan) if plan is not None else "",
        period=body.get("period", ""),
        reason=body.get("reason", ""),
        recipients=tuple(body.get("recipients") or ()),
        drafting_unit_abbr=drafting_unit_abbr(document),
        meeting=Meeting.from_json(document.meeting),
        nominees=tuple(
            Nominee(order=n.order, kind=n.kind, full_name=n.full_name, position=n.position,
                    organization=n.organization, award=awards.get(n.award, Award(n.award, n.award, rank=len(listed))),
                    achievement=n.achievement, status=n.review_status, note=n.review_note, gender=n.gender,
                    votes=Vote(n.votes_for, n.votes_total) if n.votes_total and n.votes_for is not None else None)
            for n in document.nominees))


_GIAY_KHEN = Award("giay_khen", "Giấy khen", "giay_khen")
_CHIEN_SI = Award("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so")
_LAO_DONG = Award("lao_dong_tien_tien", "Lao động tiên tiến")
_MEETING = Meeting(held_at=datetime(2024, 1, 4, 8, 0), place="Hội trường Ủy ban nhân dân huyện Mẫu",
                   chair=Person("Lê Văn Chủ", "Chủ tịch Hội đồng"), secretary=Person("Trần Thị Ghi", "Chuyên viên"),
                   ended_at=time(10, 30), attendees=(Person("Phạm Văn Dự", "Ủy viên"),),
                   absent=(Absentee("Ngô Văn Vắng", "Ủy viên", written_opinion=True),))
SAMPLE = CommendationData(
    title="Đề nghị tặng Giấy khen cho tập thể, cá nhân",
    plan_reference="Kế hoạch số 01/KH-UBND ngày 02 tháng 01 năm 2023 của Ủy ban nhân dân huyện Mẫu",
    period="Năm 2023",
    reason="đã có thành tích xuất sắc trong phong trào thi đua mẫu",
    recipients=("Các cơ quan, đơn vị",),
    drafting_unit_abbr="NV",
    meeting=_MEETING,     # the Biên bản's meeting and votes: every variable of its master filled
    nominees=(
        Nominee(1, "collective", "Trường Tiểu học Thử", "", "xã Thử", _GIAY_KHEN,
                "Đã có thành tích xuất sắc.", status="accepted", votes=Vote(3, 3)),
        Nominee(2, "individual", "Nguyễn Văn Mẫu", "Giáo viên", "Trường Tiểu học Thử", _GIAY_KHEN,
                "Đã có thành tích xuất sắc.", status="accepted", gender="male"),
        Nominee(3, "individual", "Trần Thị Thử", "Công chức", "Ủy ban nhân dân xã Thử", _GIAY_KHEN,
                "Đã có thành tích.", status="rejected", note="Chưa đủ tiêu chuẩn",
                votes=Vote(1, 3)),
        Nominee(4, "individual", "Lê Thị Mẫu", "Hiệu trưởng", "Trường Tiểu học Thử", _CHIEN_SI,
                "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận.", status="accepted", gender="female"),
        Nominee(5, "individual", "Phạm Văn Thử", "Nhân viên", "Trường Tiểu học Thử", _LAO_DONG,
                "Hoàn thành tốt nhiệm vụ.", status="accepted", gender="male"),
        Nominee(6, "household", "Hộ ông Võ Văn Mẫu", "", "Ấp Thử, xã Thử", _GIAY_KHEN,
                "Đạt danh hiệu “Gia đình học tập” tiêu biểu.", status="accepted"),
    ),
)


def mark_late(document, actor, value, at) -> None:
    """Effect "mark_late" (submit): a proposal submitted after its round's deadline for proposals
    (the office's calendar day of the step) is late; the reviewer may still accept it, saying why."""
    round_ = document.round
    document.late = round_ is not None and local_date(at) > round_.proposals_due


def number_gold_book(document, actor, value, at) -> None:
    """Effect "number_gold_book" (issue): each awardee's số sổ vàng, its STT in the decision's
    Danh sách, kept as its certificate prints it."""
    numbers = gold_book_numbers(commendation_content(document, lambda _id: None))
    for nominee in document.nominees:
        nominee.gold_book_number = str(numbers.get(nominee.order, ""))
