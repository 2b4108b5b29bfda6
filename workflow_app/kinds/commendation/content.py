"""What a proposal's masters (Tờ trình, Biên bản, Quyết định, Giấy khen) are rendered from."""
from __future__ import annotations

from ...domain.documents.data import Award, CommendationData, Nominee
from ...domain.kinds import kind_spec
from ..common import drafting_unit_abbr


def commendation_content(document, find) -> CommendationData:
    body = document.body or {}
    labels = {a["code"]: a["label"] for a in document.issuer.awards or []}
    plan = find(body["plan_id"]) if body.get("plan_id") else None
    return CommendationData(
        title=document.title,
        plan_reference=kind_spec(plan.kind).citation(plan) if plan is not None else "",
        period=body.get("period", ""),
        reason=body.get("reason", ""),
        recipients=tuple(body.get("recipients") or ()),
        drafting_unit_abbr=drafting_unit_abbr(document),
        nominees=tuple(
            Nominee(order=n.order, kind=n.kind, full_name=n.full_name, position=n.position,
                    organization=n.organization, award=Award(n.award, labels.get(n.award, n.award)),
                    achievement=n.achievement, status=n.review_status, note=n.review_note,
                    gold_book_number=n.gold_book_number, gender=n.gender)
            for n in document.nominees))


_GIAY_KHEN = Award("giay_khen", "Giấy khen")
SAMPLE = CommendationData(
    title="Đề nghị tặng Giấy khen cho tập thể, cá nhân",
    plan_reference="Kế hoạch số 01/KH-UBND ngày 02 tháng 01 năm 2023 của Ủy ban nhân dân huyện Mẫu",
    period="Năm 2023",
    reason="đã có thành tích xuất sắc trong phong trào thi đua mẫu",
    recipients=("Các cơ quan, đơn vị",),
    drafting_unit_abbr="NV",
    nominees=(
        Nominee(1, "collective", "Trường Tiểu học Thử", "", "xã Thử", _GIAY_KHEN,
                "Đã có thành tích xuất sắc.", status="accepted", gold_book_number="1"),
        Nominee(2, "individual", "Nguyễn Văn Mẫu", "Giáo viên", "Trường Tiểu học Thử", _GIAY_KHEN,
                "Đã có thành tích xuất sắc.", status="accepted", gold_book_number="2", gender="male"),
        Nominee(3, "individual", "Trần Thị Thử", "Công chức", "Ủy ban nhân dân xã Thử", _GIAY_KHEN,
                "Đã có thành tích.", status="rejected", note="Chưa đủ tiêu chuẩn"),
    ),
)
