"""Issue 13, done means: a 300-nominee mixed commendation, from the commune's draft to the
district's issued decision through the API with the demo users, every numbered file rendered by
LibreOffice and read as a văn thư would:

- certificates = Giấy khen awardees + "Chiến sĩ thi đua cơ sở" awardees, one page each, in the
  order of the Danh sách, each số sổ vàng equal to its awardee's row there;
- the Danh sách is grouped by award, then tập thể / cá nhân / hộ gia đình, with its STT running on,
  and each group's count is the one Điều 1 gives;
- no numbered file says "(Chưa ký)"; the project's format checker passes the numbered papers.
"""
from __future__ import annotations

import io
import itertools
import re

import pytest
from docx import Document as Docx

from tests.api.conftest import commendation_payload, sign_in
from tests.domain.document_samples import check_format
from tests.factories import issued_plan
from tests.rendering.libreoffice import convert, page_text, pages, skip_without_tools
from workflow_app.domain import vnformat

pytestmark = pytest.mark.libreoffice
skip_without_tools()

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Thạch", "Đặng", "Bùi", "Dương"]
MIDDLES = {"female": ["Thị", "Thị Ngọc", "Thị Mỹ", "Thị Kim", "Thị Thu"],
           "male": ["Văn", "Minh", "Hoàng", "Quốc", "Thanh"]}
GIVENS = ["An", "Bình", "Cường", "Dũng", "Hạnh", "Lan", "Phúc", "Sơn"]
ACHIEVEMENT = "Đã có thành tích tiêu biểu trong phong trào xây dựng xã hội học tập giai đoạn 2023 - 2025."
# The body's award list, in its order (demo_data.AWARDS): the Danh sách follows it.
AWARD_ORDER = ["giay_khen", "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien"]
KIND_ORDER = ["collective", "individual", "household"]
KIND_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình"}


def _people():
    """Distinct (name, gender) pairs, alternating women and men."""
    for i, (family, middle_no, given) in enumerate(itertools.product(FAMILIES, range(5), GIVENS)):
        gender = "female" if i % 2 == 0 else "male"
        yield f"{family} {MIDDLES[gender][middle_no]} {given}", gender


def _nominees() -> list[dict]:
    people = _people()

    def person(award, **more):
        name, gender = next(people)
        return {"kind": "individual", "full_name": name, "gender": gender, "position": "Giáo viên",
                "organization": "Trường Tiểu học An Trường A", "award": award, "achievement": ACHIEVEMENT, **more}

    def collective(i, award):
        return {"kind": "collective", "full_name": f"Chi hội Khuyến học ấp {i}", "organization": "xã An Trường",
                "award": award, "achievement": ACHIEVEMENT}

    def household(i):
        name, _gender = next(people)
        return {"kind": "household", "full_name": f"Gia đình ông {name} (ấp {i})", "award": "giay_khen",
                "organization": "xã An Trường", "achievement": ACHIEVEMENT}

    nominees = [collective(i, "giay_khen") for i in range(1, 21)]
    nominees += [person("giay_khen") for _ in range(150)]
    nominees += [household(i) for i in range(1, 21)]
    nominees += [person("lao_dong_tien_tien") for _ in range(30)]
    # "Chiến sĩ thi đua cơ sở" goes with "Lao động tiên tiến" of the same year (Law 06/2022 Art. 23):
    # the same 30 people are proposed for both.
    for _ in range(30):
        ldtt = person("lao_dong_tien_tien")
        nominees += [ldtt, {**ldtt, "award": "chien_si_thi_dua_co_so"}]
    nominees += [collective(i, "tap_the_lao_dong_tien_tien") for i in range(21, 41)]
    assert len(nominees) == 300
    return nominees


def _danh_sach_rows(content: bytes) -> list[tuple[int, str]]:
    """(STT, name) of every row of the Danh sách tables, in the order they are printed."""
    rows = []
    for table in Docx(io.BytesIO(content)).tables:
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            if cells and cells[0].isdigit():
                rows.append((int(cells[0]), cells[1]))
    return rows


def _text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_a_300_nominee_mixed_commendation_reads_right_in_every_issued_file(client, world, tmp_path):
    plan_id = issued_plan(world).id
    proposed = _nominees()
    commune = sign_in(client, "drafter.antruong")
    created = commune.post("/api/v1/documents", json=commendation_payload(plan_id, nominees=proposed))
    assert created.status_code == 201, created.json
    document = created.json
    ids = [n["id"] for n in document["nominees"]]
    refused = {ids[30]: "Chưa đủ tiêu chuẩn", ids[185]: "Hồ sơ thiếu báo cáo thành tích",
               ids[271]: "Chưa có sáng kiến được công nhận"}            # a Giấy khen, a household, a CSTĐCS
    assert (proposed[30]["award"], proposed[185]["kind"], proposed[271]["award"]) == \
        ("giay_khen", "household", "chien_si_thi_dua_co_so")
    steps = [("approver.antruong", "submit", {"signer_form": ""}),
             ("reviewer", "review", {"nominees": [{"id": i, "status": "rejected", "note": why}
                                                  for i, why in refused.items()]}),
             ("approver", "approve", {"signer_form": "KT"}),
             ("archivist", "issue", {})]
    for who, step, fields in steps:
        answer = sign_in(client, who).fire(document, step, **fields)
        assert answer.status_code == 200, (step, answer.json)
        document = answer.json
    assert document["state"] == "issued"

    archivist = sign_in(client, "archivist")
    files = {}
    for f in document["files"]:
        if f["step"] in ("submitted", "issued"):
            files[(f["step"], f["name"])] = archivist.get(f["url"]).data
    issued = {name: content for (step, name), content in files.items() if step == "issued"}
    decision = next(c for n, c in issued.items() if n.startswith("quyet-dinh"))
    giay_khen = next(c for n, c in issued.items() if n.startswith("giay-khen"))
    chien_si = next(c for n, c in issued.items() if n.startswith("chien-si"))

    # The Danh sách: by award in the body's order, then by kind; STT running on through the groups.
    awarded = [(n, p) for n, p in zip(document["nominees"], proposed) if n["id"] not in refused]
    groups = [(award, kind, [p["full_name"] for _n, p in awarded if p["award"] == award and p["kind"] == kind])
              for award in AWARD_ORDER for kind in KIND_ORDER]
    groups = [g for g in groups if g[2]]
    expected_rows = list(enumerate([name for _a, _k, names in groups for name in names], 1))
    assert _danh_sach_rows(decision) == expected_rows

    # Each group's count is the one Điều 1 gives for its award.
    text = " ".join(_text(decision).split())
    article_1 = text[text.index("Điều 1."):text.index("Điều 2.")]
    for award in AWARD_ORDER:
        counts = [(kind, len(names)) for a, kind, names in groups if a == award]
        phrase = [f"{vnformat.two_digit_count(n)} {KIND_WORDS[kind]}" for kind, n in counts]
        phrase = " và ".join([", ".join(phrase[:-1]), phrase[-1]]) if len(phrase) > 1 else phrase[0]
        assert f"cho {phrase}" in article_1, (award, phrase, article_1)

    # Certificates: one page per Giấy khen or CSTĐCS awardee, in the order of the list, each with its
    # row's STT as số sổ vàng; none for the "Lao động tiên tiến" titles.
    stt_of = {(award, name): stt for stt, (award, name) in
              enumerate([(a, name) for a, _k, names in groups for name in names], 1)}
    expected_pages = {
        "giay-khen": [(stt_of[("giay_khen", p["full_name"])], p["full_name"])
                      for _n, p in awarded if p["award"] == "giay_khen"],
        "chien-si": [(stt_of[("chien_si_thi_dua_co_so", p["full_name"])], p["full_name"])
                     for _n, p in awarded if p["award"] == "chien_si_thi_dua_co_so"],
    }
    for key in expected_pages:
        expected_pages[key].sort()
    assert len(expected_pages["giay-khen"]) == 188 and len(expected_pages["chien-si"]) == 29
    sources = []
    for name, content in (("quyet-dinh", decision), ("giay-khen", giay_khen), ("chien-si", chien_si)):
        (tmp_path / f"{name}.docx").write_bytes(content)
        sources.append(tmp_path / f"{name}.docx")
    pdfs = dict(zip(("quyet-dinh", "giay-khen", "chien-si"), convert(sources, tmp_path, timeout=600)))
    for key, expected in expected_pages.items():
        assert pages(pdfs[key]) == len(expected), key
        everything = page_text(pdfs[key], 1, len(expected))
        assert everything.count("Số sổ vàng:") == len(expected)
        for page, (stt, name) in enumerate(expected, 1):
            on_page = page_text(pdfs[key], page).upper()
            assert name.upper() in on_page, (key, page, name)
            assert f"SỐ SỔ VÀNG: {stt}" in on_page and f"QUYẾT ĐỊNH SỐ {document['number']}" in on_page, \
                (key, page, stt)
    assert pages(pdfs["quyet-dinh"]) > 10                  # the decision and its 297-row Danh sách open

    # Nothing numbered is unsigned; every numbered file passes the project's format checker.
    numbered = {f"{step}-{name}": content for (step, name), content in files.items()}
    for name, content in numbered.items():
        assert "(Chưa ký)" not in _text(content), name
        if not name.startswith(("issued-giay-khen", "issued-chien-si")):       # certificates cite the QĐ
            assert re.search(r"Số: \d+/", _text(content)), name
        (tmp_path / name).write_bytes(content)
    papers = [name for name in numbered if not name.startswith(("issued-giay-khen", "issued-chien-si"))]
    assert len(papers) == 2                                 # the Tờ trình and the Quyết định
    assert check_format([tmp_path / name for name in papers], draft=False) == \
        {str(tmp_path / name): [] for name in papers}      # (certificates are not Decree 30 papers)
