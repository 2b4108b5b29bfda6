"""The project's own Decree 30 checker: it passes what is right and names the rule of what is wrong.

Each broken document below differs from a correct issued plan by one fault, the kind an office
or a template edit introduces; the checker must fail exactly that rule. Where the outside
checker (../shared/tools/check_docx.py) lies beside the clone, it is asked too, as a second
opinion that must agree; elsewhere those tests skip.
"""
from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from tests.domain import document_samples as s
from tests.domain.test_documents import _numbered, _variants
from workflow_app.domain.documents import generate
from workflow_app.domain.format_check import check_certificates, check_document
from workflow_app.domain.format_check.rules import all_paragraphs

ISSUED_PLAN = generate("ke-hoach", s.PLAN, s.plan_generation("issued")).content


def _edit(content: bytes, change) -> bytes:
    doc = Document(io.BytesIO(content))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _retext(old: str, new: str):
    """Replace the text of the paragraph that reads `old` (its first run keeps the formatting)."""
    def change(doc):
        paragraph = next(p for p in all_paragraphs(doc) if p.text.strip() == old)
        runs = paragraph.runs
        runs[0].text = new
        for run in runs[1:]:
            run.text = ""
    return change


def _body_font(name: str):
    def change(doc):
        paragraph = next(p for p in doc.paragraphs if len(p.text) > 80)
        rfonts = paragraph.runs[0]._r.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(slot), name)
    return change


def _no_line_under_the_motto(doc):
    cell = next(c for c in doc.tables[0].rows[0].cells if s.CANG_LONG.place_name not in c.text
                and "CỘNG HÒA" in c.text)
    for paragraph in cell.paragraphs:
        ppr = paragraph._p.pPr
        border = ppr.find(qn("w:pBdr")) if ppr is not None else None
        if border is not None:
            ppr.remove(border)


def _body_left_aligned(doc):
    for paragraph in doc.paragraphs:
        if len(paragraph.text) > 80 and paragraph.text != s.PLAN_TITLE:      # the body, not the trích yếu
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _python_docx_author(doc):
    doc.core_properties.author = "python-docx"


BROKEN = {   # name: (change, the one rule it breaks)
    "number-with-a-dash": (_retext("Số: 67/KH-UBND", "Số: 67-KH-UBND"), "H7"),
    "number-below-10-without-its-zero": (_retext("Số: 67/KH-UBND", "Số: 5/KH-UBND"), "H7"),
    "number-in-words": (_retext("Số: 67/KH-UBND", "Số: sáu mươi bảy/KH-UBND"), "H7"),
    "font-not-times": (_body_font("Arial"), "F1"),
    "no-line-under-the-motto": (_no_line_under_the_motto, "H4"),
    "body-not-justified": (_body_left_aligned, "B1"),
    "day-below-10-without-its-zero": (_retext("Càng Long, ngày 30 tháng 5 năm 2023",
                                              "Càng Long, ngày 5 tháng 5 năm 2023"), "H6"),
    "month-5-with-a-zero": (_retext("Càng Long, ngày 30 tháng 5 năm 2023",
                                    "Càng Long, ngày 30 tháng 05 năm 2023"), "H6"),
    "motto-reworded": (_retext("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"), "H3"),
    "unknown-signing-prefix": (_retext("TM. ỦY BAN NHÂN DÂN", "T.M. ỦY BAN NHÂN DÂN"), "S6"),
    "last-recipient-not-luu": (_retext("- Lưu: VT, NV.", "- Các phòng ban."), "S4"),
    "python-docx-author": (_python_docx_author, "M1"),
}


@pytest.fixture(scope="module")
def broken_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    files = {}
    for name, (change, _) in BROKEN.items():
        files[name] = folder / f"{name}.docx"
        files[name].write_bytes(_edit(ISSUED_PLAN, change))
    return files


def test_the_correct_issued_plan_passes_every_rule():
    report = check_document(ISSUED_PLAN)
    assert report.ok, report.failures
    assert {"P1", "F1", "H2", "H4", "H7", "T1", "B1", "S5", "M1"} <= set(report.passed)


@pytest.mark.parametrize("name", BROKEN)
def test_each_fault_fails_exactly_its_rule(broken_files, name):
    report = check_document(broken_files[name])
    assert report.failed_rules == {BROKEN[name][1]}, [str(f) for f in report.failures]


def test_a_draft_may_leave_the_number_and_day_blank_but_an_issued_paper_may_not():
    draft = generate("ke-hoach", s.PLAN, s.plan_generation("draft")).content
    assert check_document(draft, draft=True).ok
    assert check_document(draft, draft=False).failed_rules == {"H6", "H7", "D1"}   # D1: the "DỰ THẢO" mark


def test_an_issued_document_carrying_the_draft_mark_fails_d1():
    def mark(doc):
        doc.sections[0].first_page_header.add_paragraph("DỰ THẢO")
    assert check_document(_edit(ISSUED_PLAN, mark)).failed_rules == {"D1"}
    assert check_document(_edit(ISSUED_PLAN, mark), draft=True).ok


def test_what_is_not_a_docx_fails_without_raising():
    assert check_document(b"PK\x03\x04 not really").failed_rules == {"M0"}


def test_certificates_are_checked_for_landscape_and_one_page_each():
    nominees = s.many_nominees(7, accepted_every=1)
    content = s.commendation_with(nominees)
    certificates = generate("giay-khen", content, s.commendation_generation("issued")).content
    assert check_certificates(certificates, pages=7).ok
    assert check_certificates(certificates, pages=6).failed_rules == {"C2"}
    assert check_certificates(ISSUED_PLAN).failed_rules == {"C1"}


def test_the_command_line_reports_and_exits_by_verdict(broken_files, tmp_path, capsys):
    from workflow_app.domain.format_check.__main__ import main
    good = tmp_path / "good.docx"
    good.write_bytes(ISSUED_PLAN)
    assert main([str(good)]) == 0
    assert main([str(good), str(broken_files["font-not-times"])]) == 1
    assert "F1:" in capsys.readouterr().out
    assert main([]) == 2


# --- second opinion: the outside checker, where it lies beside the clone --------------------

def test_second_opinion_fails_the_same_rule_of_each_broken_file(broken_files):
    verdicts = s.check_format_second_opinion(broken_files.values(), draft=False)
    assert {name: {f["rule"] for f in verdicts[str(path)]} for name, path in broken_files.items()} == \
        {name: {rule} for name, (_, rule) in BROKEN.items()}


def test_second_opinion_agrees_on_every_generated_document(tmp_path):
    drafts, finals = [], []
    for stem, name, content, gen in _variants():
        path = tmp_path / f"{stem}.docx"
        path.write_bytes(generate(name, content, gen).content)
        (finals if _numbered(path.read_bytes()) else drafts).append(path)
    for paths, draft in ((drafts, True), (finals, False)):
        outside = s.check_format_second_opinion(paths, draft=draft)
        ours = s.check_format(paths, draft=draft)
        assert {p: [f["rule"] for f in v] for p, v in outside.items()} == \
            {p: [f["rule"] for f in v] for p, v in ours.items()}
        assert all(not v for v in ours.values())
