"""Issue 13, point 4b: a body's legal bases carry the dates they are in force, and a document
cites those in force on its date (Nghị định 152/2025/NĐ-CP replaced 98/2023/NĐ-CP from 1/7/2025)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from workflow_app.domain.documents import generate
from workflow_app.domain.documents.data import Numbering
from workflow_app.domain.legal_bases import (
    LegalBasis,
    LegalBasisError,
    format_line,
    from_stored,
    in_force,
    parse_line,
    to_stored,
)

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s

LAW_2015 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
LAW_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
EMULATION_LAW = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_98 = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;"
DECREE_152 = "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;"
UNTIL_JUNE = date(2025, 6, 30)
FROM_JULY = date(2025, 7, 1)
BOTH_GENERATIONS = (
    LegalBasis(LAW_2015, in_force_until=UNTIL_JUNE), LegalBasis(LAW_2025, in_force_from=FROM_JULY),
    LegalBasis(EMULATION_LAW),
    LegalBasis(DECREE_98, in_force_from=date(2024, 1, 1), in_force_until=UNTIL_JUNE),
    LegalBasis(DECREE_152, in_force_from=FROM_JULY),
)


@pytest.mark.parametrize("day,expected", [
    (date(2025, 6, 30), (LAW_2015, EMULATION_LAW, DECREE_98)),      # the last day of the old ones
    (date(2025, 7, 1), (LAW_2025, EMULATION_LAW, DECREE_152)),      # the first day of the new ones
    (date(2023, 12, 31), (LAW_2015, EMULATION_LAW)),                # before the decree applied
    (date(2024, 1, 1), (LAW_2015, EMULATION_LAW, DECREE_98)),
    (date(2026, 3, 15), (LAW_2025, EMULATION_LAW, DECREE_152)),
])
def test_a_date_picks_the_bases_in_force_on_it_in_their_order(day, expected):
    assert in_force(BOTH_GENERATIONS, day) == expected


def test_undated_bases_and_plain_strings_are_always_in_force():
    assert in_force(("Căn cứ A;", LegalBasis("Căn cứ B;")), date(1990, 1, 1)) == ("Căn cứ A;", "Căn cứ B;")
    assert in_force((LegalBasis("  "), ""), date(2025, 1, 1)) == ()


def test_one_day_basis_applies_on_that_day_only():
    basis = LegalBasis("Căn cứ X;", in_force_from=FROM_JULY, in_force_until=FROM_JULY)
    assert [basis.in_force_on(d) for d in (UNTIL_JUNE, FROM_JULY, date(2025, 7, 2))] == [False, True, False]


def test_stored_form_round_trips_and_old_strings_are_read():
    for basis in BOTH_GENERATIONS:
        assert from_stored(to_stored(basis)) == basis
    assert to_stored(BOTH_GENERATIONS[0]) == {"text": LAW_2015, "in_force_from": None,
                                               "in_force_until": "2025-06-30"}
    assert from_stored("Căn cứ cũ;") == LegalBasis("Căn cứ cũ;")
    # unreadable dates in stored data are dropped rather than breaking every document of the body
    assert from_stored({"text": "Căn cứ Y;", "in_force_from": "junk", "in_force_until": 7}) == LegalBasis("Căn cứ Y;")
    assert from_stored(None) == LegalBasis("") and from_stored(42) == LegalBasis("")


@pytest.mark.parametrize("line,expected", [
    ("Căn cứ Luật A;", LegalBasis("Căn cứ Luật A;")),
    ("Căn cứ Luật A; | từ 01/07/2025", LegalBasis("Căn cứ Luật A;", in_force_from=FROM_JULY)),
    ("Căn cứ Luật A;|đến 30/6/2025", LegalBasis("Căn cứ Luật A;", in_force_until=UNTIL_JUNE)),
    ("Căn cứ Luật A; | Từ ngày 1/7/2025 | ĐẾN NGÀY 31/12/2030",
     LegalBasis("Căn cứ Luật A;", in_force_from=FROM_JULY, in_force_until=date(2030, 12, 31))),
    ("Căn cứ Luật A; | đến 30/06/2025 | từ 01/01/2024",
     LegalBasis("Căn cứ Luật A;", in_force_from=date(2024, 1, 1), in_force_until=UNTIL_JUNE)),
])
def test_a_line_reads_its_optional_dates(line, expected):
    assert parse_line(line) == expected


def test_a_line_round_trips_exactly():
    for basis in (*BOTH_GENERATIONS, LegalBasis("Căn cứ Z;", in_force_from=FROM_JULY, in_force_until=FROM_JULY)):
        line = format_line(basis)
        assert parse_line(line) == basis and format_line(parse_line(line)) == line
    assert format_line(BOTH_GENERATIONS[3]) == f"{DECREE_98} | từ 01/01/2024 | đến 30/06/2025"
    assert format_line(LegalBasis(EMULATION_LAW)) == EMULATION_LAW


@pytest.mark.parametrize("line,message", [
    ("Căn cứ A; | từ 31/02/2025", "Ngày “31/02/2025” không có trên lịch."),
    ("Căn cứ A; | từ 2025-07-01", "Ngày “2025-07-01” không đúng dạng ngày/tháng/năm, ví dụ 01/07/2025."),
    ("Căn cứ A; | từ", "Ngày “” không đúng dạng ngày/tháng/năm, ví dụ 01/07/2025."),
    ("Căn cứ A; | từ 01/07/2025 | đến 30/06/2025",
     "Ngày hết hiệu lực (30/06/2025) trước ngày có hiệu lực (01/07/2025)."),
    ("Căn cứ A; | hết 30/06/2025",
     "Sau dấu “|” chỉ ghi “từ ngày/tháng/năm” hoặc “đến ngày/tháng/năm”, ví dụ: | từ 01/07/2025."),
    ("Căn cứ A; | từ 01/07/2025 | từ 02/07/2025", "Chỉ ghi “từ” một lần."),
    ("| từ 01/07/2025", "Thiếu nội dung căn cứ trước dấu “|”."),
])
def test_a_bad_line_is_refused_in_vietnamese(line, message):
    with pytest.raises(LegalBasisError) as refused:
        parse_line(line)
    assert refused.value.message == message


# --- the documents cite the bases in force on their date --------------------------------------

DATED = replace(s.CANG_LONG, legal_bases=BOTH_GENERATIONS)


def _decision_bases(numbering: Numbering, created_at: datetime) -> str:
    gen = replace(s.commendation_generation("issued"), issuer=DATED, numbering=numbering, created_at=created_at)
    paras = s.paragraphs(generate("quyet-dinh-khen-thuong", s.COMMENDATION, gen).content)
    return "\n".join(p for p in paras if p.startswith("Căn cứ"))


def test_a_decision_issued_in_2024_cites_decree_98_and_the_2015_law():
    bases = _decision_bases(Numbering("QĐ", "UBND", seq=1234, issued_on=date(2024, 1, 5)),
                            datetime(2024, 1, 3, 3, tzinfo=timezone.utc))
    assert "Nghị định số 98/2023/NĐ-CP" in bases and "ngày 19 tháng 6 năm 2015" in bases
    assert "152/2025" not in bases and "năm 2025" not in bases
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in bases


def test_a_decision_issued_in_2026_cites_decree_152_and_the_2025_law():
    bases = _decision_bases(Numbering("QĐ", "UBND", seq=5, issued_on=date(2026, 3, 2)),
                            datetime(2026, 3, 1, 3, tzinfo=timezone.utc))
    assert "Nghị định số 152/2025/NĐ-CP" in bases and "ngày 16 tháng 6 năm 2025" in bases
    assert "98/2023" not in bases and "năm 2015" not in bases
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in bases


def test_a_draft_decision_cites_what_is_in_force_on_the_day_it_is_written_in_vietnam():
    # 30 June 2025, 17:30 UTC is already 1 July in Vietnam: the new bases
    late = _decision_bases(Numbering("QĐ", "UBND", draft_month=7, draft_year=2025),
                           datetime(2025, 6, 30, 17, 30, tzinfo=timezone.utc))
    assert "152/2025" in late and "98/2023" not in late
    early = _decision_bases(Numbering("QĐ", "UBND", draft_month=6, draft_year=2025),
                            datetime(2025, 6, 30, 16, 30, tzinfo=timezone.utc))
    assert "98/2023" in early and "152/2025" not in early


def test_a_proposal_cites_what_is_in_force_on_its_own_date():
    proposer = replace(s.AN_TRUONG, legal_bases=BOTH_GENERATIONS)
    for day, cited, not_cited in ((date(2025, 6, 30), "98/2023", "152/2025"),
                                  (date(2025, 7, 1), "152/2025", "98/2023")):
        gen = replace(s.commendation_generation("draft"), proposer=proposer,
                      proposal_numbering=Numbering("TTr", "UBND", seq=12, issued_on=day),
                      created_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
        text = s.text(generate("to-trinh-khen-thuong", s.COMMENDATION, gen).content)
        assert cited in text and not_cited not in text
