"""A round decision holds the nominees of several proposing bodies; once issued, each body reads it
(services/scope.reads_round_decision). The CCCD of a nominee (never printed on any document) is for
the body that proposed them and the issuer: another commune reading the decision does not get it."""
from __future__ import annotations

from tests.factories import issued_plan
from tests.round_decision_world import _nominees, advance_decision, proposal, second_commune
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import round_decisions

CCCD = ["079201000123", "079201000456"]


def test_a_commune_reading_the_issued_round_decision_gets_no_other_communes_cccd(world, caller):
    plan = issued_plan(world)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    _other, other_users = second_commune(world)
    theirs_rows = [{**row, "citizen_id": cccd} for row, cccd in zip(_nominees("Huyền Hội", 2), CCCD)]
    mine_rows = [{**row, "citizen_id": "079301000789"} for row in _nominees("An Trường", 1)]
    mine = proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"], mine_rows)
    theirs = proposal(world, round_, other_users["drafter"], other_users["approver"], theirs_rows)
    decision = round_decisions.create(round_.id, world.users["reviewer"])
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")

    shown = caller("commune_drafter").get(f"/api/v1/documents/{decision.id}")
    assert shown.status_code == 200, shown.json
    by_proposal = {}
    for n in shown.json["nominees"]:
        by_proposal.setdefault(n["proposal_id"], []).append(n["citizen_id"])
    assert by_proposal[mine.id] == ["079301000789"]
    assert by_proposal[theirs.id] == ["", ""]
    assert not any(c in shown.get_data(as_text=True) for c in CCCD)
    # the issuer sees them all
    issuer_view = caller("reviewer").get(f"/api/v1/documents/{decision.id}").json
    assert sorted(n["citizen_id"] for n in issuer_view["nominees"] if n["proposal_id"] == theirs.id) == CCCD


def test_other_bodies_nominees_come_without_their_votes_and_review_notes(world, caller):
    """Issue 15 loose ends, point 2: the proposing body reads its own rows in full, others' as the
    Danh sách prints them (no council votes, no review notes), in the API and on the page."""
    plan = issued_plan(world)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    _other, other_users = second_commune(world)
    mine = proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"],
                    _nominees("An Trường", 1), votes=(7, 9))
    theirs = proposal(world, round_, other_users["drafter"], other_users["approver"], _nominees("Huyền Hội", 2),
                      votes=(8, 11))
    decision = round_decisions.create(round_.id, world.users["reviewer"])
    db.session.expire_all()
    for n in db.session.get(Document, decision.id).nominees:
        n.review_note = f"Ghi chú thẩm định {n.full_name}"
    db.session.commit()
    advance_decision(world, db.session.get(Document, decision.id), "issued")

    shown = caller("commune_drafter").get(f"/api/v1/documents/{decision.id}").json
    by_proposal = {}
    for n in shown["nominees"]:
        by_proposal.setdefault(n["proposal_id"], []).append((n["votes_for"], n["votes_total"], n["review_note"]))
    assert by_proposal[mine.id] == [(7, 9, f"Ghi chú thẩm định {shown['nominees'][0]['full_name']}")]
    assert by_proposal[theirs.id] == [(None, None, "")] * 2
    issuer_view = caller("reviewer").get(f"/api/v1/documents/{decision.id}").json
    assert [n["votes_for"] for n in issuer_view["nominees"] if n["proposal_id"] == theirs.id] == [8, 8]

