"""The Danh sách says who receives what (issue 13, point 4): grouped by award, then tập thể, cá nhân,
hộ gia đình, each group counted as Điều 1 counts it, the STT running on through the whole list and
being each awardee's số sổ vàng."""
from __future__ import annotations

import io
import re
from dataclasses import replace

from docx import Document

from workflow_app.domain.documents import generate
from workflow_app.domain.documents.certificate_contexts import awardee
from workflow_app.domain.documents.commendation_contexts import (
    award_clause,
    gold_book_numbers,
    quyet_dinh_context,
    to_trinh_khen_thuong_context,
)
from workflow_app.domain.documents.context_parts import counts_phrase, grouped_list, numbered
from workflow_app.domain.documents.data import Award

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s

# Two awards x three kinds. The body lists the special Giấy khen second, but it is proposed first:
# the list follows the body's order (Award.rank), not the proposal's.
DOT_XUAT = Award("giay_khen_dot_xuat", "Giấy khen đột xuất", "giay_khen", rank=5)
_PROPOSED = [  # (kind, name, award, status)
    ("individual", "Nguyễn Thị Ngọc Ánh", DOT_XUAT, "accepted"),
    ("household", "Hộ ông Thạch Sa Rinh", s.GIAY_KHEN, "accepted"),
    ("collective", "Trường Tiểu học An Trường A", s.GIAY_KHEN, "accepted"),
    ("individual", "Đặng Văn Ước", s.GIAY_KHEN, "accepted"),
    ("household", "Gia đình bà Trương Thị Mỹ Hạnh", DOT_XUAT, "accepted"),
    ("collective", "Ban Khuyến học ấp Sóc Ruộng", DOT_XUAT, "accepted"),
    ("individual", "Lê Hoàng Phúc", s.GIAY_KHEN, "rejected"),
    ("household", "Hộ bà Kim Thị Ỷ", s.GIAY_KHEN, "accepted"),
    ("individual", "Huỳnh Văn Ẩn", s.GIAY_KHEN, "accepted"),
    ("collective", "Trung tâm học tập cộng đồng xã An Trường", s.GIAY_KHEN, "accepted"),
]
HOUSEHOLDS = s.commendation_with(
    replace(s.NOMINEES[0], order=i, kind=kind, full_name=name, award=award, status=status,
            gender=("male" if " Văn " in name else "female") if kind == "individual" else "",
            position="" if kind != "individual" else "Giáo viên")
    for i, (kind, name, award, status) in enumerate(_PROPOSED, 1))
# The decision's Danh sách, row by row: (STT, name).
EXPECTED_ROWS = [
    (1, "Trường Tiểu học An Trường A"), (2, "Trung tâm học tập cộng đồng xã An Trường"),     # GK, tập thể
    (3, "Đặng Văn Ước"), (4, "Huỳnh Văn Ẩn"),                                              # GK, cá nhân
    (5, "Hộ ông Thạch Sa Rinh"), (6, "Hộ bà Kim Thị Ỷ"),                                   # GK, hộ gia đình
    (7, "Ban Khuyến học ấp Sóc Ruộng"), (8, "Nguyễn Thị Ngọc Ánh"),                        # đột xuất
    (9, "Gia đình bà Trương Thị Mỹ Hạnh"),
]
GK = "GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG"
GK_DX = "GIẤY KHEN ĐỘT XUẤT CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG"
EXPECTED_HEADINGS = [f"I. {GK}", "1. Tập thể (02 tập thể)", "2. Cá nhân (02 cá nhân)",
                     "3. Hộ gia đình (02 hộ gia đình)",
                     f"II. {GK_DX}", "1. Tập thể (01 tập thể)", "2. Cá nhân (01 cá nhân)",
                     "3. Hộ gia đình (01 hộ gia đình)"]
ARTICLE_1 = ("Giấy khen của Chủ tịch Ủy ban nhân dân huyện Càng Long cho 02 tập thể, 02 cá nhân và "
             "02 hộ gia đình; Giấy khen đột xuất của Chủ tịch Ủy ban nhân dân huyện Càng Long cho 01 tập thể, "
             "01 cá nhân và 01 hộ gia đình")


def test_counts_name_households_after_collectives_and_individuals():
    assert counts_phrase(2, 5, 3) == "02 tập thể, 05 cá nhân và 03 hộ gia đình"
    assert counts_phrase(0, 5, 3) == "05 cá nhân và 03 hộ gia đình"
    assert counts_phrase(0, 0, 3) == "03 hộ gia đình" and counts_phrase(2, 0, 1) == "02 tập thể và 01 hộ gia đình"
    assert counts_phrase(2, 5) == "02 tập thể và 05 cá nhân" and counts_phrase(0, 0) == "00 cá nhân"


def test_the_list_is_grouped_by_award_in_the_bodys_order_then_by_kind():
    chosen = [n for n in HOUSEHOLDS.nominees if n.status == "accepted"]
    context = grouped_list(chosen, s.CANG_LONG)
    headings = [h for g in context["groups"] for h in [g["heading"], *(k["heading"] for k in g["kinds"])]]
    assert headings == EXPECTED_HEADINGS
    rows = [(int(r["stt"]), r["name"]) for g in context["groups"] for k in g["kinds"] for r in k["rows"]]
    assert rows == EXPECTED_ROWS
    assert [k["name_title"] for k in context["groups"][0]["kinds"]] == ["Tên tập thể", "Họ và tên", "Hộ gia đình"]
    assert context["list_total"] == "(Danh sách này có 03 tập thể, 03 cá nhân và 03 hộ gia đình)./."
    assert [(stt, n.full_name) for stt, n in numbered(chosen)] == EXPECTED_ROWS       # one source of STT
    # Điều 1 counts each award as its groups are counted
    assert award_clause(chosen, s.CANG_LONG) == ARTICLE_1


def test_without_ranks_the_awards_come_in_order_of_first_appearance():
    unranked = [replace(n, award=replace(n.award, rank=0)) for n in HOUSEHOLDS.nominees if n.status == "accepted"]
    groups = grouped_list(unranked, s.CANG_LONG)["groups"]
    assert [g["heading"] for g in groups] == [f"I. {GK_DX}", f"II. {GK}"]
    assert [stt for stt, _n in numbered(unranked)] == list(range(1, 10))
    assert award_clause(unranked, s.CANG_LONG).startswith("Giấy khen đột xuất của Chủ tịch")


def test_a_list_of_one_award_is_parted_by_kind_alone():
    only_gk = [n for n in HOUSEHOLDS.nominees if n.award == s.GIAY_KHEN]
    groups = grouped_list(only_gk, s.CANG_LONG)["groups"]
    assert len(groups) == 1 and groups[0]["heading"] == ""
    assert [k["heading"] for k in groups[0]["kinds"]] == [
        "I. TẬP THỂ (02 tập thể)", "II. CÁ NHÂN (03 cá nhân)", "III. HỘ GIA ĐÌNH (02 hộ gia đình)"]
    people = grouped_list([n for n in only_gk if n.kind == "household"], s.CANG_LONG)["groups"]
    assert [k["heading"] for k in people[0]["kinds"]] == ["I. HỘ GIA ĐÌNH (02 hộ gia đình)"]


def test_the_decisions_articles_name_the_kinds_awarded():
    context, _meta = quyet_dinh_context(HOUSEHOLDS, s.commendation_generation("issued"))
    assert context["article_1"].startswith(f"Tặng {ARTICLE_1} (có danh sách kèm theo)")
    assert context["article_2"] == ("Các tập thể, cá nhân, hộ gia đình có tên tại Điều 1 được hưởng chế độ "
                                    "khen thưởng theo quy định hiện hành.")
    assert context["article_3"].endswith("và các tập thể, cá nhân, hộ gia đình có tên tại Điều 1")
    assert context["list_subject"] == ("Tập thể, cá nhân, hộ gia đình được tặng Giấy khen và Giấy khen đột xuất")
    people = s.commendation_with(n for n in s.NOMINEES if n.kind == "individual")
    context, _meta = quyet_dinh_context(people, s.commendation_generation("issued"))
    assert context["article_2"].startswith("Các cá nhân có tên tại Điều 1 được hưởng")
    assert context["article_3"].endswith("và các cá nhân có tên tại Điều 1")
    context, _meta = quyet_dinh_context(s.COMMENDATION, s.commendation_generation("issued"))
    assert context["article_2"].startswith("Các tập thể, cá nhân có tên tại Điều 1")


def test_the_proposal_lists_everyone_proposed_grouped_the_same_way():
    context, _meta = to_trinh_khen_thuong_context(HOUSEHOLDS, s.commendation_generation("draft"))
    assert context["list_subject"].startswith("Tập thể, cá nhân, hộ gia đình đề nghị tặng")
    assert context["groups"][0]["kinds"][1]["heading"] == "2. Cá nhân (03 cá nhân)"     # Lê Hoàng Phúc proposed
    assert context["list_total"] == "(Danh sách này có 03 tập thể, 04 cá nhân và 03 hộ gia đình)./."


def _danh_sach(content: bytes) -> list[tuple[str, list[list[str]] | None]]:
    """The list's headings and tables in document order, after the "DANH SÁCH" title."""
    doc = Document(io.BytesIO(content))
    body = doc.element.body
    out, started = [], False
    for child in body.iterchildren():
        if child.tag == f"{s.W}p":
            text = "".join(t.text or "" for t in child.iter(f"{s.W}t"))
            started = started or text == "DANH SÁCH"
            if started and re.match(r"^([IVX]+|\d+)\. ", text):
                out.append((text, None))
            elif started and text.startswith("(Danh sách này có"):
                out.append((text, None))
        elif child.tag == f"{s.W}tbl" and started:
            out.append(("table", s.table_rows(child)))
    return out


def test_the_rendered_decision_lists_each_group_under_its_heading_with_running_stt():
    content = generate("quyet-dinh-khen-thuong", HOUSEHOLDS, s.commendation_generation("issued")).content
    paras = s.paragraphs(content)
    article_1 = next(p for p in paras if p.startswith("Điều 1."))
    assert ARTICLE_1 in article_1
    assert "Điều 2. Các tập thể, cá nhân, hộ gia đình có tên tại Điều 1 được hưởng chế độ khen thưởng theo " \
           "quy định hiện hành." in paras
    parts = _danh_sach(content)
    headings = [text for text, rows in parts if rows is None]
    assert headings == [*EXPECTED_HEADINGS, "(Danh sách này có 03 tập thể, 03 cá nhân và 03 hộ gia đình)./."]
    tables = [rows for text, rows in parts if rows is not None]
    assert len(tables) == 6
    # each heading is followed by its table, whose rows are as many as the heading counts
    for (heading, _), (_, rows) in zip([p for p in parts if p[1] is None and re.match(r"^\d\.", p[0])],
                                       [p for p in parts if p[1] is not None]):
        assert int(re.search(r"\((\d+) ", heading).group(1)) == len(rows) - 1
    assert [t[0][1] for t in tables] == ["Tên tập thể", "Họ và tên", "Hộ gia đình"] * 2
    listed = [(int(row[0]), row[1]) for rows in tables for row in rows[1:]]
    assert listed == EXPECTED_ROWS                                      # STT runs on: 1 … 9, one per row
    assert "Lê Hoàng Phúc" not in s.text(content)


def test_every_certificate_prints_its_rows_stt_as_its_gold_book_number():
    gen = s.commendation_generation("issued")
    rows = s.list_rows(generate("quyet-dinh-khen-thuong", HOUSEHOLDS, gen).content)
    assert rows == {name: str(stt) for stt, name in EXPECTED_ROWS}
    doc = Document(io.BytesIO(generate("giay-khen", HOUSEHOLDS, gen).content))
    printed = []
    for table in doc.tables:
        left = [p.text for p in table.rows[0].cells[0].paragraphs if p.text]
        printed.append(left[1])
    assert printed == [f"Số sổ vàng: {stt}" for stt, _name in EXPECTED_ROWS]        # all get a Giấy khen
    assert gold_book_numbers(HOUSEHOLDS) == {n.order: int(rows[n.full_name])
                                             for n in HOUSEHOLDS.nominees if n.status == "accepted"}
    names = ["".join(t.text or "" for t in p.iter(f"{s.W}t")) for p in doc.element.body.iter(f"{s.W}p")
             if any(st.get(f"{s.W}val", "").startswith("GKNguoiNhan") for st in p.iter(f"{s.W}pStyle"))]
    assert names == ["Trường Tiểu học An Trường A", "Trung tâm học tập cộng đồng xã An Trường", "Ông Đặng Văn Ước",
                     "Ông Huỳnh Văn Ẩn", "Hộ ông Thạch Sa Rinh", "Hộ bà Kim Thị Ỷ", "Ban Khuyến học ấp Sóc Ruộng",
                     "Bà Nguyễn Thị Ngọc Ánh", "Gia đình bà Trương Thị Mỹ Hạnh"]


def test_a_household_is_named_as_typed_on_its_certificate():
    household = replace(s.NOMINEES[0], kind="household", full_name="Hộ ông Thạch Sa Rinh", gender="male")
    assert awardee(household) == "Hộ ông Thạch Sa Rinh"
    assert awardee(replace(household, full_name="Thạch Sa Rinh")) == "Thạch Sa Rinh"      # nothing invented


def test_the_grouped_lists_pass_the_format_checker(tmp_path):
    paths = []
    for name, stage in (("quyet-dinh-khen-thuong", "issued"), ("to-trinh-khen-thuong", "issued")):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(generate(name, HOUSEHOLDS, s.commendation_generation(stage)).content)
        paths.append(path)
    assert s.check_format(paths, draft=False) == {str(p): [] for p in paths}
    draft = tmp_path / "draft.docx"
    draft.write_bytes(generate("quyet-dinh-khen-thuong", HOUSEHOLDS, s.commendation_generation("draft")).content)
    assert s.check_format([draft], draft=True) == {str(draft): []}


def test_the_grouped_lists_pass_the_outside_checker_too(tmp_path):
    paths = []
    for name in ("quyet-dinh-khen-thuong", "to-trinh-khen-thuong"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(generate(name, HOUSEHOLDS, s.commendation_generation("issued")).content)
        paths.append(path)
    assert s.check_format_second_opinion(paths, draft=False) == {str(p): [] for p in paths}
