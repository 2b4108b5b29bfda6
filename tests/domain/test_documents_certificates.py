"""Giấy khen: A4 landscape, one page per accepted nominee; the print-on-blank variant moves its frames."""
from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from docx.shared import Mm

from workflow_app.domain.documents import generate
from workflow_app.domain.documents.print_layout import FIELDS, positions_from_settings

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s


def _pages(content: bytes) -> list[list[str]]:
    """Paragraph texts split at the page breaks."""
    pages = [[]]
    for p in s.document_xml(content).iter(f"{s.W}p"):
        if any(br.get(f"{s.W}type") == "page" for br in p.iter(f"{s.W}br")):
            pages.append([])
        pages[-1].append("".join(t.text or "" for t in p.iter(f"{s.W}t")))
    return pages


def _landscape(content: bytes) -> bool:
    section = Document(io.BytesIO(content)).sections[0]
    return abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)


def test_one_landscape_page_per_accepted_nominee_collectives_first():
    doc = generate("giay-khen", s.COMMENDATION, s.commendation_generation("issued"))
    pages = _pages(doc.content)
    assert _landscape(doc.content)
    assert len(pages) == len(s.ACCEPTED_COLLECTIVES) + len(s.ACCEPTED_INDIVIDUALS) == 7
    expected = list(s.ACCEPTED_COLLECTIVES) + ["Bà Nguyễn Thị Ngọc Ánh", "Ông Đặng Văn Ước",
                                               "Bà Trương Thị Mỹ Hạnh", "Ông/Bà Huỳnh Văn Ẩn",
                                               "Bà Thạch Thị Sa Rinh"]
    assert [next(p for p in page if p in expected) for page in pages] == expected
    first = pages[0]
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG", "TẶNG", "GIẤY KHEN", "xã An Trường",
                 "Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm 2024", "Số sổ vàng: 102",
                 "Càng Long, ngày 05 tháng 01 năm 2024", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"):
        assert line in first, line
    assert any(p.startswith("Đã có thành tích xuất sắc") for p in first)
    for rejected in s.REJECTED:
        assert rejected not in s.text(doc.content)


def test_reference_sits_bottom_left_and_signature_bottom_right():
    doc = Document(io.BytesIO(generate("giay-khen", s.COMMENDATION, s.commendation_generation()).content))
    footer = doc.tables[0].rows[0].cells
    assert [p.text for p in footer[0].paragraphs if p.text] == ["Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm "
                                                               "2024", "Số sổ vàng: 102"]
    assert [p.text for p in footer[1].paragraphs if p.text] == ["Càng Long, ngày 05 tháng 01 năm 2024",
                                                               "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"]


def test_a_draft_decision_leaves_its_number_and_day_blank_on_the_certificates():
    doc = generate("giay-khen", s.COMMENDATION, s.commendation_generation("draft"))
    page = _pages(doc.content)[0]
    assert "Quyết định số      /QĐ-UBND ngày      tháng 01 năm 2024" in page
    assert "(Chưa ký)" in page and "CHỦ TỊCH" in page


def test_a_thousand_certificates_make_a_thousand_pages():
    many = s.commendation_with(s.many_nominees(1000))
    doc = generate("giay-khen", many, s.commendation_generation())
    assert len(_pages(doc.content)) == 1000


def test_long_achievements_are_shortened_to_keep_one_page():
    long = s.commendation_with([replace(s.NOMINEES[0], achievement="Đã có thành tích " + "rất " * 2000)])
    page = _pages(generate("giay-khen", long, s.commendation_generation()).content)[0]
    achievement = next(p for p in page if p.startswith("Đã có thành tích"))
    assert len(achievement) <= 400 and achievement.endswith("…")


def _frames(content: bytes) -> dict[str, list[tuple[int, int, int]]]:
    out: dict[str, list] = {}
    for ppr in s.document_xml(content).iter(f"{s.W}pPr"):
        style, frame = ppr.find(f"{s.W}pStyle"), ppr.find(f"{s.W}framePr")
        if frame is not None:
            out.setdefault(style.get(f"{s.W}val"), []).append(
                tuple(int(frame.get(f"{s.W}{k}")) for k in ("x", "y", "w")))
    return out


def test_print_on_blanks_holds_only_the_variable_text_in_frames():
    doc = generate("giay-khen-in-phoi", s.COMMENDATION, s.commendation_generation())
    text = s.text(doc.content)
    assert _landscape(doc.content) and len(_pages(doc.content)) == 7
    for preprinted in ("CỘNG HÒA", "GIẤY KHEN", "TẶNG", "Số sổ vàng"):
        assert preprinted not in text
    for variable in ("Bà Nguyễn Thị Ngọc Ánh", "1234/QĐ-UBND ngày 05 tháng 01 năm 2024", "101",
                     "Càng Long, ngày 05 tháng 01 năm 2024", "KT. CHỦ TỊCH", "Trần Minh Đức"):
        assert variable in text
    frames = _frames(doc.content)
    awardee_style, awardee_default = FIELDS["awardee"]
    assert set(frames[awardee_style]) == {(int(Mm(awardee_default.x_mm).twips), int(Mm(100).twips),
                                           int(Mm(237).twips))}
    assert len(frames[awardee_style]) == 7


def test_print_positions_are_configurable_per_office():
    settings = {"awardee": {"x_mm": 35, "y_mm": 90}, "gold_book": {"x_mm": 200, "y_mm": 190, "width_mm": 40},
                "nonsense": {"x_mm": 1}, "unit": {"x_mm": "left"}, "decision": {"y_mm": 900}}
    gen = replace(s.commendation_generation(), extra={"print_positions": settings})
    frames = _frames(generate("giay-khen-in-phoi", s.COMMENDATION, gen).content)
    assert set(frames["PhoiNguoiNhan"]) == {(int(Mm(35).twips), int(Mm(90).twips), int(Mm(237).twips))}
    assert set(frames["PhoiSoVang"]) == {(int(Mm(200).twips), int(Mm(190).twips), int(Mm(40).twips))}
    default_unit = FIELDS["unit"][1]
    assert set(frames["PhoiDonVi"]) == {(int(Mm(default_unit.x_mm).twips), int(Mm(default_unit.y_mm).twips),
                                         int(Mm(default_unit.width_mm).twips))}
    positions, problems = positions_from_settings(settings)
    assert set(positions) == {"awardee", "gold_book"} and len(problems) == 3
