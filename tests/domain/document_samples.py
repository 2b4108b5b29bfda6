"""Sample data for the document tests: the seed plan 67/KH-UBND and a commendation of xã An Trường.

The plan's text is that of the seed plan 67/KH-UBND (shared/data/seed-plan-67-KH-UBND.txt; the
source's typo "hát huy" is fixed here, as in the demo). Names cover every
Vietnamese diacritic, Khmer names included.
"""
from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from lxml import etree

from workflow_app.domain.documents.data import (
    Agency,
    Award,
    CommendationData,
    Generation,
    Nominee,
    Numbering,
    PlanData,
    Signer,
)
from workflow_app.domain.format_check import check_document
from workflow_app.domain.meeting import Absentee, Meeting, Person, Vote

CANG_LONG = Agency(
    code="UBND-CL", name="Ủy ban nhân dân huyện Càng Long", name_lines=("ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG"),
    parent_line="", place_name="Càng Long", abbreviation="UBND", collective=True,
    collective_title="Ủy ban nhân dân", head_title="Chủ tịch", deputy_title="Phó Chủ tịch",
    legal_bases=("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                 "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                 "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
                 "thi hành một số điều của Luật Thi đua, khen thưởng"),
)
AN_TRUONG = Agency(
    code="UBND-AT", name="Ủy ban nhân dân xã An Trường", name_lines=("ỦY BAN NHÂN DÂN", "XÃ AN TRƯỜNG"),
    parent_line="", place_name="An Trường", abbreviation="UBND", collective=True,
    collective_title="Ủy ban nhân dân", head_title="Chủ tịch", deputy_title="Phó Chủ tịch",
    legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",),
)
NOI_VU = Agency(
    code="UBND-CL-NV", name="Phòng Nội vụ", name_lines=("PHÒNG NỘI VỤ",), parent_line="UBND HUYỆN CÀNG LONG",
    place_name="Càng Long", abbreviation="PNV", collective=False, collective_title="",
    head_title="Trưởng phòng", deputy_title="Phó Trưởng phòng",
)
CHAIRMAN = Signer("Nguyễn Văn An", "Chủ tịch", "")
DEPUTY = Signer("Trần Minh Đức", "Phó Chủ tịch", "KT")
COMMUNE_CHAIRMAN = Signer("Kim Văn Sơn", "Chủ tịch", "")
REVIEWER = Signer("Phạm Thị Thu", "Trưởng phòng", "")
CREATED_AT = datetime(2023, 5, 30, 2, 15, tzinfo=timezone.utc)

PLAN_TITLE = ("Thực hiện Phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời "
              "giai đoạn 2023 - 2030” trên địa bàn huyện Càng Long")
SECTION_HEADINGS = ("MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THI ĐUA", "KHEN THƯỞNG", "TỔ CHỨC THỰC HIỆN")
PLAN_RECIPIENTS = ("Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)", "TT. Huyện ủy, TT. HĐND huyện",
                   "CT, các PCT UBND huyện", "Thành viên Hội đồng TĐKT huyện",
                   "Các cơ quan, đơn vị, UBND các xã, thị trấn")

PLAN = PlanData(
    title=PLAN_TITLE,
    legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
                 "điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;",
                 "Thực hiện chủ trương của Ủy ban nhân dân tỉnh Trà Vinh về Phong trào “Cả nước thi đua xây "
                 "dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030”."),
    sections=(
        (SECTION_HEADINGS[0], (
            "1. Mục đích: Phát huy sức mạnh của cả hệ thống chính trị trong việc tuyên truyền, nâng cao nhận "
            "thức của người dân về vai trò, ý nghĩa và sự cần thiết của khuyến học, khuyến tài, học tập suốt đời, "
            "xây dựng xã hội học tập, để từ đó các cơ quan, đơn vị, địa phương, doanh nghiệp và mọi người dân chủ "
            "động, tích cực tham gia bằng những hành động và việc làm cụ thể, góp phần thực hiện thành công chủ "
            "trương, chính sách của Đảng và Nhà nước về đổi mới căn bản, toàn diện giáo dục và đào tạo, học tập "
            "suốt đời, xây dựng xã hội học tập, đáp ứng yêu cầu phát triển của huyện, của tỉnh.",
            "2. Yêu cầu: Việc triển khai thực hiện các nội dung, hình thức của phong trào thi đua phải đảm bảo "
            "tính thiết thực, hiệu quả, đúng mục đích, linh hoạt, sáng tạo phù hợp với điều kiện thực tế của địa "
            "phương, cơ quan, tổ chức, doanh nghiệp, cộng đồng; gắn kết với cuộc vận động phong trào thi đua "
            "“Toàn dân đoàn kết xây dựng đời sống văn hóa”./.",
        )),
        (SECTION_HEADINGS[1], (
            "1. Tuyên truyền, phổ biến, nâng cao nhận thức và hiệu quả của công tác khuyến học, khuyến tài, học "
            "tập suốt đời, xây dựng xã hội học tập và mô hình học tập trong điều kiện nền kinh tế số, xã hội số; "
            "thi đua học tập suốt đời; phát huy sáng kiến, sáng tạo, giải pháp, khuyến khích và phát triển văn "
            "hóa học tập trong cộng đồng.",
            "2. Rà soát, theo thẩm quyền xây dựng hoặc đề xuất hoàn thiện các cơ chế, chính sách hỗ trợ tạo điều "
            "kiện thuận lợi, cơ hội học tập cho mọi người dân trên địa bàn. Đẩy mạnh hoạt động của các thiết chế "
            "giáo dục chính quy và không chính quy, thiết chế văn hóa, các trung tâm học tập cộng đồng, tạo cơ "
            "hội và điều kiện thuận lợi cho các đối tượng học tập suốt đời.",
            "3. Triển khai toàn diện, đồng bộ các giải pháp và tập trung nguồn lực, huy động sự tham gia, phối "
            "hợp của các tổ chức, cá nhân trong việc thúc đẩy xây dựng xã hội học tập và học tập suốt đời, hoàn "
            "thành các mục tiêu đã đề ra.",
            "4. Thi đua nâng cao năng lực sử dụng các công nghệ học tập hiện đại, chuyển đổi số trong các hoạt "
            "động học tập suốt đời; nâng cao năng lực số và năng lực sử dụng ngoại ngữ cho người dân, thực hiện "
            "học tập mọi lúc, mọi nơi bằng nhiều phương pháp để phục vụ cho công việc đạt hiệu quả.",
            "5. Thi đua đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị, địa "
            "phương và xây dựng mô hình công dân học tập; xây dựng văn hóa học tập.",
            "6. Thi đua tiếp cận kịp thời các xu thế và kinh nghiệm của các huyện, thành phố trong và ngoài tỉnh "
            "thực hiện tốt trong lĩnh vực giáo dục, học tập suốt đời, học tập trực tuyến trong hệ thống giáo dục "
            "mở, học tập từ xa.",
        )),
        (SECTION_HEADINGS[2], (
            "Kế hoạch đề ra tiêu chí thi đua đối với từng nhóm đối tượng và hình thức khen thưởng phù hợp trong "
            "đợt sơ kết giai đoạn 2023 - 2025 và tổng kết giai đoạn 2023 - 2030.",
            "Hình thức khen thưởng: Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho các tập thể, cá nhân có "
            "thành tích tiêu biểu, xuất sắc trong phong trào.",
        )),
        (SECTION_HEADINGS[3], (
            "1. Phòng Nội vụ là cơ quan thường trực, tham mưu Ủy ban nhân dân huyện theo dõi, hướng dẫn, đôn đốc "
            "việc triển khai thực hiện Kế hoạch; tổng hợp hồ sơ đề nghị khen thưởng trình Hội đồng Thi đua - "
            "Khen thưởng huyện xem xét.",
            "2. Các cơ quan, đơn vị, Ủy ban nhân dân các xã, thị trấn căn cứ Kế hoạch này xây dựng kế hoạch "
            "triển khai thực hiện phù hợp với điều kiện thực tế; định kỳ báo cáo kết quả về Ủy ban nhân dân "
            "huyện (qua Phòng Nội vụ) để tổng hợp.",
        )),
    ),
    milestones=(("Sơ kết giai đoạn 2023 - 2025", date(2025, 12, 31)),
                ("Tổng kết giai đoạn 2023 - 2030", date(2030, 12, 31))),
    recipients=PLAN_RECIPIENTS,
    drafting_unit_abbr="NV",
)

# The demo's awards, in the order of its body's list (Award.rank), and the certificates they get
# (Award.certificate).
GIAY_KHEN = Award("giay_khen", "Giấy khen", "giay_khen", rank=0)
LAO_DONG = Award("lao_dong_tien_tien", "Lao động tiên tiến", rank=1)
CHIEN_SI = Award("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so", rank=2)
TAP_THE_LAO_DONG = Award("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", rank=3)


def _nominee(order, kind, name, position, organization, status, note="", gender=""):
    return Nominee(order=order, kind=kind, full_name=name, position=position, organization=organization,
                   award=GIAY_KHEN, status=status, note=note, gender=gender,
                   achievement="Đã có thành tích xuất sắc trong thực hiện Phong trào “Cả nước thi đua xây dựng "
                               "xã hội học tập, đẩy mạnh học tập suốt đời” năm 2023.")


# Proposal order mixes kinds; 2 collectives and 5 individuals are accepted, 1 and 1 rejected.
NOMINEES = (
    _nominee(1, "individual", "Nguyễn Thị Ngọc Ánh", "Giáo viên", "Trường THCS An Trường", "accepted",
             gender="female"),
    _nominee(2, "collective", "Trường Tiểu học An Trường A", "", "xã An Trường", "accepted"),
    _nominee(3, "individual", "Đặng Văn Ước", "Trưởng ấp", "Ấp Giồng Lức", "accepted", gender="male"),
    _nominee(4, "individual", "Lê Hoàng Phúc", "Công chức Văn hóa - Xã hội", "Ủy ban nhân dân xã An Trường",
             "rejected", note="Chưa đủ tiêu chuẩn theo quy định", gender="male"),
    _nominee(5, "individual", "Trương Thị Mỹ Hạnh", "Chủ tịch Hội Khuyến học", "xã An Trường", "accepted",
             gender="female"),
    _nominee(6, "collective", "Ban Khuyến học ấp Sóc Ruộng", "", "xã An Trường", "rejected",
             note="Hồ sơ chưa đầy đủ"),
    _nominee(7, "individual", "Huỳnh Văn Ẩn", "Giáo viên", "Trường Tiểu học An Trường A", "accepted"),
    _nominee(8, "collective", "Trung tâm học tập cộng đồng xã An Trường", "", "xã An Trường", "accepted"),
    _nominee(9, "individual", "Thạch Thị Sa Rinh", "Hội viên Hội Khuyến học", "Ấp Sóc Ruộng", "accepted",
             gender="female"),
)
ACCEPTED_COLLECTIVES = ("Trường Tiểu học An Trường A", "Trung tâm học tập cộng đồng xã An Trường")
ACCEPTED_INDIVIDUALS = ("Nguyễn Thị Ngọc Ánh", "Đặng Văn Ước", "Trương Thị Mỹ Hạnh", "Huỳnh Văn Ẩn",
                        "Thạch Thị Sa Rinh")
REJECTED = ("Lê Hoàng Phúc", "Ban Khuyến học ấp Sóc Ruộng")

COMMENDATION = CommendationData(
    title="Đề nghị tặng Giấy khen cho tập thể, cá nhân có thành tích trong Phong trào “Cả nước thi đua xây "
          "dựng xã hội học tập, đẩy mạnh học tập suốt đời” năm 2023",
    plan_reference="Kế hoạch số 67/KH-UBND ngày 30 tháng 5 năm 2023 của Ủy ban nhân dân huyện Càng Long về tổ "
                   "chức thực hiện Phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời "
                   "giai đoạn 2023 - 2030” trên địa bàn huyện",
    period="Năm 2023",
    reason="đã có thành tích xuất sắc trong thực hiện Phong trào “Cả nước thi đua xây dựng xã hội học tập, "
           "đẩy mạnh học tập suốt đời”",
    recipients=("Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ)", "Ủy ban nhân dân xã An Trường"),
    drafting_unit_abbr="NV",
    nominees=NOMINEES,
)


# A decision of every award: Giấy khen and "Chiến sĩ thi đua cơ sở" get their certificates,
# "Lao động tiên tiến" and "Tập thể lao động tiên tiến" none. In the Danh sách (award by award in
# the body's order, collectives first, STT running on): 1 Trường Tiểu học An Trường A (GK),
# 2 Trương Thị Mỹ Hạnh (GK), 3 Đặng Văn Ước (LĐTT), 4 Huỳnh Văn Ẩn (LĐTT), 5 Nguyễn Thị Ngọc
# Ánh (CSTĐCS), 6 Thạch Thị Sa Rinh (CSTĐCS), 7 Trung tâm … (TTLĐTT); Lê Hoàng Phúc (CSTĐCS) is
# rejected.
MIXED_AWARDS = {1: CHIEN_SI, 3: LAO_DONG, 4: CHIEN_SI, 7: LAO_DONG, 8: TAP_THE_LAO_DONG, 9: CHIEN_SI}
MIXED_GIAY_KHEN = (("Trường Tiểu học An Trường A", 1), ("Bà Trương Thị Mỹ Hạnh", 2))
MIXED_CHIEN_SI = (("Bà Nguyễn Thị Ngọc Ánh", 5), ("Bà Thạch Thị Sa Rinh", 6))


def plan_generation(stage: str = "issued", signer: Signer | None = DEPUTY) -> Generation:
    """stage: "draft" (no number, no signer), "approved" (signer, no number), "issued"."""
    issued = stage == "issued"
    numbering = Numbering("KH", "UBND", seq=67 if issued else None, issued_on=date(2023, 5, 30) if issued else None,
                          draft_month=5, draft_year=2023)
    return Generation(issuer=CANG_LONG, proposer=NOI_VU, numbering=numbering,
                      signer=None if stage == "draft" else signer, created_at=CREATED_AT,
                      comment="Dự thảo đã được kiểm tra về nội dung và thể thức.", office=NOI_VU,
                      proposal_signer=Signer("Võ Thị Lệ", "Trưởng phòng", ""), reviewer=REVIEWER)


def commendation_generation(stage: str = "issued", signer: Signer | None = DEPUTY) -> Generation:
    issued = stage == "issued"
    numbering = Numbering("QĐ", "UBND", seq=1234 if issued else None, issued_on=date(2024, 1, 5) if issued else None,
                          draft_month=1, draft_year=2024)
    return Generation(
        issuer=CANG_LONG, proposer=AN_TRUONG, numbering=numbering, signer=None if stage == "draft" else signer,
        created_at=datetime(2024, 1, 3, 3, 0, tzinfo=timezone.utc),
        comment="Thống nhất đề nghị khen thưởng 02 tập thể và 05 cá nhân.\n"
                "Đề nghị bổ sung hồ sơ các trường hợp còn lại.",
        proposal_numbering=Numbering("TTr", "UBND", seq=12, issued_on=date(2023, 12, 20)),
        proposal_signer=COMMUNE_CHAIRMAN, reviewer=REVIEWER, office=NOI_VU)


FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Thạch", "Kim", "Sơn", "Dương", "Ừng")
MIDDLE = ("Thị", "Văn", "Ngọc", "Hoàng", "Mỹ", "Thị Sa", "Quốc", "Ánh")
GIVEN = ("Ánh", "Ước", "Hạnh", "Phúc", "Ẩn", "Rinh", "Dũng", "Hương", "Khởi", "Ỷ", "Ưng", "Đạt", "Thủy")


def many_nominees(count: int, *, accepted_every: int = 1) -> tuple[Nominee, ...]:
    """`count` nominees, one collective in five, diacritic-rich names; every `accepted_every`-th accepted."""
    names = itertools.cycle(f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN)
    out = []
    for i in range(1, count + 1):
        collective = i % 5 == 0
        out.append(_nominee(
            i, "collective" if collective else "individual",
            f"Tổ học tập cộng đồng số {i}" if collective else next(names),
            "" if collective else ("Giáo viên", "Công chức", "Nông dân")[i % 3],
            "xã An Trường", "accepted" if i % accepted_every == 0 else "rejected",
            note="" if i % accepted_every == 0 else "Chưa đủ tiêu chuẩn",
            gender=("male", "female", "")[i % 3]))
    return tuple(out)


def commendation_with(nominees) -> CommendationData:
    return replace(COMMENDATION, nominees=tuple(nominees))


MIXED = commendation_with(replace(n, award=MIXED_AWARDS.get(n.order, GIAY_KHEN)) for n in NOMINEES)


# The council's meeting the review's Biên bản records, with a vote on every nominee decided.
MEETING = Meeting(
    held_at=datetime(2023, 12, 28, 8, 0), place="Hội trường Ủy ban nhân dân huyện Càng Long",
    chair=Person("Nguyễn Văn An", "Chủ tịch Ủy ban nhân dân huyện, Chủ tịch Hội đồng"),
    secretary=Person("Võ Thị Ngọc Hân", "Chuyên viên Phòng Nội vụ"), ended_at=time(10, 30),
    attendees=(Person("Trần Minh Đức", "Phó Chủ tịch Ủy ban nhân dân huyện"),
               Person("Phạm Thị Thu", "Trưởng phòng Nội vụ"), Person("Dương Quốc Khởi", "Ủy viên")),
    absent=(Absentee("Kim Văn Sơn", "Ủy viên", written_opinion=True), Absentee("Ừng Thị Ỷ", "Ủy viên")))
VOTES = {1: Vote(7, 9), 2: Vote(9, 9), 3: Vote(8, 9), 4: Vote(3, 9), 5: Vote(9, 9), 6: Vote(2, 9),
         7: Vote(7, 9), 8: Vote(9, 9)}          # Thạch Thị Sa Rinh (9): no vote taken
MET = replace(COMMENDATION, meeting=MEETING,
              nominees=tuple(replace(n, votes=VOTES.get(n.order)) for n in NOMINEES))


# --- reading generated files -----------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_xml(content: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def paragraphs(content: bytes) -> list[str]:
    """Text of every paragraph, tables included, in document order."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in document_xml(content).iter(f"{W}p")]


def text(content: bytes) -> str:
    return "\n".join(paragraphs(content))


def table_rows(table) -> list[list[str]]:
    return [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")]
            for tr in table.iter(f"{W}tr")]


def list_rows(content: bytes) -> dict[str, str]:
    """Name -> STT of every row of the Danh sách tables of a Tờ trình or a Quyết định."""
    return {row[1]: row[0] for table in document_xml(content).iter(f"{W}tbl")
            for row in table_rows(table)[1:] if row and row[0].isdigit()}


def check_format(paths, *, draft: bool) -> dict[str, list[dict]]:
    """The project's Decree 30 checker on the files: {path: failures} (empty lists when all pass)."""
    return {str(path): [{"rule": f.rule, "why": f.why} for f in check_document(Path(path), draft=draft).failures]
            for path in paths}


# The outside checker of ../shared/tools, where it lies beside the clone (as in CI): a second opinion.
SHARED_CHECKER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_docx.py"


def shared_checker_or_skip() -> Path:
    if not SHARED_CHECKER.is_file():
        pytest.skip(f"second opinion: the outside checker {SHARED_CHECKER} is not beside this clone")
    return SHARED_CHECKER


def check_format_second_opinion(paths, *, draft: bool) -> dict[str, list[dict]]:
    """Like check_format, by ../shared/tools/check_docx.py; the test skips where it is absent."""
    checker = shared_checker_or_skip()
    cmd = [sys.executable, str(checker), *map(str, paths), "--json"] + (["--draft"] if draft else [])
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return {r["file"]: r["failures"] for r in results}


def plan_with_rounds() -> PlanData:
    """The sample plan with the demo plan's two rounds (issue 15), awards named from the demo's list."""
    from dataclasses import replace as _replace

    from workflow_app.kinds.plan.content import rounds_in_plan
    from workflow_app.services import demo_data
    return _replace(PLAN, rounds=rounds_in_plan(demo_data.PLAN_BODY["rounds"], demo_data.AWARDS))
