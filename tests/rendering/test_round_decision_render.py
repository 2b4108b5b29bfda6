"""A round's one decision as LibreOffice lays it out (issue 15, point 5): the Quyết định opens, its
Danh sách names each row's proposing body, and each body's certificate file is one page per awardee."""
from __future__ import annotations

import pytest

from tests.rendering.libreoffice import convert, page_text, pages, skip_without_tools
from tests.round_decision_world import advance_decision, round_world
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile
from workflow_app.services import round_decisions

pytestmark = pytest.mark.libreoffice
skip_without_tools()


def test_libreoffice_opens_the_rounds_decision_and_prints_each_certificate_on_its_page(world, tmp_path):
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    advance_decision(world, decision, "issued")
    issued = db.session.scalars(db.select(GeneratedFile).where(GeneratedFile.document_id == decision.id,
                                                               GeneratedFile.step == "issued")).all()
    sources = []
    for f in issued:
        path = tmp_path / f.file_name
        path.write_bytes(f.content)
        sources.append(path)
    pdfs = dict(zip((f.file_name for f in issued), convert(sources, tmp_path)))
    qd = pdfs["quyet-dinh-khen-thuong-dot.docx"]
    text = page_text(qd)
    assert "QUYẾT ĐỊNH" in text and "Đơn vị đề nghị" in text
    assert "Ủy ban nhân dân xã Huyền Hội" in text and "01 tập thể và 06 cá nhân" in text
    an_truong = [n for n in decision.nominees if n.proposal_id in (rw.proposals[0].id, rw.proposals[2].id)]
    assert pages(pdfs["giay-khen-xa-an-truong.docx"]) == len(an_truong) == 4
    assert pages(pdfs["giay-khen-xa-huyen-hoi.docx"]) == 3
    for page in range(1, 4):
        assert "Số sổ vàng" in page_text(pdfs["giay-khen-xa-huyen-hoi.docx"], page)
    # each Thông báo opens with its own number of the TB series, the decision's beside it
    for name, number in (("thong-bao-ket-qua-dot-xa-an-truong.docx", "01/TB-UBND"),
                         ("thong-bao-ket-qua-dot-xa-huyen-hoi.docx", "02/TB-UBND")):
        notice = " ".join(page_text(pdfs[name]).split())
        assert "THÔNG BÁO" in notice and f"Số: {number}" in notice, name
        assert f"Quyết định số {decision.number}" in notice, name
