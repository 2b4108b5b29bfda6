#!/usr/bin/env python
"""Build the .docx masters of document_templates/ with python-docx.

    python document_templates/build_masters.py [OUTPUT_DIR]

The masters are ordinary Word files with docxtpl tags ({{ number_line }},
{%p for s in sections %}, {%tr for n in k.rows %}): an office may edit
them in Word afterwards; `flask templates check` validates the result. This
script is the reviewable source of the shipped masters: rebuild and commit.
README.md lists the variables of each master.
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from blocks import (  # noqa: E402
    appendix,
    article,
    header_block,
    loop,
    minutes_signature_block,
    nominee_groups,
    nominee_table,
    page_numbers,
    signature_block,
    title_block,
)
from certificates import chien_si_thi_dua_co_so, giay_khen, giay_khen_in_phoi  # noqa: E402
from masterkit import STYLES, base_document, para, table, tag  # noqa: E402

OPINION_LINES = 3       # blank lines for the leader's opinion: the box (~100 pt) stays on the last page
CLOSING_TO_TRINH = "Kính trình {{ addressee }} xem xét, quyết định./."


def official(type_name: str):
    doc = base_document(STYLES)
    header_block(doc)
    title_block(doc, type_name)
    return doc


def finish(doc):
    signature_block(doc)
    page_numbers(doc)
    return doc


def ke_hoach():
    doc = official("KẾ HOẠCH")
    loop(doc, "legal_bases", "basis", "VBCanCu")
    tag(doc, "{%p for s in sections %}")
    para(doc, "{{ s.heading }}", "VBMuc")
    loop(doc, "s.paragraphs", "text", "VBNoiDung")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if milestones %}")
    para(doc, "Thời gian sơ kết, tổng kết:", "VBNoiDung")
    loop(doc, "milestones", "line", "VBNoiDung")
    tag(doc, "{%p endif %}")
    para(doc, "Trên đây là Kế hoạch {{ subject_in_sentence }} của {{ issuer_name }}./.", "VBKetThuc")
    return finish(doc)


def submission(type_name: str):
    """Tờ trình and Phiếu trình: Kính gửi, căn cứ, the text, the request."""
    doc = official(type_name)
    para(doc, "Kính gửi: {{ addressee }}.", "VBKinhGui")
    loop(doc, "legal_bases", "basis", "VBCanCu")
    loop(doc, "paragraphs", "text", "VBNoiDung")
    para(doc, CLOSING_TO_TRINH, "VBKetThuc")
    return finish(doc)


def phieu_trinh():
    doc = submission("PHIẾU TRÌNH")
    para(doc, "", "VBTrangTri")                 # two adjacent tables would merge into one: 1 pt between
    box = table(doc, [165], borders="single")
    para(box.rows[0].cells[0], "Ý kiến của {{ leader }}:", "VBYKien")
    for _ in range(OPINION_LINES):
        para(box.rows[0].cells[0], "", "VBNoiDung")
    return doc


LIST_COLUMNS = [  # header, cell, width mm, style (the name header is set per group)
    ("STT", "{{ n.stt }}", 15, "VBBangGiua"),
    ("Họ và tên", "{{ n.name }}", 50, "VBBang"),
    ("Chức vụ, đơn vị", "{{ n.position_unit }}", 47, "VBBang"),
    ("Thành tích", "{{ n.achievement }}", 53, "VBBang"),
]
PROPOSAL_COLUMNS = [
    ("STT", "{{ n.stt }}", 15, "VBBangGiua"),
    ("Họ và tên", "{{ n.name }}", 38, "VBBang"),
    ("Chức vụ, đơn vị", "{{ n.position_unit }}", 35, "VBBang"),
    ("Hình thức khen thưởng", "{{ n.award }}", 30, "VBBang"),
    ("Thành tích", "{{ n.achievement }}", 47, "VBBang"),
]


def to_trinh_khen_thuong():
    doc = submission("TỜ TRÌNH")
    appendix(doc)
    nominee_groups(doc, PROPOSAL_COLUMNS)
    return doc


MINUTES_COLUMNS = [("STT", "{{ n.stt }}", 15, "VBBangGiua"),
                   ("Tên tập thể, cá nhân", "{{ n.name }}", 47, "VBBang"),
                   ("Chức vụ, đơn vị", "{{ n.position_unit }}", 50, "VBBang")]
MINUTES_VOTES_COLUMNS = [("STT", "{{ n.stt }}", 13, "VBBangGiua"),
                         ("Tên tập thể, cá nhân", "{{ n.name }}", 40, "VBBang"),
                         ("Chức vụ, đơn vị", "{{ n.position_unit }}", 40, "VBBang")]


def bien_ban_xet_khen_thuong():
    """Mẫu 1.9: time, place, attendees, chair, secretary, absent (`paragraphs`); the result per
    nominee, with a vote column when votes were taken (`votes_shown`); the end of the meeting
    (`closing`); the secretary's signature left (when there is one), the chair's right."""
    doc = official("BIÊN BẢN")
    loop(doc, "legal_bases", "basis", "VBCanCu")
    loop(doc, "paragraphs", "text", "VBNoiDung")
    for heading, rows, last in (("accepted_heading", "accepted", ("Hình thức khen thưởng", "{{ n.award }}")),
                                ("rejected_heading", "rejected", ("Lý do", "{{ n.note }}"))):
        para(doc, f"{{{{ {heading} }}}}", "VBMuc")
        tag(doc, f"{{%p if {rows} and votes_shown %}}")
        nominee_table(doc, rows, [*MINUTES_VOTES_COLUMNS, (last[0], last[1], 37, "VBBang"),
                                  ("Số phiếu đồng ý / tổng số (tỷ lệ %)", "{{ n.votes }}", 35, "VBBangGiua")])
        tag(doc, f"{{%p elif {rows} %}}")
        nominee_table(doc, rows, [*MINUTES_COLUMNS, (last[0], last[1], 53, "VBBang")])
        tag(doc, "{%p endif %}")
    loop(doc, "conclusions", "text", "VBNoiDung")
    loop(doc, "closing", "text", "VBKetThuc")
    minutes_signature_block(doc)
    page_numbers(doc)
    return doc


def quyet_dinh_khen_thuong():
    doc = official("QUYẾT ĐỊNH")
    para(doc, "{{ authority_heading }}", "VBThamQuyen")
    loop(doc, "legal_bases", "basis", "VBCanCu")
    para(doc, "QUYẾT ĐỊNH:", "VBQuyetDinh")
    article(doc, "Điều 1.", "{{ article_1 }}")
    article(doc, "Điều 2.", "{{ article_2 }}")
    article(doc, "Điều 3.", "{{ article_3 }} chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.")
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    finish(doc)
    appendix(doc)
    nominee_groups(doc, LIST_COLUMNS)
    return doc


ROUND_LIST_COLUMNS = [  # a round's decision: each row names the body that proposed it
    ("STT", "{{ n.stt }}", 12, "VBBangGiua"),
    ("Họ và tên", "{{ n.name }}", 38, "VBBang"),
    ("Chức vụ, đơn vị", "{{ n.position_unit }}", 37, "VBBang"),
    ("Đơn vị đề nghị", "{{ n.proposer }}", 33, "VBBang"),
    ("Thành tích", "{{ n.achievement }}", 45, "VBBang"),
]


def quyet_dinh_khen_thuong_dot():
    """One decision for a round: as the proposal's, its Danh sách naming each row's proposer."""
    doc = official("QUYẾT ĐỊNH")
    para(doc, "{{ authority_heading }}", "VBThamQuyen")
    loop(doc, "legal_bases", "basis", "VBCanCu")
    para(doc, "QUYẾT ĐỊNH:", "VBQuyetDinh")
    article(doc, "Điều 1.", "{{ article_1 }}")
    article(doc, "Điều 2.", "{{ article_2 }}")
    article(doc, "Điều 3.", "{{ article_3 }} chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.")
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    finish(doc)
    appendix(doc)
    nominee_groups(doc, ROUND_LIST_COLUMNS)
    return doc


NOTICE_ACCEPTED_COLUMNS = [
    ("STT", "{{ n.stt }}", 12, "VBBangGiua"),
    ("Tên tập thể, cá nhân", "{{ n.name }}", 45, "VBBang"),
    ("Chức vụ, đơn vị", "{{ n.position_unit }}", 45, "VBBang"),
    ("Hình thức khen thưởng", "{{ n.award }}", 40, "VBBang"),
    ("Số sổ vàng", "{{ n.gold_book }}", 23, "VBBangGiua"),
]
NOTICE_REJECTED_COLUMNS = [
    ("STT", "{{ n.stt }}", 12, "VBBangGiua"),
    ("Tên tập thể, cá nhân", "{{ n.name }}", 45, "VBBang"),
    ("Chức vụ, đơn vị", "{{ n.position_unit }}", 45, "VBBang"),
    ("Lý do", "{{ n.note }}", 63, "VBBang"),
]


def thong_bao_ket_qua_dot():
    """Thông báo kết quả xét khen thưởng of a round, to one proposing body: who was awarded (award,
    số sổ vàng), who was not and why."""
    doc = official("THÔNG BÁO")
    loop(doc, "paragraphs", "text", "VBNoiDung")
    para(doc, "{{ accepted_heading }}", "VBMuc")
    tag(doc, "{%p if accepted %}")
    nominee_table(doc, "accepted", NOTICE_ACCEPTED_COLUMNS)
    tag(doc, "{%p endif %}")
    para(doc, "{{ rejected_heading }}", "VBMuc")
    tag(doc, "{%p if rejected %}")
    nominee_table(doc, "rejected", NOTICE_REJECTED_COLUMNS)
    tag(doc, "{%p endif %}")
    loop(doc, "closing", "text", "VBKetThuc")
    return finish(doc)


MASTERS = {
    "ke-hoach": ke_hoach,
    "to-trinh-ke-hoach": lambda: submission("TỜ TRÌNH"),
    "phieu-trinh": phieu_trinh,
    "to-trinh-khen-thuong": to_trinh_khen_thuong,
    "bien-ban-xet-khen-thuong": bien_ban_xet_khen_thuong,
    "quyet-dinh-khen-thuong": quyet_dinh_khen_thuong,
    "to-trinh-khen-thuong-dot": lambda: submission("TỜ TRÌNH"),
    "bien-ban-xet-khen-thuong-dot": bien_ban_xet_khen_thuong,
    "quyet-dinh-khen-thuong-dot": quyet_dinh_khen_thuong_dot,
    "thong-bao-ket-qua-dot": thong_bao_ket_qua_dot,
    "giay-khen": giay_khen,
    "giay-khen-in-phoi": giay_khen_in_phoi,
    "chien-si-thi-dua-co-so": chien_si_thi_dua_co_so,
}


def neutral_properties(doc, name: str) -> None:
    """Replace python-docx's template metadata (author "python-docx", created 2013)."""
    cp = doc.core_properties
    cp.title, cp.subject, cp.author, cp.last_modified_by = f"Mẫu {name}", "", "", ""
    cp.comments, cp.keywords, cp.category = "", "", ""
    cp.language, cp.revision = "vi-VN", 1
    cp.created = cp.modified = datetime(2025, 1, 1)   # fixed: rebuilding gives identical XML


def build(out_dir: Path = HERE) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in MASTERS.items():
        doc = make()
        neutral_properties(doc, name)
        path = out_dir / f"{name}.docx"
        doc.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
