"""Documents generated through the real transitions: stored, listed, valid, and saying the right things."""
from datetime import datetime, timezone

import pytest

from tests.domain.document_samples import check_format, text
from tests.domain.test_documents_certificates import _pages as pages_of
from tests.factories import new_commendation, new_plan
from workflow_app.domain.register import RegisterKey
from workflow_app.extensions import db
from workflow_app.models import GeneratedFile
from workflow_app.services import register
from workflow_app.services.demo_data import PLAN_BODY
from workflow_app.services.transitions import apply_transition

AT = {"submit": datetime(2023, 5, 25, 2, tzinfo=timezone.utc), "review": datetime(2023, 5, 26, 2, tzinfo=timezone.utc),
      "approve": datetime(2023, 5, 29, 8, tzinfo=timezone.utc), "issue": datetime(2023, 5, 30, 2, tzinfo=timezone.utc)}
LETTERS = "ẮẰẲẴẶĂẤẦẨẪẬÂÁÀÃẢẠĐẾỀỂỄỆÊÉÈẺẼẸÍÌỈĨỊỐỒỔỖỘÔỚỜỞỠỢƠÓÒỎÕỌỨỪỬỮỰƯÚÙỦŨỤÝỲỶỸỴ"


def run_path(world, document, role_of, **extras):
    for name in ("submit", "review", "approve", "issue"):
        actor = world.actor_for(document.kind, role_of[name])
        apply_transition(document, name, actor, at=AT[name], **extras.get(name, {}))


def check_all(tmp_path, files):
    """Every official file passes the checker; drafts (no number yet) with --draft."""
    official = [f for f in files if f.template_name != "giay-khen"]
    for f in official:
        (tmp_path / f"{f.id}-{f.file_name}").write_bytes(f.content)
    drafts = [tmp_path / f"{f.id}-{f.file_name}" for f in official if f.step != "issued"]
    issued = [tmp_path / f"{f.id}-{f.file_name}" for f in official if f.step == "issued"]
    for paths, draft in ((drafts, True), (issued, False)):
        if paths:
            failures = check_format(paths, draft=draft)
            assert failures and all(not v for v in failures.values()), failures


ROLES = {"submit": "proposal_signer", "review": "reviewer", "approve": "approver", "issue": "archivist"}


def test_seed_plan_through_the_transitions(world, tmp_path):
    register.set_start(RegisterKey(world.district.id, 2023, "KH"), 66)
    db.session.commit()
    plan = new_plan(world)
    run_path(world, plan, ROLES, issue={"issued_on": "2023-05-30"})
    files = plan.files
    assert [(f.step, f.template_name) for f in files] == [
        ("submitted", "ke-hoach"), ("submitted", "to-trinh-ke-hoach"), ("reviewed", "phieu-trinh"),
        ("approved", "ke-hoach"), ("issued", "ke-hoach")]
    for f in files:
        assert f.size == len(f.content) and len(f.sha256) == 64 and f.event.document_id == plan.id
    check_all(tmp_path, files)
    issued = text(files[-1].content)
    assert "Số: 67/KH-UBND" in issued
    assert "Càng Long, ngày 30 tháng 5 năm 2023" in issued
    for section in PLAN_BODY["sections"]:
        assert section["heading"] in issued
    for recipient in PLAN_BODY["recipients"]:
        assert recipient in issued
    assert "Phạm Minh Tuấn" in issued and "KT. CHỦ TỊCH" in issued
    draft = text(files[0].content)
    assert "Số:" in draft and "/KH-UBND" in draft and "67/KH-UBND" not in draft
    assert "Càng Long, ngày      tháng 5 năm 2023" in draft and "ngày 30 tháng 5" not in draft


def nominees_300():
    rows = []
    for i in range(300):
        collective = i % 10 == 0
        name = f"Tập thể Ấp {LETTERS[i % len(LETTERS)]}{i}" if collective else \
            f"Nguyễn Thị {LETTERS[i % len(LETTERS)]}{LETTERS[(i * 7) % len(LETTERS)].lower()} {i}"
        rows.append({"kind": "collective" if collective else "individual", "full_name": name,
                     "position": "" if collective else "Giáo viên", "organization": "xã An Trường",
                     "award": "giay_khen", "achievement": f"Đã có thành tích xuất sắc số {i} & <tốt>"})
    return rows


@pytest.mark.parametrize("count,rejected_every", [(7, 3), (300, 7)])
def test_commendation_through_the_transitions(world, tmp_path, count, rejected_every):
    nominees = nominees_300()[:count] if count == 300 else [
        {"kind": "collective", "full_name": f"Trường Tiểu học An Trường {c}", "organization": "xã An Trường",
         "award": "tap_the_lao_dong_tien_tien", "achievement": "Hoàn thành xuất sắc nhiệm vụ."}
        for c in "AB"] + [
        {"kind": "individual", "full_name": n, "position": "Giáo viên", "organization": "xã An Trường",
         "award": "giay_khen", "achievement": "Đã có thành tích xuất sắc."}
        for n in ("Nguyễn Thị Ngọc Ánh", "Đặng Văn Ước", "Trương Thị Mỹ Hạnh", "Huỳnh Văn Ẩn", "Thạch Thị Sa Rinh")]
    proposal = new_commendation(world, nominees=nominees)
    ids = [n.id for n in proposal.nominees]
    rejected = {ids[i] for i in range(len(ids)) if i % rejected_every == rejected_every - 1}
    decisions = [{"id": i, "status": "rejected", "note": "Chưa đủ tiêu chuẩn"} for i in rejected]
    run_path(world, proposal, ROLES, review={"nominees": decisions}, issue={"issued_on": "2023-05-30"})
    files = db.session.query(GeneratedFile).filter_by(document_id=proposal.id).order_by(GeneratedFile.id).all()
    assert [(f.step, f.template_name) for f in files] == [
        ("submitted", "to-trinh-khen-thuong"), ("reviewed", "bien-ban-xet-khen-thuong"),
        ("reviewed", "quyet-dinh-khen-thuong"), ("approved", "quyet-dinh-khen-thuong"),
        ("issued", "quyet-dinh-khen-thuong"), ("issued", "giay-khen")]
    check_all(tmp_path, files)
    accepted = [n for n in proposal.nominees if n.id not in rejected]
    decision = text(files[4].content)
    assert "Số: 01/QĐ-UBND" in decision
    positions = [decision.index(n.full_name) for n in accepted]
    collectives = [p for p, n in zip(positions, accepted) if n.kind == "collective"]
    individuals = [p for p, n in zip(positions, accepted) if n.kind == "individual"]
    assert collectives == sorted(collectives) and individuals == sorted(individuals)
    for n in proposal.nominees:
        if n.id in rejected:
            assert n.full_name not in decision
    n_col = sum(n.kind == "collective" for n in accepted)
    n_ind = len(accepted) - n_col
    assert f"{n_col:02d} tập thể và {n_ind:02d} cá nhân" in decision
    # Số sổ vàng: the STT in the Danh sách (award by award in the body's order, collectives first
    # within each, running on), kept with each awardee; only Giấy khen awardees get a Giấy khen
    # ("Tập thể lao động tiên tiến" gets no certificate).
    award_order = [a["code"] for a in proposal.issuer.awards]
    in_list = sorted(accepted, key=lambda n: (award_order.index(n.award), n.kind != "collective"))
    assert [n.gold_book_number for n in in_list] == [str(i) for i in range(1, len(in_list) + 1)]
    assert all(n.gold_book_number == "" for n in proposal.nominees if n.id in rejected)
    certified = [n for n in in_list if n.award == "giay_khen"]
    pages = pages_of(files[5].content)
    assert len(pages) == len(certified) == (3 if count == 7 else len(accepted))
    for page, nominee in zip(pages, certified):
        assert any(nominee.full_name in line for line in page)
        assert f"Số sổ vàng: {nominee.gold_book_number}" in page
    minutes = text(files[1].content)
    assert all(n.full_name in minutes for n in proposal.nominees)


def test_the_reviewer_signs_the_phieu_trinh_they_generate(world):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.actor_for("plan", "proposal_signer"), at=AT["submit"])
    reviewer = world.actor_for("plan", "reviewer")
    apply_transition(plan, "review", reviewer, at=AT["review"])
    phieu_trinh = next(f for f in plan.files if f.template_name == "phieu-trinh")
    assert reviewer.full_name in text(phieu_trinh.content)


def test_the_district_files_its_decision_under_the_unit_that_vetted_it(world):
    """Issue 13, point 7: the district's decision read "Lưu: VT, VP." (the commune drafter's unit)."""
    proposal = new_commendation(world)
    run_path(world, proposal, ROLES, issue={"issued_on": "2023-05-30"})
    vetting = world.actor_for("commendation", "reviewer").unit.abbreviation
    drafting = proposal.unit.abbreviation if proposal.unit else ""
    assert vetting and vetting != drafting
    papers = [f for f in proposal.files if f.template_name in ("bien-ban-xet-khen-thuong", "quyet-dinh-khen-thuong")]
    assert [f.step for f in papers] == ["reviewed", "reviewed", "approved", "issued"]
    for f in papers:
        assert f"- Lưu: VT, {vetting}." in text(f.content), (f.step, f.template_name)


def _bases(content: bytes) -> str:
    return "\n".join(line for line in text(content).splitlines() if line.startswith("Căn cứ"))


@pytest.mark.parametrize("year,cited,not_cited", [
    (2023, ("Nghị định số 98/2023/NĐ-CP", "ngày 19 tháng 6 năm 2015", "ngày 22 tháng 11 năm 2019"),
     ("152/2025", "ngày 16 tháng 6 năm 2025")),
    (2026, ("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025", "ngày 16 tháng 6 năm 2025"),
     ("98/2023", "năm 2015", "năm 2019")),
])
def test_the_demo_bodies_cite_the_legal_bases_in_force_on_each_documents_date(world, year, cited, not_cited):
    """Issue 13, point 4b: the demo district and commune hold both generations of their legal
    bases; a 2023 decision cites Nghị định 98/2023 and the 2015 law, a 2026 one Nghị định
    152/2025 and the 2025 law; the Luật Thi đua, khen thưởng 2022 throughout."""
    proposal = new_commendation(world)
    for name, day in (("submit", 2), ("review", 3), ("approve", 4), ("issue", 5)):
        apply_transition(proposal, name, world.actor_for(proposal.kind, ROLES[name]),
                         at=datetime(year, 3, day, 2, tzinfo=timezone.utc),
                         **({"issued_on": f"{year}-03-05"} if name == "issue" else {}))
    papers = {(f.step, f.template_name): f.content for f in proposal.files}
    for key in (("submitted", "to-trinh-khen-thuong"), ("reviewed", "quyet-dinh-khen-thuong"),
                ("issued", "quyet-dinh-khen-thuong")):
        bases = _bases(papers[key])
        assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in bases, key
        assert all(c in bases for c in cited) and not any(n in bases for n in not_cited), (key, bases)
    assert f"ngày 05 tháng 3 năm {year}" in text(papers[("issued", "quyet-dinh-khen-thuong")])
