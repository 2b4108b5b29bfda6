"""A mixed decision laid out by LibreOffice (issue 13, point 4): its Danh sách, on its own pages,
lists award by award, then tập thể, cá nhân, hộ gia đình, with the counts of Điều 1 and the STT
running on; every awardee's certificate, a household's included, prints that STT."""
from __future__ import annotations

import re

import pytest

from tests.domain import document_samples as s
from tests.domain.test_danh_sach import ARTICLE_1, EXPECTED_HEADINGS, EXPECTED_ROWS, HOUSEHOLDS
from tests.rendering.libreoffice import convert, page_text, pages, skip_without_tools
from workflow_app.domain.documents import generate

pytestmark = pytest.mark.libreoffice
skip_without_tools()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_mixed_decisions_list_reads_award_by_award_with_running_stt(tmp_path):
    gen = s.commendation_generation("issued")
    sources = []
    for name in ("quyet-dinh-khen-thuong", "giay-khen"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(generate(name, HOUSEHOLDS, gen).content)
        sources.append(path)
    decision, certificates = convert(sources, tmp_path)

    count = pages(decision)
    first_list_page = next(p for p in range(1, count + 1) if page_text(decision, p).startswith("DANH SÁCH"))
    body = _flat(page_text(decision, 1, first_list_page - 1))
    assert _flat(ARTICLE_1) in body
    assert "Các tập thể, cá nhân, hộ gia đình có tên tại Điều 1" in body
    listing = _flat(page_text(decision, first_list_page, count))
    positions = [listing.find(heading) for heading in EXPECTED_HEADINGS]
    assert -1 not in positions and positions == sorted(positions), dict(zip(EXPECTED_HEADINGS, positions))
    rows = [listing.find(name) for _stt, name in EXPECTED_ROWS]      # (the STT: test_danh_sach, in the docx)
    assert -1 not in rows and rows == sorted(rows)
    assert listing.rstrip().endswith("(Danh sách này có 03 tập thể, 03 cá nhân và 03 hộ gia đình)./.")

    assert pages(certificates) == len(EXPECTED_ROWS)                              # a Giấy khen each
    for page, (stt, name) in enumerate(EXPECTED_ROWS, 1):
        text = _flat(page_text(certificates, page))
        assert name in text and f"Số sổ vàng: {stt}" in text, (page, name)
