"""Issue 15, point 7: who was already commended, and may they be. A nominee's optional Số CCCD,
the same person found by it across spellings, the same person proposed in another proposal of
the round, and "Chiến sĩ thi đua cơ sở" refused without "Lao động tiên tiến" the same year."""
from __future__ import annotations

import pytest

from tests.factories import advance, issued_plan, new_commendation
from workflow_app.domain.errors import ValidationFailed
from workflow_app.extensions import db
from workflow_app.services import demo_data, documents
from workflow_app.services.transitions import apply_transition

CCCD = "079123456789"


def person(**more) -> dict:
    return {**demo_data.NOMINEES[1], **more}


def test_a_nominee_may_carry_a_citizen_id_kept_as_twelve_digits(world, caller):
    plan = issued_plan(world)
    drafter = caller("commune_drafter")
    payload = {"kind": "commendation", "title": "Đề nghị", "body": {**demo_data.COMMENDATION_BODY, "plan_id": plan.id},
               "nominees": [person(citizen_id="079 123 456-789"), dict(demo_data.NOMINEES[2])]}
    created = drafter.post("/api/v1/documents", json=payload)
    assert created.status_code == 201, created.json
    assert [n["citizen_id"] for n in created.json["nominees"]] == [CCCD, ""]

    for bad, reason in (("12345", "Phải gồm đúng 12 chữ số."), ("07912345678x", "Phải gồm đúng 12 chữ số."),
                        ("0791234567890", "Phải gồm đúng 12 chữ số.")):
        refused = drafter.post("/api/v1/documents", json={**payload, "nominees": [person(citizen_id=bad)]})
        assert refused.status_code == 422
        assert refused.json["error"]["fields"] == {"nominees[0].citizen_id": reason}
    collective = {**demo_data.NOMINEES[0], "kind": "collective", "citizen_id": CCCD}
    refused = drafter.post("/api/v1/documents", json={**payload, "nominees": [collective]})
    assert refused.status_code == 422
    assert refused.json["error"]["fields"] == {
        "nominees[0].citizen_id": "Chỉ ghi cho cá nhân; tập thể, hộ gia đình để trống."}
    assert drafter.post("/api/v1/documents", json={**payload, "nominees": [person(citizen_id=79)]}).status_code == 400


def test_the_citizen_id_is_printed_on_no_document(world):
    from workflow_app.models import GeneratedFile
    proposal = new_commendation(world, nominees=[person(citizen_id=CCCD)])
    advance(world, proposal, "issued", generate=True)
    files = db.session.query(GeneratedFile).filter_by(document_id=proposal.id).all()
    assert files
    import io
    import zipfile
    for f in files:
        with zipfile.ZipFile(io.BytesIO(f.content)) as z:
            assert not any(CCCD.encode() in z.read(name) for name in z.namelist()), f.template_name


def test_the_same_citizen_id_is_the_same_person_whatever_the_spelling(world, caller):
    plan = issued_plan(world)
    first = new_commendation(world, plan, nominees=[person(citizen_id=CCCD)])
    advance(world, first, "issued")
    renamed = person(full_name="Nguyễn T. Ngọc Ánh", organization="Trường THCS An Trường (cũ)", citizen_id=CCCD)
    namesake = person(citizen_id="080000000001")          # same name and unit, another person
    second = new_commendation(world, plan, nominees=[renamed, namesake, dict(renamed, award="giay_khen")])
    nominees = caller("commune_drafter").get(f"/api/v1/documents/{second.id}").json["nominees"]
    assert nominees[0]["previously_awarded"] == [{"number": first.number, "issued_on": first.issued_on.isoformat()}]
    assert "previously_awarded" not in nominees[1]           # a different number: a different person
    assert nominees[0]["duplicate_of"] == [3] and "duplicate_of" not in nominees[1]


def test_the_same_person_in_another_proposal_of_the_round_is_flagged(world, caller):
    plan = issued_plan(world)
    first = new_commendation(world, plan, nominees=[person(citizen_id=CCCD), dict(demo_data.NOMINEES[2])])
    advance(world, first, "submitted")
    second = new_commendation(world, plan, nominees=[person(full_name="NGUYEN THI NGOC ANH"),
                                                     dict(demo_data.NOMINEES[3])])
    advance(world, second, "submitted")
    shown = caller("reviewer").get(f"/api/v1/documents/{second.id}").json["nominees"]
    assert shown[0]["also_proposed"] == [{"number": first.proposal_entry.number,
                                          "proposer": world.commune.name, "award": "giay_khen"}]
    assert "also_proposed" not in shown[1]
    page = caller("reviewer").get(f"/api/v1/documents/{first.id}").json["nominees"]
    assert page[0]["also_proposed"][0]["number"] == second.proposal_entry.number
    # a cancelled proposal proposes nobody any more
    third = new_commendation(world, plan, nominees=[person()])
    advance(world, third, "cancelled")
    shown = caller("reviewer").get(f"/api/v1/documents/{second.id}").json["nominees"]
    assert len(shown[0]["also_proposed"]) == 1


def _submit(world, nominees):
    proposal = new_commendation(world, nominees=nominees)
    apply_transition(proposal, "submit", world.actor_for("commendation", "proposal_signer"))
    return proposal


def test_chien_si_thi_dua_co_so_without_lao_dong_tien_tien_is_refused_at_submit(world):
    nominees = [dict(demo_data.NOMINEES[0]), person(award="chien_si_thi_dua_co_so"), dict(demo_data.NOMINEES[2])]
    with pytest.raises(ValidationFailed) as refused:
        _submit(world, nominees)
    assert refused.value.fields == {"nominees[1]": (
        "Dòng 2 — Nguyễn Thị Ngọc Ánh: danh hiệu “Chiến sĩ thi đua cơ sở” cần có danh hiệu “Lao động tiên tiến” "
        "cùng năm (Luật Thi đua, khen thưởng 2022, Điều 23).")}
    db.session.rollback()
    # with a row for the same person's "Lao động tiên tiến" it goes: here spelt otherwise, the same by the CCCD
    nominees[1]["citizen_id"] = CCCD
    proposal = _submit(world, [*nominees, person(full_name="Nguyen Thi Ngoc Anh", organization="THCS An Trường",
                                                 award="lao_dong_tien_tien", citizen_id=CCCD)])
    assert proposal.state == "submitted"
    # refused again at review when that row is not accepted
    ldtt = proposal.nominees[3]
    with pytest.raises(ValidationFailed) as refused:
        apply_transition(proposal, "review", world.users["reviewer"],
                         nominees=[{"id": ldtt.id, "status": "rejected", "note": "Chưa đủ tiêu chuẩn"}])
    assert list(refused.value.fields) == ["nominees[1]"]
    db.session.rollback()
    db.session.refresh(proposal)
    assert proposal.state == "submitted" and all(n.review_status == "pending" for n in proposal.nominees)


def test_lao_dong_tien_tien_of_an_issued_decision_of_the_same_year_counts(world):
    plan = issued_plan(world)
    earlier = new_commendation(world, plan, nominees=[person(award="lao_dong_tien_tien", citizen_id=CCCD)])
    advance(world, earlier, "issued")
    later = new_commendation(world, plan, nominees=[
        person(full_name="Nguyễn Thị Ngọc Anh", award="chien_si_thi_dua_co_so", citizen_id=CCCD)])
    apply_transition(later, "submit", world.actor_for("commendation", "proposal_signer"))
    assert later.state == "submitted"


def test_the_requirement_is_the_body_data_not_code(world):
    world.district.awards = [{k: v for k, v in a.items() if k not in ("requires", "requires_basis")}
                             for a in world.district.awards]
    db.session.commit()
    assert _submit(world, [person(award="chien_si_thi_dua_co_so")]).state == "submitted"


def test_a_companion_row_is_no_duplicate(world):
    proposal = new_commendation(world, nominees=[person(award="chien_si_thi_dua_co_so"),
                                                 person(award="lao_dong_tien_tien"), person()])
    from workflow_app.services import nominee_checks
    found = nominee_checks.marks(proposal)
    ids = [n.id for n in proposal.nominees]
    assert found[ids[0]].duplicate_of == (3,) and found[ids[1]].duplicate_of == (3,)
    assert found[ids[2]].duplicate_of == (1, 2)
    documents.update(proposal, world.users["commune_drafter"], {"version": proposal.version, "nominees": [
        person(award="chien_si_thi_dua_co_so"), person(award="lao_dong_tien_tien")]})
    assert nominee_checks.marks(proposal) == {}


def test_awards_are_found_by_name_without_accents_within_what_the_user_may_see(world, caller):
    from tests.factories import add_user
    from workflow_app.models import Organization
    plan = issued_plan(world)
    namesake = person(full_name="Nguyễn Thị Ngọc Anh", award="lao_dong_tien_tien")
    decision = new_commendation(world, plan, nominees=[person(citizen_id=CCCD), dict(demo_data.NOMINEES[2]),
                                                       namesake])
    advance(world, decision, "submitted")
    rejected = decision.nominees[2]
    apply_transition(decision, "review", world.users["reviewer"],
                     nominees=[{"id": rejected.id, "status": "rejected", "note": "Chưa đủ"}])
    for step, role in (("approve", "approver"), ("issue", "archivist")):
        apply_transition(decision, step, world.users[role])
    pending = new_commendation(world, plan, nominees=[person(award="lao_dong_tien_tien")])
    advance(world, pending, "reviewed")                  # not issued: no award yet

    found = caller("commune_drafter").get("/api/v1/awards?q=NGUYEN thi ngoc an")
    assert found.status_code == 200, found.json
    assert found.json["total"] == 1 and found.json["more"] is False
    item = found.json["items"][0]
    assert item == {"full_name": "Nguyễn Thị Ngọc Ánh", "kind": "individual", "position": "Giáo viên",
                    "organization": "Trường THCS An Trường", "award": "giay_khen", "award_label": "Giấy khen",
                    "document_id": decision.id, "number": decision.number,
                    "issued_on": decision.issued_on.isoformat(), "year": decision.issued_on.year,
                    "issuer": world.district.name, "url": f"/api/v1/documents/{decision.id}"}
    assert caller("reviewer").get("/api/v1/awards?q=ngoc anh").json["total"] == 1
    by_number = caller("reviewer").get("/api/v1/awards?q=079 123 456 789").json["items"]
    assert [i["full_name"] for i in by_number] == ["Nguyễn Thị Ngọc Ánh"]
    assert caller("reviewer").get("/api/v1/awards?q=080000000001").json["total"] == 0
    assert caller("reviewer").get("/api/v1/awards?q=uoc").json["items"][0]["full_name"] == "Đặng Văn Ước"
    year = decision.issued_on.year
    assert caller("reviewer").get(f"/api/v1/awards?year={year}").json["total"] == 2
    assert caller("reviewer").get(f"/api/v1/awards?year={year - 1}").json["total"] == 0
    assert caller("reviewer").get("/api/v1/awards?q=%25_").json["total"] == 2       # no word: everything seen
    assert caller("reviewer").get("/api/v1/awards?q=anh nguyen").json["total"] == 0  # words in their order
    page = caller("reviewer").get(f"/api/v1/awards?year={year}&per_page=1&page=2").json
    assert [i["full_name"] for i in page["items"]] == ["Đặng Văn Ước"] and page["total"] == 2

    # another commune (its own body, under the same district) sees none of them
    other = Organization(**{**demo_data.COMMUNE, "code": "UBND-KHAC", "name": "Ủy ban nhân dân xã Khác"},
                         parent=world.district)
    db.session.add(other)
    stranger = add_user("drafter.khac", other, ["drafter"])
    assert caller(stranger).get("/api/v1/awards?q=ngoc anh").json["total"] == 0
    assert caller("commune_drafter").get("/api/v1/awards?year=abc").status_code in (400, 422)


def test_a_body_finds_its_own_awardees_of_the_rounds_decision_not_the_others(world, caller):
    """The round's one decision is the district's; a commune whose proposal went into it reads it
    once issued, and finds its own awardees of it in Tra cứu khen thưởng, not another commune's."""
    from tests.factories import add_user
    from tests.round_decision_world import advance_decision, round_world
    from workflow_app.models import Document
    from workflow_app.services import round_decisions
    rw = round_world(world, proposals=2)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    advance_decision(world, decision, "issued")
    mine = caller("commune_drafter").get("/api/v1/awards?q=huynh van an").json
    assert [(i["full_name"], i["document_id"]) for i in mine["items"]] == [("Huỳnh Văn Ẩn An Trường", decision.id)]
    assert caller("commune_drafter").get("/api/v1/awards?q=huyen hoi").json["total"] == 0
    theirs = caller(add_user("drafter.huyenhoi", rw.communes[1], ["drafter"])).get("/api/v1/awards").json
    assert theirs["total"] == 3 and all("Huyền Hội" in i["full_name"] for i in theirs["items"])
    assert caller("reviewer").get("/api/v1/awards").json["total"] == 6
