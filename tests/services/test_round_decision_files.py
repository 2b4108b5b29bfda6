"""End to end (issue 15, point 5): a demo-like world, a round, three proposals reviewed (one with a
rejected row and votes) → ONE decision → approve → issue; every file it generates passes the
in-process format checker, Điều 1 counts what the Danh sách lists, each row names its proposer, and
the certificates come one file per proposing body, one page per awardee, numbered as the Danh sách."""
from __future__ import annotations

import io
import re

import pytest
from docx import Document as Docx

from tests.domain import split_masters
from tests.round_decision_world import advance_decision, round_world
from tests.services.test_number_fill import core_identifier, markers_left
from workflow_app.domain.documents import REFERENCE
from workflow_app.domain.format_check import check_certificates, check_document
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, RegisterEntry
from workflow_app.services import generation, register, round_decisions
from workflow_app.services.transitions import apply_transition


def _text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _files(decision_id: int, step: str) -> dict[str, GeneratedFile]:
    rows = db.session.scalars(db.select(GeneratedFile).where(GeneratedFile.document_id == decision_id,
                                                             GeneratedFile.step == step)).all()
    return {f.file_name: f for f in rows}


def test_one_decision_for_a_round_from_three_reviewed_proposals_to_its_certificates(world):
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    drafts = _files(decision.id, "reviewed")
    assert list(drafts) == ["to-trinh-khen-thuong-dot.docx", "bien-ban-xet-khen-thuong-dot.docx",
                            "quyet-dinh-khen-thuong-dot.docx"]
    for name, f in drafts.items():
        report = check_document(f.content, draft=True)
        assert report.ok, (name, report.failures)
    to_trinh = _text(drafts["to-trinh-khen-thuong-dot.docx"].content)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Càng Long" in to_trinh
    assert "03 tờ trình" in to_trinh and "Ủy ban nhân dân xã Huyền Hội" in to_trinh
    bien_ban = _text(drafts["bien-ban-xet-khen-thuong-dot.docx"].content)
    assert "1. Đề nghị khen thưởng: 01 tập thể và 06 cá nhân." in bien_ban
    assert "2. Không đề nghị khen thưởng: 01 cá nhân." in bien_ban
    assert "Chưa đủ tiêu chuẩn về thời gian công tác" in bien_ban and "7/9" in bien_ban

    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    advance_decision(world, decision, "issued")
    issued = _files(decision.id, "issued")
    assert list(issued) == ["quyet-dinh-khen-thuong-dot.docx", "giay-khen-xa-an-truong.docx",
                            "giay-khen-xa-huyen-hoi.docx", "thong-bao-ket-qua-dot-xa-an-truong.docx",
                            "thong-bao-ket-qua-dot-xa-huyen-hoi.docx"]
    qd = issued["quyet-dinh-khen-thuong-dot.docx"]
    report = check_document(qd.content)
    assert report.ok, report.failures
    text = _text(qd.content)
    # Điều 1 counts what the Danh sách lists: 1 collective, 6 individuals (3 + 3; one rejected left out)
    assert "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện Càng Long cho 01 tập thể và 06 cá nhân" in text
    assert "(Danh sách này có 01 tập thể và 06 cá nhân)" in text
    assert "Đơn vị đề nghị" in text
    assert text.count("Ủy ban nhân dân xã An Trường") >= 4 and text.count("Ủy ban nhân dân xã Huyền Hội") >= 3
    assert "Nguyễn Thị Ngọc Ánh An Trường" not in text            # rejected at review
    assert f"Tờ trình số {rw.proposals[1].proposal_entry.number}" in text
    # the certificates: each body its own, one page each, số sổ vàng = the Danh sách's STT
    numbers = {n.full_name: n.gold_book_number for n in decision.nominees}
    assert sorted(numbers.values(), key=int) == [str(i) for i in range(1, 8)]
    assert numbers["Trường Tiểu học An Trường"] == "1"            # tập thể first in the Danh sách
    for name, proposal_ids, owner in (("giay-khen-xa-an-truong.docx", {rw.proposals[0].id, rw.proposals[2].id},
                                       rw.communes[0].id),
                                      ("giay-khen-xa-huyen-hoi.docx", {rw.proposals[1].id}, rw.communes[1].id)):
        f = issued[name]
        mine = [n for n in decision.nominees if n.proposal_id in proposal_ids]
        report = check_certificates(f.content, pages=len(mine))
        assert report.ok, (name, report.failures)
        assert f.for_organization_id == owner
        lines = re.findall(r"Số sổ vàng: (\d+)", _text(f.content))
        assert sorted(lines, key=int) == sorted((n.gold_book_number for n in mine), key=int)

    # the Thông báo kết quả to each proposing body: its awardees with award and số sổ vàng, its
    # rejected nominees with the reason; a body sees its own only
    notice = issued["thong-bao-ket-qua-dot-xa-an-truong.docx"]
    report = check_document(notice.content)     # numbered in the TB series at the issue (issue 15 #15)
    assert report.ok, report.failures
    assert "DỰ THẢO" not in _text(notice.content)
    assert notice.for_organization_id == rw.communes[0].id
    text = _text(notice.content)
    assert "THÔNG BÁO" in text and "Kết quả xét khen thưởng đợt sơ kết giai đoạn 2023 - 2025" in text
    assert f"1. Được khen thưởng theo Quyết định số {decision.number}" in text and "01 tập thể và 03 cá nhân" in text
    assert "2. Không được khen thưởng: 01 cá nhân." in text
    assert "Nguyễn Thị Ngọc Ánh An Trường" in text and "Chưa đủ tiêu chuẩn về thời gian công tác" in text
    assert "Huyền Hội" not in text.replace("Ủy ban nhân dân xã Huyền Hội", "")
    other = _text(issued["thong-bao-ket-qua-dot-xa-huyen-hoi.docx"].content)
    assert "2. Không được khen thưởng: không có." in other and "An Trường" not in other

    # each Thông báo has its own number from the district's register, TB series, with its own row
    rows = [e for e in decision.register_entries if e.type_abbr == "TB"]
    assert [(e.number, e.series, e.issued_on) for e in rows] == [
        ("01/TB-UBND", "TB", decision.issued_on), ("02/TB-UBND", "TB", decision.issued_on)]
    assert [e.recipients for e in rows] == [["Ủy ban nhân dân xã An Trường"], ["Ủy ban nhân dân xã Huyền Hội"]]
    assert rows[0].title == ("Thông báo kết quả xét khen thưởng đợt sơ kết giai đoạn 2023 - 2025 "
                             "của Ủy ban nhân dân xã An Trường")
    assert rows[0].signer == decision.number_entry.signer and rows[0].organization_id == decision.issuer_id
    assert "Số: 01/TB-UBND" in text and "Số: 02/TB-UBND" in other
    assert decision.number == "01/QĐ-UBND"     # the decision keeps its own number in its own series
    assert [register.issued_file(e).file_name for e in rows] == [
        "thong-bao-ket-qua-dot-xa-an-truong.docx", "thong-bao-ket-qua-dot-xa-huyen-hoi.docx"]


def test_with_the_rounds_council_recorded_the_biên_bản_is_the_minutes_of_its_meeting(world):
    """The council's meeting of the round (services/council.py) is what the decision's Biên bản
    records: its time, place, chair and secretary, the members and those present, its day."""
    from tests.council_support import meeting
    from workflow_app.services import council
    rw = round_world(world, proposals=2)
    council.record(rw.round.id, {"meeting": meeting(held_at="2025-11-12T08:00"), "members": 9, "votes": []},
                   world.users["reviewer"])
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    content = _files(decision.id, "reviewed")["bien-ban-xet-khen-thuong-dot.docx"].content
    report = check_document(content, draft=True)
    assert report.ok, report.failures
    text = " ".join(_text(content).split())
    assert "Họp xét đề nghị khen thưởng đợt sơ kết giai đoạn 2023 - 2025" in text
    assert "Thời gian bắt đầu: 08 giờ 00 phút, ngày 12 tháng 11 năm 2025." in text
    assert "Địa điểm: Hội trường UBND huyện." in text and "Vắng mặt: Phạm Văn Vắng" in text
    assert "Chủ trì: Nguyễn Văn Chủ, Chủ tịch UBND huyện, Chủ tịch Hội đồng." in text
    assert "Hội đồng có 9 thành viên; có mặt 7 thành viên." in text
    assert "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày" in text
    assert "Nguyễn Văn Hùng" in text and "Nguyễn Văn Chủ" in text         # the secretary and the chair sign


def _tb_rows() -> list[RegisterEntry]:
    return list(db.session.scalars(db.select(RegisterEntry).where(RegisterEntry.type_abbr == "TB")
                                   .order_by(RegisterEntry.seq)))


def test_a_failed_issue_takes_no_tb_number_and_the_next_takes_them_in_order(world):
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    advance_decision(world, decision, "approved")

    def fail():
        raise RuntimeError("the disk is full")
    with pytest.raises(RuntimeError):
        apply_transition(decision, "issue", world.users["archivist"], before_commit=fail)
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    assert decision.state == "approved" and decision.register_entries == [] and _tb_rows() == []

    apply_transition(decision, "issue", world.users["archivist"])
    assert [e.number for e in _tb_rows()] == ["01/TB-UBND", "02/TB-UBND"]
    assert decision.number == "01/QĐ-UBND"


def test_in_a_shared_series_the_notices_follow_the_decision(world):
    world.district.numbering_scheme = "shared"
    db.session.commit()
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    advance_decision(world, decision, "issued")
    # the plan took 01 of the shared series
    assert [e.number for e in decision.register_entries] == ["02/QĐ-UBND", "03/TB-UBND", "04/TB-UBND"]
    assert {e.series for e in decision.register_entries} == {"*"}
    notice = _files(decision.id, "issued")["thong-bao-ket-qua-dot-xa-huyen-hoi.docx"]
    assert "Số: 04/TB-UBND" in _text(notice.content) and check_document(notice.content).ok


def _notices_numbered(decision) -> None:
    issued = _files(decision.id, "issued")
    for name, number in (("thong-bao-ket-qua-dot-xa-an-truong.docx", "01/TB-UBND"),
                         ("thong-bao-ket-qua-dot-xa-huyen-hoi.docx", "02/TB-UBND")):
        content = issued[name].content
        assert f"Số: {number}" in _text(content) and f"Quyết định số {decision.number}" in _text(content)
        assert markers_left(content) == [] and core_identifier(content) == number
        assert check_document(content).ok, (name, check_document(content).failures)


def test_the_reference_renderer_numbers_the_notices_then_renders_them(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "DOCUMENT_RENDERER", REFERENCE)
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    advance_decision(world, decision, "issued")
    _notices_numbered(decision)


def test_a_notice_master_printing_its_number_split_across_runs_is_rendered_again_with_it(
        app, world, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "DOCUMENT_TEMPLATES", str(split_masters.masters_with(
        tmp_path, "thong-bao-ket-qua-dot", split_masters.number_in_two_runs)))
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    render, again = generation.generate_step_files, []

    def rendering(document, tdef, at, *, names=None, **kwargs):
        if names is not None:
            again.append((names, kwargs.get("own")))
        return render(document, tdef, at, names=names, **kwargs)
    monkeypatch.setattr(generation, "generate_step_files", rendering)
    advance_decision(world, decision, "issued")
    _notices_numbered(decision)
    assert again == [(("thong-bao-ket-qua-dot",), {"thong-bao-ket-qua-dot-xa-an-truong.docx": 1,
                                                  "thong-bao-ket-qua-dot-xa-huyen-hoi.docx": 2})] * 2
