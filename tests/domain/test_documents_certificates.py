"""Certificates: A4 landscape, one page per awardee of the award that gets it, with its số sổ vàng; the
print-on-blank variant moves its frames."""
from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from docx.shared import Mm, Pt

from workflow_app.domain.documents import generate
from workflow_app.domain.documents.certificate_contexts import certificate_pages
from workflow_app.domain.documents.certificate_fitting import FITTED, Format, line_count
from workflow_app.domain.documents.font_metrics import text_width_pt
from workflow_app.domain.documents.print_layout import FIELDS, positions_from_settings
from workflow_app.domain.validation import LIMITS

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


def _styled(content: bytes, style: str) -> list[str]:
    """Texts of the paragraphs of `style`, in order."""
    return ["".join(t.text or "" for t in p.iter(f"{s.W}t")) for p in s.document_xml(content).iter(f"{s.W}p")
            if any(st.get(f"{s.W}val") == style for st in p.iter(f"{s.W}pStyle"))]


def _landscape(content: bytes) -> bool:
    section = Document(io.BytesIO(content)).sections[0]
    return abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)


def test_one_landscape_page_per_accepted_nominee_collectives_first():
    doc = generate("giay-khen", s.COMMENDATION, s.commendation_generation("issued"))
    pages = _pages(doc.content)
    assert _landscape(doc.content)
    assert len(pages) == len(s.ACCEPTED_COLLECTIVES) + len(s.ACCEPTED_INDIVIDUALS) == 7
    expected = list(s.ACCEPTED_COLLECTIVES) + ["Bà Nguyễn Thị Ngọc Ánh", "Ông Đặng Văn Ước",
                                               "Bà Trương Thị Mỹ Hạnh", "Huỳnh Văn Ẩn",
                                               "Bà Thạch Thị Sa Rinh"]
    assert [next(p for p in page if p in expected) for page in pages] == expected
    first = pages[0]
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG", "TẶNG", "GIẤY KHEN", "xã An Trường",
                 "Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm 2024", "Số sổ vàng: 1",
                 "Càng Long, ngày 05 tháng 01 năm 2024", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"):
        assert line in first, line
    assert any(p.startswith("Đã có thành tích xuất sắc") for p in first)
    for rejected in s.REJECTED:
        assert rejected not in s.text(doc.content)


def test_reference_sits_bottom_left_and_signature_bottom_right():
    doc = Document(io.BytesIO(generate("giay-khen", s.COMMENDATION, s.commendation_generation()).content))
    footer = doc.tables[0].rows[0].cells
    assert [p.text for p in footer[0].paragraphs if p.text] == ["Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm "
                                                               "2024", "Số sổ vàng: 1"]
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
    for variable in ("Bà Nguyễn Thị Ngọc Ánh", "1234/QĐ-UBND ngày 05 tháng 01 năm 2024",
                     "Càng Long, ngày 05 tháng 01 năm 2024", "KT. CHỦ TỊCH", "Trần Minh Đức"):
        assert variable in text
    assert _styled(doc.content, "PhoiSoVang") == [str(stt) for stt in range(1, 8)]     # the Danh sách's STT
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


# --- certificates by award (issue 13, point 1) ------------------------------------------------------

def _awardee_lines(content: bytes) -> list[str]:
    return _styled(content, "GKNguoiNhan")


def test_each_award_gets_its_own_certificate_or_none():
    """Giấy khen awardees get a Giấy khen, "Chiến sĩ thi đua cơ sở" its own certificate ("TẶNG DANH
    HIỆU"), "Lao động tiên tiến" and "Tập thể lao động tiên tiến" none (recognised in the decision)."""
    gen = s.commendation_generation("issued")
    giay_khen = generate("giay-khen", s.MIXED, gen).content
    chien_si = generate("chien-si-thi-dua-co-so", s.MIXED, gen).content
    assert _awardee_lines(giay_khen) == [name for name, _stt in s.MIXED_GIAY_KHEN]
    assert _awardee_lines(chien_si) == [name for name, _stt in s.MIXED_CHIEN_SI]
    assert len(_pages(giay_khen)) == 2 and len(_pages(chien_si)) == 2
    for page in _pages(giay_khen):
        assert "TẶNG" in page and "GIẤY KHEN" in page and "TẶNG DANH HIỆU" not in page
    for page in _pages(chien_si):
        assert "TẶNG DANH HIỆU" in page and "CHIẾN SĨ THI ĐUA CƠ SỞ" in page and "GIẤY KHEN" not in page
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG" in page and "Trần Minh Đức" in page
    everything = s.text(giay_khen) + s.text(chien_si)
    for none in ("Đặng Văn Ước", "Huỳnh Văn Ẩn", "Trung tâm học tập cộng đồng xã An Trường", "Lê Hoàng Phúc"):
        assert none not in everything
    blanks = generate("giay-khen-in-phoi", s.MIXED, gen).content
    assert _styled(blanks, "PhoiNguoiNhan") == [name for name, _stt in s.MIXED_GIAY_KHEN]


def test_a_certificate_file_counts_its_own_awardees():
    assert certificate_pages("giay-khen", s.MIXED) == 2 and certificate_pages("chien-si-thi-dua-co-so", s.MIXED) == 2
    assert certificate_pages("giay-khen", s.COMMENDATION) == 7
    assert certificate_pages("chien-si-thi-dua-co-so", s.COMMENDATION) == 0
    assert certificate_pages("quyet-dinh-khen-thuong", s.MIXED) is None
    meta = Document(io.BytesIO(generate("chien-si-thi-dua-co-so", s.MIXED, s.commendation_generation()).content))
    assert meta.core_properties.title == "Giấy chứng nhận kèm theo Quyết định số 1234/QĐ-UBND: Giấy chứng nhận " \
                                        "danh hiệu “Chiến sĩ thi đua cơ sở” tặng 02 cá nhân"


# --- số sổ vàng (issue 13, point 3) -----------------------------------------------------------------

def test_the_gold_book_number_is_the_awardees_row_in_the_decisions_list():
    """Decree 98/2023 Art. 104(2): under the decision's number and date, "Số sổ vàng": the awardee's
    STT in the decision. Every certificate's number is its awardee's row, and no two are alike."""
    gen = s.commendation_generation("issued")
    rows = s.list_rows(generate("quyet-dinh-khen-thuong", s.MIXED, gen).content)
    assert sorted(map(int, rows.values())) == list(range(1, 8))                  # one STT per row
    printed = []
    for name in ("giay-khen", "chien-si-thi-dua-co-so"):
        doc = Document(io.BytesIO(generate(name, s.MIXED, gen).content))
        for table in doc.tables:
            left = [p.text for p in table.rows[0].cells[0].paragraphs if p.text]
            assert left[0] == "Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm 2024"
            printed.append(left[1])
    awardees = [*s.MIXED_GIAY_KHEN, *s.MIXED_CHIEN_SI]
    assert printed == [f"Số sổ vàng: {stt}" for _name, stt in awardees]
    for name, stt in awardees:
        assert rows[name.removeprefix("Bà ")] == str(stt)


# --- one certificate, one page (issue 13, point 2) --------------------------------------------------

LONGEST = s.Nominee(
    order=1, kind="individual", gender="female", award=s.GIAY_KHEN, status="accepted",
    full_name=("Nguyễn Thị Ngọc Ánh Hoàng " * 10)[:LIMITS["full_name"]].strip(),
    position=("Phó Chủ tịch Hội Khuyến học " * 10)[:LIMITS["position"]].strip(),
    organization=("Trung tâm học tập cộng đồng xã An Trường " * 10)[:LIMITS["organization"]].strip(),
    achievement=("Đã có thành tích xuất sắc trong phong trào học tập suốt đời " * 100)[:LIMITS["achievement"]])


def _scaled_styles(content: bytes) -> set[str]:
    return {st.get(f"{s.W}val") for st in s.document_xml(content).iter(f"{s.W}pStyle")
            if st.get(f"{s.W}val")[-1].isdigit()}


def test_a_certificate_that_would_overflow_sets_its_typed_text_smaller():
    short = generate("giay-khen", s.COMMENDATION, s.commendation_generation()).content
    assert _scaled_styles(short) == set()                                        # the master's sizes
    long = generate("giay-khen", s.commendation_with([LONGEST, replace(s.NOMINEES[0], order=2)]),
                    s.commendation_generation()).content
    pages = [_page_styles(content=long, page=i) for i in range(2)]
    assert all(style[-1].isdigit() for style in pages[0] if style.startswith(FITTED))     # shrunk
    assert not any(style[-1].isdigit() for style in pages[1])                            # fits as it is
    styles = Document(io.BytesIO(long)).styles
    scaled = next(st for st in styles if st.style_id in _scaled_styles(long) and st.style_id.startswith("GKThanhTich"))
    assert scaled.base_style.style_id == "GKThanhTich" and scaled.font.size < Pt(17)
    assert scaled.name.startswith("GK Thành tích ") and scaled.name.endswith("%")


def _page_styles(content: bytes, page: int) -> list[str]:
    pages, current = [[]], None
    for p in s.document_xml(content).iter(f"{s.W}p"):
        if any(br.get(f"{s.W}type") == "page" for br in p.iter(f"{s.W}br")):
            pages.append([])
        current = p.find(f"{s.W}pPr/{s.W}pStyle")
        if current is not None:
            pages[-1].append(current.get(f"{s.W}val"))
    return pages[page]


def test_the_measure_knows_the_fonts_widths():
    """Times New Roman's advances (its metric twin Liberation Serif's): 'W' is wider than 'i',
    a horned ư wider than u, tone marks take no room."""
    assert text_width_pt("W", 10) > 3 * text_width_pt("i", 10)
    assert text_width_pt("ư", 10) > text_width_pt("u", 10) == text_width_pt("ú", 10) == text_width_pt("ụ", 10)
    assert text_width_pt("đa", 10, bold=True) > text_width_pt("đa", 10)
    fmt = Format(size=17)
    one_line = "Đã có thành tích xuất sắc"
    assert line_count(one_line, 1000, fmt) == 1
    assert line_count(" ".join([one_line] * 10), text_width_pt(one_line, 17) * 2.5, fmt) == 5
    assert line_count("W" * 100, text_width_pt("W" * 10, 17), fmt) == 10                  # a word breaks at the edge
