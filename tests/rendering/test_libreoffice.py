"""Each kind of document converted to PDF by LibreOffice: page count, text, fonts, orientation."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.domain import document_samples as s
from tests.rendering.libreoffice import convert, page_text, pages, skip_without_tools
from tests.rendering.libreoffice import run as _run
from workflow_app.domain.documents import generate

pytestmark = pytest.mark.libreoffice
skip_without_tools()

MANY = s.commendation_with(s.many_nominees(300, accepted_every=2))     # 150 accepted, mixed kinds
DOCUMENTS = {
    "plan": ("ke-hoach", s.PLAN, s.plan_generation("issued")),
    "plan-draft": ("ke-hoach", s.PLAN, s.plan_generation("draft")),
    "plan-rounds": ("ke-hoach", s.plan_with_rounds(), s.plan_generation("issued")),
    "plan-submission": ("to-trinh-ke-hoach", s.PLAN, s.plan_generation("draft")),
    "routing-slip": ("phieu-trinh", s.COMMENDATION, s.commendation_generation("approved")),
    "plan-routing-slip": ("phieu-trinh", s.PLAN, s.plan_generation("issued")),
    "proposal": ("to-trinh-khen-thuong", s.COMMENDATION, s.commendation_generation("draft")),
    "minutes": ("bien-ban-xet-khen-thuong", s.COMMENDATION, s.commendation_generation("approved")),
    "decision": ("quyet-dinh-khen-thuong", s.COMMENDATION, s.commendation_generation("issued")),
    "decision-300": ("quyet-dinh-khen-thuong", MANY, s.commendation_generation("issued")),
    "certificates": ("giay-khen", s.COMMENDATION, s.commendation_generation("issued")),
    "certificates-on-blanks": ("giay-khen-in-phoi", s.COMMENDATION, s.commendation_generation("issued")),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    sources = []
    for key, (template, content, gen) in DOCUMENTS.items():
        path = out / f"{key}.docx"
        path.write_bytes(generate(template, content, gen).content)
        sources.append(path)
    return dict(zip(DOCUMENTS, convert(sources, out)))


def test_issued_plan_reads_right_and_numbers_pages_from_two(pdfs):
    pdf = pdfs["plan"]
    assert 2 <= pages(pdf) <= 4
    first = page_text(pdf, 1)
    for phrase in ("Số: 67/KH-UBND", "Càng Long, ngày 30 tháng 5 năm 2023", "KẾ HOẠCH",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        assert phrase in first
    assert not first.startswith("1 ")                               # no number on page 1
    assert page_text(pdf, 2).startswith("2 ")                        # centred in the top margin
    whole = page_text(pdf)
    for phrase in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THI ĐUA", "III. KHEN THƯỞNG", "IV. TỔ CHỨC THỰC HIỆN",
                   *[f"- {r};" for r in s.PLAN_RECIPIENTS], "- Lưu: VT, NV.", "TM. ỦY BAN NHÂN DÂN",
                   "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"):
        assert phrase in whole, phrase


def test_metadata_and_fonts_reach_the_pdf(pdfs):
    info = dict(line.split(":", 1) for line in _run(["pdfinfo", str(pdfs["plan"])]).splitlines() if ":" in line)
    assert info["Title"].strip() == f"Kế hoạch số 67/KH-UBND: {s.PLAN_TITLE}"
    assert info["Author"].strip() == "Ủy ban nhân dân huyện Càng Long"
    for pdf in pdfs.values():
        fonts = [line.split()[0] for line in _run(["pdffonts", str(pdf)]).splitlines()[2:]]
        # Times New Roman, or its metric twin; any other font means a glyph fell back
        assert fonts and all("LiberationSerif" in f or "TimesNewRoman" in f for f in fonts), (pdf.name, fonts)


def test_draft_plan_shows_blanks(pdfs):
    first = page_text(pdfs["plan-draft"], 1)
    assert "Số: /KH-UBND" in first and "Càng Long, ngày tháng 5 năm 2023" in first
    assert first.startswith("DỰ THẢO") and "DỰ THẢO" not in page_text(pdfs["plan"])
    assert "(Chưa ký)" in page_text(pdfs["plan-draft"])


@pytest.mark.parametrize("key", ["plan-routing-slip", "routing-slip"])
def test_the_routing_slip_keeps_the_leader_opinion_box_on_its_page(pdfs, key):
    """Issue 13, point 7: the plan's Phiếu trình ended with a page holding only the box."""
    pdf = pdfs[key]
    assert pages(pdf) == 1
    assert "Ý kiến của lãnh đạo Ủy ban nhân dân huyện Càng Long:" in page_text(pdf, 1)


def test_decision_then_its_list_on_a_new_page(pdfs):
    pdf = pdfs["decision"]
    count = pages(pdf)
    assert count >= 2
    decision = page_text(pdf, 1)
    assert "QUYẾT ĐỊNH" in decision and "02 tập thể và 05 cá nhân" in decision and "DANH SÁCH" not in decision
    listing = page_text(pdf, 2, count)
    assert listing.startswith("DANH SÁCH") and "I. TẬP THỂ" in listing and "II. CÁ NHÂN" in listing
    names = [*s.ACCEPTED_COLLECTIVES, *s.ACCEPTED_INDIVIDUALS]
    positions = [listing.find(name) for name in names]
    assert -1 not in positions and positions == sorted(positions)
    assert not any(name in page_text(pdf) for name in s.REJECTED)


def test_a_long_list_repeats_its_header_on_every_page(pdfs):
    pdf = pdfs["decision-300"]
    count = pages(pdf)
    first_list_page = next(p for p in range(1, count + 1) if page_text(pdf, p).startswith("DANH SÁCH"))
    assert count - first_list_page >= 5
    for page in range(first_list_page, count + 1):
        assert "STT" in page_text(pdf, page), page
    assert "(Danh sách này có 30 tập thể và 120 cá nhân)./." in page_text(pdf, count)


def test_one_certificate_page_per_awardee_in_landscape(pdfs, tmp_path):
    awardees = [*s.ACCEPTED_COLLECTIVES, *s.ACCEPTED_INDIVIDUALS]
    for key in ("certificates", "certificates-on-blanks"):
        pdf = pdfs[key]
        assert pages(pdf) == len(awardees)
        for number, name in enumerate(awardees, 1):
            assert name in page_text(pdf, number), (key, number, name)
        _run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / key)])
        png = next(tmp_path.glob(f"{key}*.png")).read_bytes()
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert width > height                                          # landscape
    assert "GIẤY KHEN" in page_text(pdfs["certificates"], 1)
    assert "GIẤY KHEN" not in page_text(pdfs["certificates-on-blanks"])  # printed on the blank already


def test_a_plan_prints_its_rounds(pdfs):
    """Issue 15, point 1: the rounds, their groups, criteria and forms of commendation, in the PDF."""
    whole = page_text(pdfs["plan-rounds"])
    for phrase in ("V. TIÊU CHÍ VÀ HÌNH THỨC KHEN THƯỞNG", "1. Sơ kết giai đoạn 2023 - 2025",
                   "Thời hạn gửi hồ sơ đề nghị: trước ngày 31 tháng 10 năm 2025.", "c) Hộ gia đình:",
                   "danh hiệu “Tập thể lao động tiên tiến”"):
        assert phrase in " ".join(whole.split()), phrase
    assert 2 <= pages(pdfs["plan-rounds"]) <= 6


@pytest.mark.parametrize("key, phrases", [
    ("plan-submission", ["TỜ TRÌNH", "Kính gửi: Ủy ban nhân dân huyện Càng Long.", "Số: /TTr-PNV"]),
    ("routing-slip", ["PHIẾU TRÌNH", "Ý kiến của Phòng Nội vụ", "Ý kiến của lãnh đạo"]),
    ("proposal", ["TỜ TRÌNH", "Số: 12/TTr-UBND", "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Càng Long.",
                  "DANH SÁCH", "Lê Hoàng Phúc", "Kim Văn Sơn"]),
    ("minutes", ["BIÊN BẢN", "1. Đề nghị khen thưởng: 02 tập thể và 05 cá nhân.",
                 "Lê Hoàng Phúc", "Hồ sơ chưa đầy đủ", "Phạm Thị Thu"]),
])
def test_other_papers_render(pdfs, key, phrases):
    assert 1 <= pages(pdfs[key]) <= 4
    whole = page_text(pdfs[key])
    for phrase in phrases:
        assert phrase in whole, phrase
