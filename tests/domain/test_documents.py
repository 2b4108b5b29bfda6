"""Generated documents: every master at every stage passes the format checker and says the right things."""
from __future__ import annotations

import hashlib
import io
from dataclasses import fields, replace
from datetime import date, datetime, timedelta, timezone

import pytest
from docx import Document

from workflow_app.domain.documents import generate, template_names
from workflow_app.domain.documents.contexts import master_spec
from workflow_app.domain.documents.data import (
    CommendationData,
    Numbering,
    ProposalInRound,
    RoundDecisionData,
    Signer,
)
from workflow_app.domain.documents.masters import load_master

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s

PLAN_TEMPLATES = ("ke-hoach", "to-trinh-ke-hoach", "phieu-trinh")
COMMENDATION_TEMPLATES = ("to-trinh-khen-thuong", "bien-ban-xet-khen-thuong", "quyet-dinh-khen-thuong",
                          "phieu-trinh")
STAGES = ("draft", "approved", "issued")


def _variants():
    """(file stem, template, content, generation, numbered?) for every kind, stage and signer."""
    for stage in STAGES:
        for name in PLAN_TEMPLATES:
            yield f"plan-{stage}-{name}", name, s.PLAN, s.plan_generation(stage)
        for name in COMMENDATION_TEMPLATES:
            yield f"com-{stage}-{name}", name, s.COMMENDATION, s.commendation_generation(stage)
    chairman = s.plan_generation("issued", signer=s.CHAIRMAN)
    yield "plan-chairman-ke-hoach", "ke-hoach", s.PLAN, chairman
    bare = replace(s.commendation_generation("issued", signer=s.CHAIRMAN), office=None, reviewer=None,
                   proposal_signer=None, proposal_numbering=None)
    for name in COMMENDATION_TEMPLATES:
        yield f"com-bare-{name}", name, s.COMMENDATION, bare
    yield "plan-bare-to-trinh-ke-hoach", "to-trinh-ke-hoach", s.PLAN, \
        replace(s.plan_generation("draft"), proposer=None, office=None, proposal_signer=None)


def _numbered(content: bytes) -> bool:
    line = next(p for p in s.paragraphs(content) if p.startswith("Số:"))
    return line.split(":")[1].strip()[:1].isdigit()


def test_every_official_document_at_every_stage_passes_the_format_checker(tmp_path):
    drafts, finals = [], []
    variants = list(_variants())
    for stem, name, content, gen in variants:
        path = tmp_path / f"{stem}.docx"
        path.write_bytes(generate(name, content, gen).content)
        (finals if _numbered(path.read_bytes()) else drafts).append(path)
    assert len(variants) == 27 and finals
    failures = {**s.check_format(drafts, draft=True), **s.check_format(finals, draft=False)}
    assert len(failures) == len(variants)
    assert {path: f for path, f in failures.items() if f} == {}


def _first_page_top(content: bytes) -> list[str]:
    section = Document(io.BytesIO(content)).sections[0]
    return [p.text for p in section.first_page_header.paragraphs if p.text.strip()]


def test_a_document_waiting_for_its_number_carries_the_draft_mark_and_a_numbered_one_never():
    """Issue 13, point 7: drafts carried no "DỰ THẢO" mark. The Biên bản and the Phiếu trình are
    never numbered: they are papers dated when written, not drafts, and carry none."""
    seen = {True: 0, False: 0}
    for stem, name, content, gen in _variants():
        file = generate(name, content, gen).content
        draft = not _numbered(file) and name not in ("bien-ban-xet-khen-thuong", "phieu-trinh")
        assert _first_page_top(file) == (["DỰ THẢO"] if draft else []), stem
        assert "DỰ THẢO" not in s.paragraphs(file), stem          # never in the body's flow
        seen[draft] += 1
    assert seen[True] and seen[False]


def test_issued_plan_carries_number_date_sections_recipients_and_signature():
    doc = generate("ke-hoach", s.PLAN, s.plan_generation("issued"))
    paras = s.paragraphs(doc.content)
    assert "Số: 67/KH-UBND" in paras
    assert "Càng Long, ngày 30 tháng 5 năm 2023" in paras
    assert ["KẾ HOẠCH", s.PLAN_TITLE] == paras[paras.index("KẾ HOẠCH"):paras.index("KẾ HOẠCH") + 2]
    headings = [p for p in paras if p.split(". ")[0] in ("I", "II", "III", "IV")]
    assert headings == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THI ĐUA", "III. KHEN THƯỞNG",
                        "IV. TỔ CHỨC THỰC HIỆN"]
    assert any("Phát huy sức mạnh của cả hệ thống chính trị" in p for p in paras)
    recipients = paras[paras.index("Nơi nhận:") + 1:][:len(s.PLAN_RECIPIENTS) + 1]
    assert recipients == [f"- {r};" for r in s.PLAN_RECIPIENTS] + ["- Lưu: VT, NV."]
    signature = [p for p in paras[paras.index("Nơi nhận:"):] if p.isupper() or p == "Trần Minh Đức"]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"]
    assert paras[paras.index("Nơi nhận:") - 1].endswith("của Ủy ban nhân dân huyện Càng Long./.")
    assert sum(p.endswith("./.") for p in paras) == 1      # the writer's own "./." was not kept


def test_draft_plan_leaves_number_day_and_name_blank():
    doc = generate("ke-hoach", s.PLAN, s.plan_generation("draft"))
    paras = s.paragraphs(doc.content)
    assert "Số:      /KH-UBND" in paras
    assert "Càng Long, ngày      tháng 5 năm 2023" in paras
    after = paras[paras.index("Nơi nhận:"):]
    assert [p for p in after if p.isupper()] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert "(Chưa ký)" in after and "Trần Minh Đức" not in s.text(doc.content)


def _signature(content: bytes) -> list[str]:
    table = [t for t in s.document_xml(content).iter(f"{s.W}tbl") if "Nơi nhận:" in s.table_rows(t)[0][0]][0]
    right = table.find(f"{s.W}tr").findall(f"{s.W}tc")[1]
    return [t for t in ("".join(x.text or "" for x in p.iter(f"{s.W}t")) for p in right.iter(f"{s.W}p")) if t]


@pytest.mark.parametrize("template, signer, lines", [
    ("ke-hoach", s.CHAIRMAN, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]),
    ("ke-hoach", s.DEPUTY, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"]),
    ("quyet-dinh-khen-thuong", s.CHAIRMAN, ["CHỦ TỊCH", "Nguyễn Văn An"]),
    ("quyet-dinh-khen-thuong", s.DEPUTY, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Đức"]),
    ("quyet-dinh-khen-thuong", Signer("Lê Văn Tâm", "Chánh Văn phòng", "TL"),
     ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Lê Văn Tâm"]),
])
def test_signature_block_follows_the_signing_form(template, signer, lines):
    content = s.PLAN if template == "ke-hoach" else s.COMMENDATION
    gen = (s.plan_generation if template == "ke-hoach" else s.commendation_generation)("issued", signer=signer)
    assert _signature(generate(template, content, gen).content) == lines


def test_nothing_is_hard_wired_to_cang_long():
    """Another body, place and set of titles: none of the demo's words may leak into any document."""
    council = replace(s.CANG_LONG, name="Hội đồng nhân dân thị xã Duyên Hải", place_name="Duyên Hải",
                      name_lines=("HỘI ĐỒNG NHÂN DÂN", "THỊ XÃ DUYÊN HẢI"), collective_title="Hội đồng nhân dân",
                      head_title="Trưởng ban", deputy_title="Phó Trưởng ban", abbreviation="HĐND", legal_bases=())
    plan = replace(s.PLAN, title="Thi đua năm 2024", legal_bases=("Căn cứ Luật Thi đua, khen thưởng",),
                   sections=(("MỤC ĐÍCH", ("Nội dung thi đua của thị xã trong năm.",)),),
                   recipients=("Các phường",))
    commendation = replace(s.COMMENDATION, plan_reference="Kế hoạch số 01/KH-HĐND", recipients=("Các phường",),
                           nominees=tuple(replace(n, award=s.CHIEN_SI) if n.order == 2 else n
                                          for n in s.many_nominees(6)))
    gen = replace(s.commendation_generation("issued"), issuer=council, proposer=None, office=None,
                  proposal_signer=None, reviewer=None, numbering=Numbering("QĐ", "HĐND", 3, date(2024, 2, 1)))
    # a round's decision: the same nominees, proposed by a body of the place
    of_round = RoundDecisionData(**{f.name: getattr(commendation, f.name) for f in fields(CommendationData)},
                                 proposals=(ProposalInRound("Phường 1", "Chủ tịch Phường 1",
                                                            "Tờ trình số 01/TTr-P1 ngày 20 tháng 01 năm 2024"),))
    for name in template_names():
        content = plan if name in ("ke-hoach", "to-trinh-ke-hoach") else commendation
        if RoundDecisionData in master_spec(name).accepts and CommendationData not in master_spec(name).accepts:
            content = of_round
        text = s.text(generate(name, content, gen).content)
        for word in ("Càng Long", "CÀNG LONG", "Ủy ban", "ỦY BAN", "HUYỆN", "huyện"):
            assert word not in text, (name, word)
        assert "Duyên Hải, ngày " in text, name
    deputy = _signature(generate("ke-hoach", plan, replace(gen, numbering=Numbering("KH", "HĐND", 3))).content)
    assert deputy == ["TM. HỘI ĐỒNG NHÂN DÂN", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Minh Đức"]


def test_decision_lists_exactly_the_accepted_nominees_in_order():
    doc = generate("quyet-dinh-khen-thuong", s.COMMENDATION, s.commendation_generation("issued"))
    paras = s.paragraphs(doc.content)
    assert "Số: 1234/QĐ-UBND" in paras and "Càng Long, ngày 05 tháng 01 năm 2024" in paras
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG" in paras
    article_1 = next(p for p in paras if p.startswith("Điều 1."))
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Càng Long cho 02 tập thể và 05 cá nhân" in article_1
    assert paras[-1] == "(Danh sách này có 02 tập thể và 05 cá nhân)./."
    assert "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm 2024 của Chủ tịch Ủy ban nhân dân " \
           "huyện Càng Long)" in paras
    assert paras.index("I. TẬP THỂ (02 tập thể)") < paras.index("II. CÁ NHÂN (05 cá nhân)")
    lists = [s.table_rows(t) for t in s.document_xml(doc.content).iter(f"{s.W}tbl")][-2:]
    assert [row[1] for row in lists[0][1:]] == list(s.ACCEPTED_COLLECTIVES)
    assert [row[1] for row in lists[1][1:]] == list(s.ACCEPTED_INDIVIDUALS)
    assert [row[0] for row in lists[1][1:]] == ["3", "4", "5", "6", "7"]     # STT runs on: one row, one STT
    assert lists[1][1][2] == "Giáo viên, Trường THCS An Trường"
    for rejected in s.REJECTED:
        assert rejected not in s.text(doc.content)


def test_decision_list_repeats_its_header_row_keeps_rows_whole_and_starts_a_new_page():
    doc = Document(io.BytesIO(generate("quyet-dinh-khen-thuong", s.COMMENDATION,
                                       s.commendation_generation("issued")).content))
    for table in doc.tables[-2:]:
        header, *rows = table.rows
        assert header._tr.trPr.find(f"{s.W}tblHeader") is not None
        assert all(r._tr.trPr.find(f"{s.W}cantSplit") is not None for r in rows)
    assert len(doc.sections) == 2 and doc.sections[1].start_type == 2            # WD_SECTION.NEW_PAGE
    assert doc.sections[1]._sectPr.find(f"{s.W}pgNumType").get(f"{s.W}start") == "1"
    assert doc.sections[1].different_first_page_header_footer     # the list's first page has no number


def test_decision_with_individuals_only_numbers_them_first():
    only_people = s.commendation_with(n for n in s.NOMINEES if n.kind == "individual")
    paras = s.paragraphs(generate("quyet-dinh-khen-thuong", only_people, s.commendation_generation()).content)
    assert "I. CÁ NHÂN (05 cá nhân)" in paras
    assert not any(p.startswith(("I. TẬP THỂ", "II. CÁ NHÂN")) for p in paras)
    assert "(Danh sách này có 05 cá nhân)./." in paras


def test_proposal_comes_from_the_commune_addressed_to_the_issuers_head():
    doc = generate("to-trinh-khen-thuong", s.COMMENDATION, s.commendation_generation("draft"))
    paras = s.paragraphs(doc.content)
    assert ["ỦY BAN NHÂN DÂN", "XÃ AN TRƯỜNG"] == paras[paras.index("ỦY BAN NHÂN DÂN"):][:2]
    assert "Số: 12/TTr-UBND" in paras and "An Trường, ngày 20 tháng 12 năm 2023" in paras
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Càng Long." in paras
    assert "03 tập thể và 06 cá nhân" in s.text(doc.content)           # everyone proposed
    assert [p for p in paras if p.isupper() and p.startswith(("TM.", "CHỦ"))] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert "Kim Văn Sơn" in paras and "Danh sách này có 03 tập thể và 06 cá nhân" in s.text(doc.content)
    unnumbered = replace(s.commendation_generation("draft"), proposal_numbering=None)
    assert "Số:      /TTr-UBND" in s.paragraphs(generate("to-trinh-khen-thuong", s.COMMENDATION,
                                                        unnumbered).content)


def test_review_minutes_list_accepted_and_rejected_with_reasons():
    doc = generate("bien-ban-xet-khen-thuong", s.COMMENDATION, s.commendation_generation("approved"))
    paras = s.paragraphs(doc.content)
    assert "1. Đề nghị khen thưởng: 02 tập thể và 05 cá nhân." in paras
    assert "2. Không đề nghị khen thưởng: 01 tập thể và 01 cá nhân." in paras
    accepted, rejected = [s.table_rows(t) for t in s.document_xml(doc.content).iter(f"{s.W}tbl")][1:3]
    assert [r[1] for r in accepted[1:]] == [n.full_name for n in s.NOMINEES if n.status == "accepted"]
    assert [(r[1], r[3]) for r in rejected[1:]] == [("Lê Hoàng Phúc", "Chưa đủ tiêu chuẩn theo quy định"),
                                                   ("Ban Khuyến học ấp Sóc Ruộng", "Hồ sơ chưa đầy đủ")]
    assert "Ý kiến của Phòng Nội vụ: Thống nhất đề nghị khen thưởng 02 tập thể và 05 cá nhân." in paras
    assert "Đề nghị bổ sung hồ sơ các trường hợp còn lại." in paras      # one paragraph per line


def test_rendered_file_describes_itself():
    doc = generate("ke-hoach", s.PLAN, s.plan_generation("issued"))
    master = load_master("ke-hoach")
    assert (doc.name, doc.template_name, doc.template_sha256) == ("ke-hoach.docx", "ke-hoach", master.sha256)
    assert doc.sha256 == hashlib.sha256(doc.content).hexdigest() and doc.size == len(doc.content)
    assert generate("giay-khen-in-phoi", s.COMMENDATION, s.commendation_generation()).name == "giay-khen-in-phoi.docx"


def test_core_properties_describe_the_document():
    created = datetime(2023, 5, 30, 9, 15, tzinfo=timezone(timedelta(hours=7)))
    doc = generate("ke-hoach", s.PLAN, replace(s.plan_generation("issued"), created_at=created,
                                               extra={"revision": 3}))
    cp = Document(io.BytesIO(doc.content)).core_properties
    assert cp.title == f"Kế hoạch số 67/KH-UBND: {s.PLAN_TITLE}"
    assert cp.author == "Ủy ban nhân dân huyện Càng Long" and cp.last_modified_by == cp.author
    assert cp.created == datetime(2023, 5, 30, 2, 15, tzinfo=timezone.utc) and cp.modified == cp.created
    assert (cp.language, cp.revision, cp.comments, cp.identifier) == ("vi-VN", 3, "", "67/KH-UBND")
    draft = Document(io.BytesIO(generate("ke-hoach", s.PLAN, s.plan_generation("draft")).content)).core_properties
    assert draft.title == f"Kế hoạch số …/KH-UBND: {s.PLAN_TITLE}" and draft.identifier == ""


def test_fonts_are_pinned_and_stale_parts_dropped():
    import zipfile
    for name in template_names():
        doc = generate(name, s.PLAN if name in ("ke-hoach", "to-trinh-ke-hoach") else s.COMMENDATION,
                       s.commendation_generation() if name not in ("ke-hoach", "to-trinh-ke-hoach")
                       else s.plan_generation())
        with zipfile.ZipFile(io.BytesIO(doc.content)) as z:
            names = z.namelist()
            styles = z.read("word/styles.xml").decode()
        assert not [n for n in names if "stylesWithEffects" in n or "thumbnail" in n or "customXml" in n]
        assert "Theme" not in styles and "cstheme" not in styles, name
        assert styles.count('w:eastAsia="Times New Roman"') == styles.count("<w:rFonts"), name


def test_unknown_template_and_wrong_content_are_refused():
    with pytest.raises(ValueError):
        generate("cong-van", s.PLAN, s.plan_generation())
    with pytest.raises(TypeError):
        generate("quyet-dinh-khen-thuong", s.PLAN, s.plan_generation())


def test_kinh_gui_is_centred_under_the_title():
    """Issue 13 §7: the 'Kính gửi' line (ô 9a) stands centred below the trích yếu, not as an
    indented body paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    for name, content, gen in (("to-trinh-khen-thuong", s.COMMENDATION, s.commendation_generation("draft")),
                               ("to-trinh-ke-hoach", s.PLAN, s.plan_generation()),
                               ("phieu-trinh", s.PLAN, s.plan_generation())):
        document = Document(io.BytesIO(generate(name, content, gen).content))
        para = next(p for p in document.paragraphs if p.text.startswith("Kính gửi:"))
        fmt, style = para.paragraph_format, para.style.paragraph_format
        assert (fmt.alignment or style.alignment) == WD_ALIGN_PARAGRAPH.CENTER, name
        assert not (fmt.first_line_indent or style.first_line_indent), name
