"""One certificate, one page, always (issue 13, point 2): certificates of the longest values the
application accepts, laid out by LibreOffice, keep their footer (decision, số sổ vàng, signature)
on their own page."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tests.domain import document_samples as s
from tests.factories import new_commendation
from tests.rendering.libreoffice import convert, page_text, pages, skip_without_tools
from workflow_app.domain.documents import generate
from workflow_app.domain.documents.context_parts import numbered
from workflow_app.domain.validation import LIMITS
from workflow_app.extensions import db
from workflow_app.services.transitions import apply_transition

pytestmark = pytest.mark.libreoffice
skip_without_tools()

ALPHABETS = {
    "words": "Thực hiện phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời ở xã An Trường ",
    "capitals": "NGUYỄN THỊ NGỌC ÁNH TRƯỜNG TRUNG HỌC CƠ SỞ ",
    "widest": "ữặệộựằẩẫậếềểễỗờởỡợừửỳỷỹỵ",        # no space: every line breaks inside a word
    "W": "W",                                       # the font's widest letter
}


def _at_most(alphabet: str, limit: str) -> str:
    n = LIMITS[limit]
    return (alphabet * (n // len(alphabet) + 2))[:n].strip()


def _longest(order: int, alphabet: str, kind: str, award) -> s.Nominee:
    return replace(s.NOMINEES[0], order=order, kind=kind, award=award, gender="female",
                   full_name=_at_most(alphabet, "full_name"), position=_at_most(alphabet, "position"),
                   organization=_at_most(alphabet, "organization"), achievement=_at_most(alphabet, "achievement"))


def test_the_longest_values_keep_each_certificate_on_its_page(tmp_path):
    nominees, order = [], 0
    for alphabet in ALPHABETS.values():
        for kind, award in (("collective", s.GIAY_KHEN), ("individual", s.GIAY_KHEN), ("individual", s.CHIEN_SI)):
            order += 1
            nominees.append(_longest(order, alphabet, kind, award))
    nominees.append(replace(s.NOMINEES[0], order=order + 1))                   # and an ordinary one
    content = s.commendation_with(nominees)
    gen = s.commendation_generation("issued")
    long_body = replace(gen, issuer=replace(gen.issuer, name=_at_most(ALPHABETS["words"], "full_name")))
    files = {"giay-khen": ("giay-khen", gen), "chien-si-thi-dua-co-so": ("chien-si-thi-dua-co-so", gen),
             "long-body-name": ("giay-khen", long_body)}
    sources = []
    for key, (master, generation) in files.items():
        path = tmp_path / f"{key}.docx"
        path.write_bytes(generate(master, content, generation).content)
        sources.append(path)
    pdfs = dict(zip(files, convert(sources, tmp_path)))
    # The STT of the Danh sách (Giấy khen: its four collectives 1-4, its individuals from 5; then
    # "Chiến sĩ thi đua cơ sở"), from the one source of STT.
    stt = {n.order: i for i, n in numbered(nominees)}
    assert [stt[n.order] for n in nominees if n.kind == "collective"] == [1, 2, 3, 4]
    for key, (master, _gen) in files.items():
        certified = s.CHIEN_SI if master == "chien-si-thi-dua-co-so" else s.GIAY_KHEN
        expected = [stt[n.order] for n in sorted(nominees, key=lambda n: stt[n.order]) if n.award == certified]
        assert pages(pdfs[key]) == len(expected), key                             # page count = certificates
        for page, number in enumerate(expected, 1):
            text = page_text(pdfs[key], page)
            for footer in ("Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm 2024", f"Số sổ vàng: {number}",
                           "KT. CHỦ TỊCH", "Trần Minh Đức"):
                assert footer in text, (key, page, footer)


def test_a_mixed_decision_issues_a_page_per_certificate_with_its_gold_book_number(world, tmp_path):
    """Issue 13, points 1-3 through the real steps: Giấy khen and "Chiến sĩ thi đua cơ sở" awardees get
    their certificate, one page each, whatever their length; "Lao động tiên tiến" and "Tập thể lao động
    tiên tiến" none; every certificate's số sổ vàng is its awardee's row in the decision's Danh sách."""
    def nominee(kind, name, award, **more):
        return {"kind": kind, "full_name": name, "position": "" if kind == "collective" else "Giáo viên",
                "organization": "xã An Trường", "award": award, "gender": "" if kind == "collective" else "female",
                "achievement": "Đã có thành tích xuất sắc trong phong trào học tập suốt đời.", **more}
    long = {"position": _at_most(ALPHABETS["words"], "position"),
            "organization": _at_most(ALPHABETS["words"], "organization"),
            "achievement": _at_most(ALPHABETS["words"], "achievement")}
    nominees = [
        nominee("individual", "Nguyễn Thị Ngọc Ánh", "chien_si_thi_dua_co_so"),
        nominee("collective", "Trường Tiểu học An Trường A", "giay_khen"),
        nominee("individual", "Đặng Thị Ước", "lao_dong_tien_tien"),
        nominee("individual", "Lê Thị Phúc", "chien_si_thi_dua_co_so"),                  # rejected
        nominee("individual", _at_most(ALPHABETS["words"], "full_name"), "giay_khen", **long),
        nominee("collective", "Trung tâm học tập cộng đồng xã An Trường", "tap_the_lao_dong_tien_tien"),
        nominee("individual", "Thạch Thị Sa Rinh", "chien_si_thi_dua_co_so", **long),
        nominee("individual", "Trương Thị Mỹ Hạnh", "giay_khen"),
    ]
    # Pages, not eligibility: this body's "Chiến sĩ thi đua cơ sở" does not ask for "Lao động tiên tiến"
    # the same year (tests/services/test_commended.py checks that rule)
    world.district.awards = [{k: v for k, v in a.items() if k not in ("requires", "requires_basis")}
                             for a in world.district.awards]
    db.session.commit()
    proposal = new_commendation(world, nominees=nominees)
    rejected = proposal.nominees[3]
    for step, role, extra in (("submit", "proposal_signer", {}), ("review", "reviewer", {"nominees": [
            {"id": rejected.id, "status": "rejected", "note": "Chưa đủ tiêu chuẩn"}]}),
            ("approve", "approver", {}), ("issue", "archivist", {})):
        apply_transition(proposal, step, world.actor_for("commendation", role), **extra)
    issued = {f.template_name: f for f in proposal.files if f.step == "issued"}
    assert set(issued) == {"quyet-dinh-khen-thuong", "giay-khen", "chien-si-thi-dua-co-so"}
    rows = s.list_rows(issued["quyet-dinh-khen-thuong"].content)
    assert sorted(map(int, rows.values())) == list(range(1, 8))                  # 7 awardees, one STT each
    assert {n.full_name: n.gold_book_number for n in proposal.nominees if n.gold_book_number} == rows

    sources = []
    for name in ("giay-khen", "chien-si-thi-dua-co-so"):
        (tmp_path / f"{name}.docx").write_bytes(issued[name].content)
        sources.append(tmp_path / f"{name}.docx")
    pdfs = dict(zip(("giay-khen", "chien-si-thi-dua-co-so"), convert(sources, tmp_path)))
    expected = {"giay-khen": ("GIẤY KHEN", ["Trường Tiểu học An Trường A", nominees[4]["full_name"],
                                            "Trương Thị Mỹ Hạnh"]),
                "chien-si-thi-dua-co-so": ("CHIẾN SĨ THI ĐUA CƠ SỞ", ["Nguyễn Thị Ngọc Ánh", "Thạch Thị Sa Rinh"])}
    for name, (title, awardees) in expected.items():
        assert pages(pdfs[name]) == len(awardees), name
        for page, awardee in enumerate(awardees, 1):
            text = page_text(pdfs[name], page)
            assert title in text and awardee.split()[-1] in text, (name, page)
            assert f"Số sổ vàng: {rows[awardee]}" in text and f"Quyết định số {proposal.number}" in text
            assert "Phạm Minh Tuấn" in text, (name, page)                            # the footer is on its page
        whole = page_text(pdfs[name])
        for none in ("Đặng Thị Ước", "Trung tâm học tập cộng đồng", "Lê Thị Phúc"):
            assert none not in whole
