"""The Biên bản of a review meeting (Mẫu 1.9) as LibreOffice lays it out: its facts on the
page, the vote column readable, the secretary's and the chair's signatures side by side."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tests.domain import document_samples as s
from tests.rendering.libreoffice import convert, page_text, pages, run, skip_without_tools
from workflow_app.domain.documents import generate
from workflow_app.domain.meeting import Vote

pytestmark = pytest.mark.libreoffice
skip_without_tools()

VARIANTS = {"met": s.MET, "plain": s.COMMENDATION,
            "met-many": replace(s.MET, nominees=tuple(replace(n, votes=Vote(5 + n.order % 5, 9))
                                                      for n in s.many_nominees(60, accepted_every=3)))}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("minutes")
    sources = []
    for name, data in VARIANTS.items():
        path = out / f"{name}.docx"
        path.write_bytes(generate("bien-ban-xet-khen-thuong", data, s.commendation_generation("approved")).content)
        sources.append(path)
    return dict(zip(VARIANTS, convert(sources, out)))


def _layout(pdf) -> list[str]:
    return run(["pdftotext", "-layout", str(pdf), "-"]).splitlines()


def test_minutes_of_a_meeting_render_with_their_facts_and_votes(pdfs):
    pdf = pdfs["met"]
    assert 1 <= pages(pdf) <= 3
    whole = page_text(pdf)
    for phrase in ("BIÊN BẢN", "Họp xét đề nghị khen thưởng của Ủy ban nhân dân xã An Trường",
                   "Thời gian bắt đầu: 08 giờ 00 phút, ngày 28 tháng 12 năm 2023.",
                   "Địa điểm: Hội trường Ủy ban nhân dân huyện Càng Long.", "Thành phần tham dự:",
                   "Thư ký: Võ Thị Ngọc Hân", "Vắng mặt: Kim Văn Sơn, Ủy viên (có ý kiến bằng văn bản)",
                   "7/9 (77,8%)", "9/9 (100%)", "3/9 (33,3%)", "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./.",
                   "Nơi nhận:"):
        assert phrase in whole, phrase


def test_the_secretary_and_the_chair_sign_side_by_side(pdfs):
    for key, (left, right) in {"met": ("Võ Thị Ngọc Hân", "Nguyễn Văn An")}.items():
        lines = _layout(pdfs[key])
        heads = [line for line in lines if "THƯ KÝ" in line and "CHỦ TRÌ" in line]
        names = [line for line in lines if left in line and right in line]
        assert heads and names, key
        assert heads[0].index("THƯ KÝ") < heads[0].index("CHỦ TRÌ")
        assert names[0].index(left) < names[0].index(right)
        assert lines.index(names[0]) < next(i for i, line in enumerate(lines) if "Nơi nhận:" in line)


def test_minutes_without_a_meeting_keep_one_signature(pdfs):
    whole = page_text(pdfs["plain"])
    assert "CHỦ TRÌ" in whole and "Phạm Thị Thu" in whole.split("CHỦ TRÌ")[-1]
    assert "THƯ KÝ" not in whole and "Cuộc họp kết thúc" not in whole


def test_a_long_vote_table_repeats_its_header_and_keeps_the_signature_whole(pdfs):
    pdf = pdfs["met-many"]
    count = pages(pdf)
    assert count >= 2
    assert "Số phiếu đồng ý" in page_text(pdf, 2)          # the header row repeats
    last = page_text(pdf, count)
    assert "CHỦ TRÌ" in last and "Nguyễn Văn An" in last and "THƯ KÝ" in last
