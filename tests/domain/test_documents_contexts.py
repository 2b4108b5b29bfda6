"""Context pieces: pure functions from the contract data to the strings a master prints."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from workflow_app.domain.documents.certificate_contexts import awardee
from workflow_app.domain.documents.commendation_contexts import award_clause, award_labels
from workflow_app.domain.documents.context_parts import (
    authority_lines,
    counts_phrase,
    date_text,
    header,
    heading_in_sentence,
    legal_basis_lines,
    lower_first,
    recipient_lines,
    section_heading,
    signature,
    without_type_word,
)
from workflow_app.domain.documents.contexts import build_context
from workflow_app.domain.documents.data import Award, Numbering, Signer

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s


def test_header_lines_come_from_the_body_and_the_numbering():
    issued = header(s.CANG_LONG, Numbering("KH", "UBND", 67, date(2023, 5, 30)), s.CREATED_AT)
    assert issued == {"draft_mark": "", "parent_line": "", "body_lines": ["ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG"],
                      "number_line": "Số: 67/KH-UBND", "place_date_line": "Càng Long, ngày 30 tháng 5 năm 2023"}
    draft = header(s.NOI_VU, Numbering("TTr", "PNV", draft_month=1, draft_year=2024), s.CREATED_AT)
    assert draft["parent_line"] == "UBND HUYỆN CÀNG LONG" and draft["body_lines"] == ["PHÒNG NỘI VỤ"]
    assert draft["number_line"] == "Số:      /TTr-PNV"
    assert draft["place_date_line"] == "Càng Long, ngày      tháng 01 năm 2024"
    assert draft["draft_mark"] == "DỰ THẢO"
    assert header(s.CANG_LONG, Numbering("QĐ", "UBND", 5, date(2024, 2, 3)), s.CREATED_AT)["number_line"] \
        == "Số: 05/QĐ-UBND"


def test_a_draft_without_month_takes_the_local_month_of_its_creation():
    late_evening_utc = datetime(2023, 12, 31, 18, 0, tzinfo=timezone.utc)        # 1 January in Vietnam
    assert date_text(Numbering("KH", "UBND"), late_evening_utc) == "ngày      tháng 01 năm 2024"
    assert date_text(None, datetime(2023, 5, 2)) == "ngày      tháng 5 năm 2023"


@pytest.mark.parametrize("form, collective, lines", [
    ("", True, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("TM", True, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("KT", True, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("", False, ["CHỦ TỊCH"]),
    ("TM", False, ["CHỦ TỊCH"]),
    ("kt.", False, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("Q", False, ["Q. CHỦ TỊCH"]),
    ("TUQ", False, ["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"]),
])
def test_authority_lines(form, collective, lines):
    signer = Signer("Nguyễn Văn An", "Trưởng phòng Nội vụ", form)
    assert authority_lines(s.CANG_LONG, signer, collective_act=collective) == lines


def test_an_unsigned_block_shows_the_heads_lines_and_a_placeholder():
    assert signature(s.CANG_LONG, None, collective_act=True) == {
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "signer_name": "(Chưa ký)"}
    assert signature(s.NOI_VU, None, collective_act=True)["authority_lines"] == ["TRƯỞNG PHÒNG"]


def test_recipient_lines():
    assert recipient_lines(["- Sở Nội vụ;", "UBND xã.", "", "Sở Nội vụ", "Lưu: VT"], first="Như Điều 3",
                           archive=("NV",)) == ["- Như Điều 3;", "- Sở Nội vụ;", "- UBND xã;", "- Lưu: VT, NV."]
    assert recipient_lines([], first="Như trên") == ["- Như trên;", "- Lưu: VT."]


def test_legal_basis_lines_end_with_semicolons_and_a_full_stop():
    assert legal_basis_lines(["Căn cứ A;", "Căn cứ B.", " ", "Căn cứ C\nCăn cứ D,"]) == [
        "Căn cứ A;", "Căn cứ B;", "Căn cứ C;", "Căn cứ D."]
    assert legal_basis_lines([]) == []


def test_counts_headings_and_sentences():
    assert counts_phrase(2, 5) == "02 tập thể và 05 cá nhân"
    assert counts_phrase(0, 12) == "12 cá nhân" and counts_phrase(3, 0) == "03 tập thể"
    assert section_heading(2, "Nội dung thi đua") == "II. NỘI DUNG THI ĐUA"
    assert section_heading(5, "III. KHEN THƯỞNG") == "III. KHEN THƯỞNG"
    assert lower_first("Thực hiện Phong trào") == "thực hiện Phong trào"
    assert lower_first("UBND huyện") == "UBND huyện"


def test_awards_are_named_and_counted_per_kind():
    ldtt = Award("lao_dong_tien_tien", "Lao động tiên tiến")
    nominees = list(s.NOMINEES[:3]) + [replace(s.NOMINEES[4], award=ldtt, status="accepted")]
    assert award_clause(nominees, s.CANG_LONG) == (
        "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Càng Long cho 01 tập thể và 02 cá nhân; "
        "danh hiệu “Lao động tiên tiến” cho 01 cá nhân")
    assert award_labels(nominees) == "Giấy khen và danh hiệu “Lao động tiên tiến”"


@pytest.mark.parametrize("gender, kind, expected", [
    ("male", "individual", "Ông Đặng Văn Ước"), ("female", "individual", "Bà Đặng Văn Ước"),
    ("", "individual", "Đặng Văn Ước"), ("other", "individual", "Đặng Văn Ước"),
    ("male", "collective", "Đặng Văn Ước"),
])
def test_awardee_prefix(gender, kind, expected):
    assert awardee(replace(s.NOMINEES[2], gender=gender, kind=kind)) == expected


def test_contexts_hold_only_plain_data():
    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, str)
    for name in ("ke-hoach", "quyet-dinh-khen-thuong", "giay-khen", "bien-ban-xet-khen-thuong"):
        content = s.PLAN if name == "ke-hoach" else s.COMMENDATION
        context, meta = build_context(name, content, s.plan_generation() if name == "ke-hoach"
                                      else s.commendation_generation())
        assert plain(context), name
        assert meta.author == ("Phòng Nội vụ" if name.startswith("bien-ban") else "Ủy ban nhân dân huyện Càng Long")


@pytest.mark.parametrize("title, expected", [
    ("Kế hoạch triển khai phong trào thi đua", "triển khai phong trào thi đua"),
    ("kế hoạch  Triển khai Phong trào", "Triển khai Phong trào"),
    ("KẾ HOẠCH: Tổ chức Hội nghị", "Tổ chức Hội nghị"),
    ("Kế hoạch - Thực hiện Phong trào", "Thực hiện Phong trào"),
    ("Thực hiện Phong trào thi đua", "Thực hiện Phong trào thi đua"),
    ("Kế hoạch hóa gia đình năm 2024", "Kế hoạch hóa gia đình năm 2024"),
    ("Kế hoạch", "Kế hoạch"),
    ("Kế hoạchxyz", "Kế hoạchxyz"),
    ("", ""),
    ("Ke\u0302\u0301 hoạch triển khai", "triển khai"),
])
def test_a_title_loses_the_type_word_it_starts_with(title, expected):
    assert without_type_word(title, "Kế hoạch") == expected


def test_the_plan_documents_never_double_the_type_word():
    plan = replace(s.PLAN, title="Kế hoạch triển khai Phong trào thi đua")
    for name in ("ke-hoach", "to-trinh-ke-hoach", "phieu-trinh"):
        context, meta = build_context(name, plan, s.plan_generation())
        text = " ".join(str(v) for v in context.values()) + " " + meta.title
        assert "hoạch kế hoạch" not in text.lower() and "hoạch: kế hoạch" not in text.lower(), name
        assert "triển khai Phong trào thi đua" in text, name
    context, meta = build_context("ke-hoach", plan, s.plan_generation())
    assert context["subject"] == "Triển khai Phong trào thi đua"
    assert meta.title.endswith(": Triển khai Phong trào thi đua")


@pytest.mark.parametrize("title, subject", [
    ("Tờ trình đề nghị tặng Giấy khen", "Về việc đề nghị tặng Giấy khen"),
    ("Tờ trình về việc đề nghị khen thưởng", "Về việc đề nghị khen thưởng"),
    ("Đề nghị tặng Giấy khen", "Về việc đề nghị tặng Giấy khen"),
])
def test_the_proposal_never_doubles_its_type_word(title, subject):
    context, meta = build_context("to-trinh-khen-thuong", replace(s.COMMENDATION, title=title),
                                  s.commendation_generation("submitted"))
    assert context["subject"] == subject


@pytest.mark.parametrize("heading, expected", [
    ("MỤC ĐÍCH, YÊU CẦU", "Mục đích, yêu cầu"),
    ("khen thưởng trên địa bàn huyện Càng Long", "Khen thưởng trên địa bàn huyện Càng Long"),
    ("II. Tổ chức thực hiện tại UBND xã", "Tổ chức thực hiện tại UBND xã"),
    ("III. KHEN THƯỞNG", "Khen thưởng"),
])
def test_an_outline_keeps_the_case_of_a_heading(heading, expected):
    assert heading_in_sentence(heading) == expected


def test_the_plans_outline_keeps_proper_nouns():
    plan = replace(s.PLAN, sections=(("Khen thưởng trên địa bàn huyện Càng Long", ("x",)), ("MỤC ĐÍCH", ("y",))))
    for name in ("to-trinh-ke-hoach", "phieu-trinh"):
        context, _ = build_context(name, plan, s.plan_generation())
        assert "Dự thảo Kế hoạch gồm các phần: I. Khen thưởng trên địa bàn huyện Càng Long; II. Mục đích." \
            in context["paragraphs"], name
