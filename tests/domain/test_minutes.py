"""The Biên bản xét khen thưởng as Mẫu 1.9 lays out minutes (issue 13, point 8): time and place,
attendees, chair, secretary, absent members, the result per nominee with its vote, the end of
the meeting, the secretary's and the chair's signatures; and, without a meeting recorded,
nothing invented."""
from __future__ import annotations

from dataclasses import replace

from tests.domain import document_samples as s
from workflow_app.domain.documents import generate

MINUTES = "bien-ban-xet-khen-thuong"


def _minutes(data=s.MET, gen=None) -> bytes:
    return generate(MINUTES, data, gen or s.commendation_generation("approved")).content


def _tables(content: bytes) -> list[list[list[str]]]:
    return [s.table_rows(t) for t in s.document_xml(content).iter(f"{s.W}tbl")]


def test_minutes_of_a_meeting_follow_the_model():
    paras = s.paragraphs(_minutes())
    assert paras[paras.index("BIÊN BẢN") + 1] == "Họp xét đề nghị khen thưởng của Ủy ban nhân dân xã An Trường"
    assert "Càng Long, ngày 28 tháng 12 năm 2023" in paras                 # dated the meeting's day
    start = paras.index("Thời gian bắt đầu: 08 giờ 00 phút, ngày 28 tháng 12 năm 2023.")
    assert paras[start:start + 10] == [
        "Thời gian bắt đầu: 08 giờ 00 phút, ngày 28 tháng 12 năm 2023.",
        "Địa điểm: Hội trường Ủy ban nhân dân huyện Càng Long.",
        "Thành phần tham dự:",
        "- Trần Minh Đức, Phó Chủ tịch Ủy ban nhân dân huyện;",
        "- Phạm Thị Thu, Trưởng phòng Nội vụ;",
        "- Dương Quốc Khởi, Ủy viên.",
        "Chủ trì: Nguyễn Văn An, Chủ tịch Ủy ban nhân dân huyện, Chủ tịch Hội đồng.",
        "Thư ký: Võ Thị Ngọc Hân, Chuyên viên Phòng Nội vụ.",
        "Vắng mặt: Kim Văn Sơn, Ủy viên (có ý kiến bằng văn bản); Ừng Thị Ỷ, Ủy viên.",
        "Nội dung:"]
    assert not any(p.startswith("Hôm nay") for p in paras)
    assert "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./." in paras
    assert sum(p.endswith("./.") for p in paras) == 1


def test_each_result_carries_its_vote():
    accepted, rejected = _tables(_minutes())[1:3]
    vote_heading = "Số phiếu đồng ý / tổng số (tỷ lệ %)"
    assert accepted[0] == ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Hình thức khen thưởng", vote_heading]
    assert [(r[1], r[4]) for r in accepted[1:]] == [
        ("Nguyễn Thị Ngọc Ánh", "7/9 (77,8%)"), ("Trường Tiểu học An Trường A", "9/9 (100%)"),
        ("Đặng Văn Ước", "8/9 (88,9%)"), ("Trương Thị Mỹ Hạnh", "9/9 (100%)"),
        ("Huỳnh Văn Ẩn", "7/9 (77,8%)"), ("Trung tâm học tập cộng đồng xã An Trường", "9/9 (100%)"),
        ("Thạch Thị Sa Rinh", "")]                                  # no vote taken on her
    assert rejected[0] == ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Lý do", vote_heading]
    assert [(r[1], r[3], r[4]) for r in rejected[1:]] == [
        ("Lê Hoàng Phúc", "Chưa đủ tiêu chuẩn theo quy định", "3/9 (33,3%)"),
        ("Ban Khuyến học ấp Sóc Ruộng", "Hồ sơ chưa đầy đủ", "2/9 (22,2%)")]


def test_the_secretary_signs_left_and_the_chair_right():
    content = _minutes()
    cells = [["".join(t.text or "" for t in p.iter(f"{s.W}t")) for p in tc.iter(f"{s.W}p")]
             for tc in list(s.document_xml(content).iter(f"{s.W}tbl"))[-1].iter(f"{s.W}tc")]
    left, right = [[line for line in cell if line] for cell in cells]
    assert left == ["THƯ KÝ", "Võ Thị Ngọc Hân", "Nơi nhận:", "- Ủy ban nhân dân xã An Trường;", "- Lưu: VT, PNV."]
    assert right == ["CHỦ TRÌ", "Nguyễn Văn An"]
    assert cells[0].index("Võ Thị Ngọc Hân") == cells[1].index("Nguyễn Văn An")   # names level


def test_without_a_meeting_nothing_is_invented():
    content = _minutes(s.COMMENDATION)
    paras = s.paragraphs(content)
    assert paras[paras.index("BIÊN BẢN") + 1] == "Xét đề nghị khen thưởng của Ủy ban nhân dân xã An Trường"
    assert "Chủ trì: Phạm Thị Thu, Trưởng phòng." in paras                      # the reviewer, as before
    assert not [p for p in paras if p.startswith(("Thư ký", "THƯ KÝ", "Thời gian bắt đầu", "Địa điểm",
                                                   "Cuộc họp kết thúc", "Vắng mặt"))]
    assert paras[-1] == "Phạm Thị Thu" and "CHỦ TRÌ" in paras
    accepted = _tables(content)[1]
    assert len(accepted[0]) == 4 and "Số phiếu" not in " ".join(accepted[0])   # no vote column
    unsigned = s.paragraphs(_minutes(s.COMMENDATION, replace(s.commendation_generation("approved"), reviewer=None)))
    assert "(Chưa ký)" in unsigned and not [p for p in unsigned if p.startswith("Chủ trì")]


def test_votes_without_a_meeting_still_show():
    content = _minutes(replace(s.MET, meeting=None))
    assert "7/9 (77,8%)" in s.paragraphs(content) and "THƯ KÝ" not in s.paragraphs(content)


def test_minutes_pass_both_format_checkers(tmp_path):
    variants = {"met": s.MET, "plain": s.COMMENDATION, "votes-only": replace(s.MET, meeting=None),
                "no-attendees": replace(s.MET, meeting=replace(s.MEETING, attendees=(), absent=()))}
    paths = []
    for name, data in variants.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(_minutes(data))
        paths.append(path)
    assert {p: f for p, f in s.check_format(paths, draft=True).items() if f} == {}
    assert {p: f for p, f in s.check_format_second_opinion(paths, draft=True).items() if f} == {}
