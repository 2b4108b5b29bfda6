"""ONE decision for a round (issue 15, point 5): POST /api/v1/rounds/{id}/decision."""
from __future__ import annotations

from tests.api.conftest import assert_error
from tests.factories import add_user, snapshot
from tests.round_decision_world import proposal, round_world
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, Nominee, Organization
from workflow_app.services import demo_data


def _post(caller, who, round_id, body=None):
    return caller(who).post(f"/api/v1/rounds/{round_id}/decision", json=body)


def _counts() -> tuple[int, int, int]:
    count = lambda model: db.session.scalar(db.select(db.func.count()).select_from(model))  # noqa: E731
    return count(Document), count(Nominee), count(GeneratedFile)


def test_a_round_decision_holds_every_accepted_nominee_of_its_reviewed_proposals(world, caller):
    rw = round_world(world)
    made = _post(caller, "reviewer", rw.round.id)
    assert made.status_code == 201, made.json
    decision = made.json
    assert made.headers["Location"].endswith(f"/api/v1/documents/{decision['id']}")
    assert (decision["kind"], decision["state"]) == ("decision", "reviewed")
    assert decision["body"]["round_id"] == rw.round.id and decision["body"]["plan_id"] == rw.plan.id
    assert decision["body"]["proposal_ids"] == [p.id for p in rw.proposals]
    assert decision["organization"]["code"] == world.district.code
    # 4 - 1 rejected + 3 + 1: copies, each naming its proposal, with the vote it had
    nominees = decision["nominees"]
    assert len(nominees) == 7
    assert [n["proposal_id"] for n in nominees] == [rw.proposals[0].id] * 3 + [rw.proposals[1].id] * 3 + [
        rw.proposals[2].id]
    assert all(n["review_status"] == "accepted" for n in nominees)
    assert (nominees[0]["votes_for"], nominees[0]["votes_total"]) == (7, 9)
    assert nominees[3]["votes_for"] is None
    assert "Huyền Hội" in nominees[3]["full_name"] and nominees[6]["kind"] == "collective"
    own_ids = {n.id for p in rw.proposals for n in p.nominees}
    assert not own_ids & {n["id"] for n in nominees}
    # its files, generated in the same step
    assert [f["name"] for f in decision["files"]] == ["to-trinh-khen-thuong-dot.docx",
                                                      "bien-ban-xet-khen-thuong-dot.docx",
                                                      "quyet-dinh-khen-thuong-dot.docx"]
    assert decision["history"][-1]["transition"] == "compile"
    assert decision["available_transitions"] == []          # the reviewer made it; the approver goes on
    # the proposals show it
    for p in rw.proposals:
        shown = caller("reviewer").get(f"/api/v1/documents/{p.id}").json
        assert shown["decision_id"] == decision["id"] and shown["state"] == "reviewed"
    report = caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json
    assert report["decision_ids"] == [decision["id"]]
    assert [p["document_id"] for p in report["proposals"]] == [p.id for p in rw.proposals]   # not the decision
    council = caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}/council").json       # nor its copies
    assert {n["document_id"] for n in council["nominees"]} == {p.id for p in rw.proposals}


def test_the_chosen_proposals_only(world, caller):
    rw = round_world(world)
    made = _post(caller, "reviewer", rw.round.id, {"proposal_ids": [rw.proposals[1].id]})
    assert made.status_code == 201, made.json
    assert {n["proposal_id"] for n in made.json["nominees"]} == {rw.proposals[1].id}
    db.session.expire_all()
    assert [db.session.get(Document, p.id).decision_id for p in rw.proposals] == [None, made.json["id"], None]
    rest = _post(caller, "reviewer", rw.round.id)      # the default: the others
    assert rest.status_code == 201, rest.json
    assert rest.json["body"]["proposal_ids"] == [rw.proposals[0].id, rw.proposals[2].id]
    assert caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json["decision_ids"] == [
        made.json["id"], rest.json["id"]]


def test_a_proposal_already_in_a_decision_is_a_conflict(world, caller):
    rw = round_world(world, proposals=2)
    assert _post(caller, "reviewer", rw.round.id, {"proposal_ids": [rw.proposals[0].id]}).status_code == 201
    before = _counts()
    assert_error(_post(caller, "reviewer", rw.round.id, {"proposal_ids": [rw.proposals[1].id, rw.proposals[0].id]}),
                 409, "conflict")
    assert _counts() == before
    db.session.expire_all()
    assert db.session.get(Document, rw.proposals[1].id).decision_id is None


def test_proposals_not_reviewed_or_of_another_round_are_refused(world, caller):
    rw = round_world(world, proposals=1)
    submitted = proposal(world, rw.round, world.users["commune_drafter"], world.users["commune_approver"],
                         demo_data.NOMINEES[:2], state="submitted")
    other_round = db.session.get(Document, rw.plan.id).rounds[1]
    elsewhere = proposal(world, other_round, world.users["commune_drafter"], world.users["commune_approver"],
                         demo_data.NOMINEES[:1])
    before = _counts()
    error = assert_error(_post(caller, "reviewer", rw.round.id,
                               {"proposal_ids": [rw.proposals[0].id, submitted.id, elsewhere.id, 999999]}),
                         422, "validation", "proposal_ids[1]", "proposal_ids[2]", "proposal_ids[3]")
    assert "proposal_ids[0]" not in error["fields"]
    assert _counts() == before
    assert_error(_post(caller, "reviewer", rw.round.id, {"proposal_ids": []}), 422, "validation", "proposal_ids")
    assert_error(_post(caller, "reviewer", rw.round.id, {"proposal_ids": ["1"]}), 400, "bad_request")


def test_a_round_with_nothing_to_decide(world, caller):
    rw = round_world(world, proposals=1)
    empty_round = db.session.get(Document, rw.plan.id).rounds[1]
    assert_error(_post(caller, "reviewer", empty_round.id), 422, "validation", "proposal_ids")
    assert _post(caller, "reviewer", rw.round.id).status_code == 201
    assert_error(_post(caller, "reviewer", rw.round.id), 422, "validation", "proposal_ids")   # all taken


def test_who_may_make_it(world, caller):
    rw = round_world(world, proposals=1)
    for who in ("drafter", "approver", "archivist"):
        assert_error(_post(caller, who, rw.round.id), 403, "forbidden")
    assert_error(_post(caller, "commune_drafter", rw.round.id), 403, "forbidden")
    elsewhere = Organization(**{**demo_data.DISTRICT, "code": "UBND-TC", "name": "Ủy ban nhân dân huyện Tiểu Cần"})
    db.session.add(elsewhere)
    db.session.commit()
    assert_error(_post(caller, add_user("reviewer.tieucan", elsewhere, ["reviewer"]), rw.round.id), 404, "not_found")
    assert_error(_post(caller, "reviewer", 999999), 404, "not_found")
    assert db.session.get(Document, rw.proposals[0].id).decision_id is None


def test_a_decision_is_never_drafted_by_hand(world, caller):
    response = caller("drafter").post("/api/v1/documents", json={"kind": "decision", "title": "Quyết định"})
    assert_error(response, 422, "validation", "kind")


def test_the_decision_goes_on_and_its_proposals_stop_on_their_own(world, caller):
    rw = round_world(world, proposals=2)
    decision = _post(caller, "reviewer", rw.round.id).json
    # the proposal is decided in the decision now: not approved or returned on its own
    own = caller("approver").get(f"/api/v1/documents/{rw.proposals[0].id}").json
    before = snapshot(rw.proposals[0].id)
    assert_error(caller("approver").fire(own, "approve"), 422, "validation", "decision_id")
    assert_error(caller("approver").fire(own, "return", comment="Sai"), 422, "validation", "decision_id")
    assert snapshot(rw.proposals[0].id) == before
    approved = caller("approver").fire(decision, "approve")
    assert approved.status_code == 200, approved.json
    issued = caller("archivist").fire(approved.json, "issue")
    assert issued.status_code == 200, issued.json
    assert issued.json["state"] == "issued" and issued.json["number"].endswith("/QĐ-UBND")
    assert [n["gold_book_number"] for n in issued.json["nominees"]] == list(range(1, 7))
    names = [f["name"] for f in issued.json["files"] if f["step"] == "issued"]
    # the certificates: one file per proposing body
    assert names == ["quyet-dinh-khen-thuong-dot.docx", "giay-khen-xa-an-truong.docx", "giay-khen-xa-huyen-hoi.docx",
                     "thong-bao-ket-qua-dot-xa-an-truong.docx", "thong-bao-ket-qua-dot-xa-huyen-hoi.docx"]
    report = caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json
    assert report["decision_ids"] == [decision["id"]]
    # each Thông báo is a row of the district's register, TB series, with the file it numbers
    by_name = {f["name"]: f for f in issued.json["files"]}
    rows = caller("archivist").get("/api/v1/register?series=TB").json["items"]
    assert [(r["number"], r["document_id"], r["recipients"]) for r in rows] == [
        ("01/TB-UBND", decision["id"], ["Ủy ban nhân dân xã An Trường"]),
        ("02/TB-UBND", decision["id"], ["Ủy ban nhân dân xã Huyền Hội"])]
    assert rows[1]["title"].startswith("Thông báo kết quả xét khen thưởng") and rows[1]["title"].endswith(
        "của Ủy ban nhân dân xã Huyền Hội")
    assert [r["sha256"] for r in rows] == [by_name["thong-bao-ket-qua-dot-xa-an-truong.docx"]["sha256"],
                                           by_name["thong-bao-ket-qua-dot-xa-huyen-hoi.docx"]["sha256"]]
    everything = caller("archivist").get("/api/v1/register").json["items"]
    assert [r["number"] for r in everything if r["document_id"] == decision["id"]] == [
        "01/QĐ-UBND", "01/TB-UBND", "02/TB-UBND"]


def test_returning_the_decision_cancels_it_and_frees_its_proposals(world, caller):
    rw = round_world(world, proposals=2)
    decision = _post(caller, "reviewer", rw.round.id).json
    assert_error(caller("approver").fire(decision, "return"), 422, "validation", "comment")
    returned = caller("approver").fire(decision, "return", comment="Bổ sung hồ sơ của xã Huyền Hội.")
    assert returned.status_code == 200, returned.json
    assert returned.json["state"] == "cancelled" and returned.json["available_transitions"] == []
    db.session.expire_all()
    assert [db.session.get(Document, p.id).decision_id for p in rw.proposals] == [None, None]
    assert caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json["decision_ids"] == []
    again = _post(caller, "reviewer", rw.round.id)
    assert again.status_code == 201 and again.json["body"]["proposal_ids"] == [p.id for p in rw.proposals]


def test_each_proposing_body_reads_the_issued_decision_and_downloads_its_own_certificates(world, caller):
    rw = round_world(world)
    decision = _post(caller, "reviewer", rw.round.id).json
    url = f"/api/v1/documents/{decision['id']}"
    assert_error(caller("commune_drafter").get(url), 404, "not_found")        # not before it is issued
    approved = caller("approver").fire(decision, "approve").json
    issued = caller("archivist").fire(approved, "issue").json
    by_name = {f["name"]: f for f in issued["files"]}
    assert set(by_name) >= {"giay-khen-xa-an-truong.docx", "giay-khen-xa-huyen-hoi.docx"}

    seen = caller("commune_drafter").get(url)
    assert seen.status_code == 200, seen.json
    assert [f["name"] for f in seen.json["files"]] == ["quyet-dinh-khen-thuong-dot.docx",
                                                       "giay-khen-xa-an-truong.docx",
                                                       "thong-bao-ket-qua-dot-xa-an-truong.docx"]
    assert seen.json["available_transitions"] == []
    own = caller("commune_drafter").get(by_name["giay-khen-xa-an-truong.docx"]["url"])
    assert own.status_code == 200 and own.data[:2] == b"PK"
    assert_error(caller("commune_drafter").get(by_name["giay-khen-xa-huyen-hoi.docx"]["url"]), 404, "not_found")
    assert_error(caller("commune_drafter").get(by_name["to-trinh-khen-thuong-dot.docx"]["url"]), 404, "not_found")
    other = caller(add_user("drafter.other", rw.communes[1], ["drafter"]))
    assert [f["name"] for f in other.get(url).json["files"]] == ["quyet-dinh-khen-thuong-dot.docx",
                                                                 "giay-khen-xa-huyen-hoi.docx",
                                                                 "thong-bao-ket-qua-dot-xa-huyen-hoi.docx"]
    assert other.get(by_name["giay-khen-xa-huyen-hoi.docx"]["url"]).status_code == 200
    assert caller("reviewer").get(by_name["giay-khen-xa-huyen-hoi.docx"]["url"]).status_code == 200
    # a body with no proposal in it does not
    third = Organization(**{**demo_data.COMMUNE, "code": "UBND-TB", "name": "Ủy ban nhân dân xã Tân Bình"})
    third.parent = world.district
    db.session.add(third)
    db.session.commit()
    assert_error(caller(add_user("drafter.tanbinh", third, ["drafter"])).get(url), 404, "not_found")


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer(world, caller):
    rw = round_world(world, proposals=2)
    headers = {"Idempotency-Key": "quyet-dinh-dot-1"}
    first = caller("reviewer").post(f"/api/v1/rounds/{rw.round.id}/decision", json={}, headers=headers)
    again = caller("reviewer").post(f"/api/v1/rounds/{rw.round.id}/decision", json={}, headers=headers)
    assert first.status_code == again.status_code == 201, again.json
    assert first.json == again.json and first.headers["Location"] == again.headers["Location"]
    count = db.session.scalar(db.select(db.func.count()).select_from(Document).where(Document.kind == "decision"))
    assert count == 1
