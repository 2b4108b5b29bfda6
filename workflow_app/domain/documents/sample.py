"""Neutral sample data for checking a master: every variable filled, both stages.

Deliberately generic (an imaginary "huyện Mẫu"): it proves a master renders,
not what a real body's documents say.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from .data import Award, Body, CommendationData, Generation, Nominee, Numbering, PlanData, Signer

ISSUER = Body(code="MAU", name="Ủy ban nhân dân huyện Mẫu", name_lines=("ỦY BAN NHÂN DÂN", "HUYỆN MẪU"),
              parent_line="", place_name="Mẫu", abbreviation="UBND", collective=True,
              collective_title="Ủy ban nhân dân", head_title="Chủ tịch", deputy_title="Phó Chủ tịch",
              legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",))
PROPOSER = Body(code="MAU-X", name="Ủy ban nhân dân xã Thử", name_lines=("ỦY BAN NHÂN DÂN", "XÃ THỬ"),
                parent_line="", place_name="Thử", abbreviation="UBND", collective=True,
                collective_title="Ủy ban nhân dân", head_title="Chủ tịch", deputy_title="Phó Chủ tịch")
OFFICE = Body(code="MAU-NV", name="Phòng Nội vụ", name_lines=("PHÒNG NỘI VỤ",), parent_line="UBND HUYỆN MẪU",
              place_name="Mẫu", abbreviation="PNV", collective=False, collective_title="",
              head_title="Trưởng phòng", deputy_title="Phó Trưởng phòng")
GIAY_KHEN = Award("giay_khen", "Giấy khen")
NOW = datetime(2024, 1, 5, 2, 0, tzinfo=timezone.utc)

PLAN = PlanData(
    title="Thực hiện phong trào thi đua mẫu",
    legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",),
    sections=(("MỤC ĐÍCH, YÊU CẦU", ("Nội dung mẫu của mục đích, yêu cầu, đủ dài để là một đoạn văn bản "
                                     "căn đều hai bên như mọi đoạn nội dung của văn bản hành chính.",)),
              ("TỔ CHỨC THỰC HIỆN", ("Các cơ quan, đơn vị tổ chức thực hiện.",))),
    milestones=(("Sơ kết", date(2025, 12, 31)),),
    recipients=("Các cơ quan, đơn vị",),
    drafting_unit_abbr="NV",
)

COMMENDATION = CommendationData(
    title="Đề nghị tặng Giấy khen cho tập thể, cá nhân",
    plan_reference="Kế hoạch số 01/KH-UBND ngày 02 tháng 01 năm 2023 của Ủy ban nhân dân huyện Mẫu",
    period="Năm 2023",
    reason="đã có thành tích xuất sắc trong phong trào thi đua mẫu",
    recipients=("Các cơ quan, đơn vị",),
    drafting_unit_abbr="NV",
    nominees=(
        Nominee(1, "collective", "Trường Tiểu học Thử", "", "xã Thử", GIAY_KHEN,
                "Đã có thành tích xuất sắc.", status="accepted", gold_book_number="1"),
        Nominee(2, "individual", "Nguyễn Văn Mẫu", "Giáo viên", "Trường Tiểu học Thử", GIAY_KHEN,
                "Đã có thành tích xuất sắc.", status="accepted", gold_book_number="2", gender="male"),
        Nominee(3, "individual", "Trần Thị Thử", "Công chức", "Ủy ban nhân dân xã Thử", GIAY_KHEN,
                "Đã có thành tích.", status="rejected", note="Chưa đủ tiêu chuẩn"),
    ),
)


def _generation(type_abbr: str, issued: bool) -> Generation:
    numbering = Numbering(type_abbr, "UBND", seq=5 if issued else None,
                          issued_on=date(2024, 1, 5) if issued else None, draft_month=1, draft_year=2024)
    signer = Signer("Lê Văn Ký", "Phó Chủ tịch", "KT") if issued else None
    return Generation(issuer=ISSUER, proposer=PROPOSER, numbering=numbering, signer=signer, created_at=NOW,
                      comment="Đủ điều kiện trình ký.", office=OFFICE,
                      proposal_numbering=Numbering("TTr", "UBND", seq=3 if issued else None,
                                                   issued_on=date(2023, 12, 20) if issued else None),
                      proposal_signer=signer, reviewer=Signer("Phạm Văn Duyệt", "Trưởng phòng", ""))


def sample_stages(template_name: str) -> list[tuple[str, object, Generation]]:
    """[(stage, content, generation)] for a draft and for an issued document."""
    plan_kind = template_name in ("ke-hoach", "to-trinh-ke-hoach")
    content = PLAN if plan_kind else COMMENDATION
    type_abbr = "KH" if plan_kind else "QĐ"
    return [("draft", content, _generation(type_abbr, False)), ("issued", content, _generation(type_abbr, True))]
