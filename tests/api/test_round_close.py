"""A round closes once its decision is issued (issue 15 loose ends): no new proposal cites it, a
draft citing it is not submitted, it leaves the worklists, the desk and the reminders; a decision
returned (cancelled) does not close it."""
from __future__ import annotations

from tests.api.conftest import assert_error
from tests.api.test_rounds import _proposal
from tests.factories import add_user, snapshot
from tests.round_decision_world import advance_decision, round_world
from workflow_app.domain.clock import local_today
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import documents, round_decisions, round_desk, rounds
from workflow_app.services.transitions import apply_transition

CLOSED = "đã có quyết định khen thưởng; không nhận thêm hồ sơ"


def _decide(world, rw, state="issued") -> Document:
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    if state != "reviewed":
        advance_decision(world, decision, state)
    db.session.expire_all()
    return db.session.get(Document, decision.id)


def _draft(world, rw) -> Document:
    return documents.create(world.users["commune_drafter"], _proposal(rw.round.id))


def test_an_issued_round_decision_closes_the_round(world, caller):
    rw = round_world(world, proposals=2)
    draft = _draft(world, rw)
    report = caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json
    assert report["open"] is True
    decision = _decide(world, rw, "approved")
    assert caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json["open"] is True   # not issued yet
    apply_transition(decision, "issue", world.users["archivist"])
    db.session.expire_all()
    round_ = db.session.get(type(rw.round), rw.round.id)
    assert not rounds.is_open(round_)
    assert rounds.closing_decision(round_).id == decision.id
    for who in ("reviewer", "commune_drafter"):
        assert caller(who).get(f"/api/v1/rounds/{rw.round.id}").json["open"] is False

    # a new proposal citing it: 422 with the reason
    error = assert_error(caller("commune_drafter").post("/api/v1/documents", json=_proposal(rw.round.id)),
                         422, "validation", "body.round_id")
    assert CLOSED in error["message"] and rw.round.name in error["message"]
    assert rw.round.id not in [r.id for r, _p in rounds.open_rounds(world.users["commune_drafter"])]

    # a draft already citing it: its submit is refused, nothing changes
    shown = caller("commune_approver").get(f"/api/v1/documents/{draft.id}").json
    before = snapshot(draft.id)
    error = assert_error(caller("commune_approver").fire(shown, "submit"), 422, "validation", "body.round_id")
    assert CLOSED in error["fields"]["body.round_id"] and "không theo đợt" in error["fields"]["body.round_id"]
    assert snapshot(draft.id) == before
    # ... and sent without the round (an ad hoc proposal) it goes
    body = {**shown["body"], "round_id": None}
    updated = caller("commune_drafter").patch(f"/api/v1/documents/{draft.id}",
                                              json={"body": body, "version": shown["version"]})
    assert updated.status_code == 200, updated.json
    sent = caller("commune_approver").fire(updated.json, "submit")
    assert sent.status_code == 200, sent.json


def test_a_closed_round_leaves_the_worklists_to_propose_and_the_reminders(world, caller):
    rw = round_world(world, proposals=1)     # the second commune has not proposed
    days = (rw.round.proposals_due - local_today()).days
    ids = lambda found: [d.round.id for d in found]  # noqa: E731
    assert rw.round.id in ids(round_desk.desk_rounds(world.users["reviewer"]))
    other = add_user("drafter.hh2", rw.communes[1], ["drafter"])
    assert rw.round.id in ids(round_desk.due_for(other))
    decision = _decide(world, rw)
    assert rw.round.id not in ids(round_desk.due_for(other))
    assert rw.round.id not in [r.id for r, _x in round_desk.remind_due({days})]
    view = round_desk.desk(rw.round.id, world.users["reviewer"])
    assert view.closed_by.id == decision.id and not view.can_remind


def test_the_reviewers_rounds_keep_a_closed_round_after_the_open_ones(world, caller):
    """The standing office's list of rounds (the worklist's desks) keeps a round once its decision
    is issued, after every open one, with the decision that closed it: a past round is not
    reachable only by its URL."""
    rw = round_world(world, proposals=1)
    others = [r.id for r in rw.plan.rounds if r.id != rw.round.id]
    assert others    # the demo plan has more than one round: one stays open
    listed = round_desk.desk_rounds(world.users["reviewer"])
    assert all(d.closed_by is None for d in listed)
    decision = _decide(world, rw)
    listed = round_desk.desk_rounds(world.users["reviewer"])
    assert [d.round.id for d in listed][-1] == rw.round.id
    assert set(others) <= {d.round.id for d in listed[:-1]}
    assert [d.closed_by.id if d.closed_by else None for d in listed] == [None] * (len(listed) - 1) + [decision.id]
    assert round_desk.desk_rounds(world.users["commune_drafter"]) == []


def test_a_returned_decision_does_not_close_the_round(world, caller):
    rw = round_world(world, proposals=1)
    decision = _decide(world, rw, "reviewed")
    apply_transition(decision, "return", world.users["approver"], comment="Bổ sung hồ sơ.")
    db.session.expire_all()
    assert caller("reviewer").get(f"/api/v1/rounds/{rw.round.id}").json["open"] is True
    assert rw.round.id in [d.round.id for d in round_desk.desk_rounds(world.users["reviewer"])]
    made = caller("commune_drafter").post("/api/v1/documents", json=_proposal(rw.round.id))
    assert made.status_code == 201, made.json


def test_the_issued_round_decision_is_in_the_proposing_bodies_lists_and_search(world, caller):
    """Issue 15 loose ends, point 3: a body whose proposal went into the issued decision finds it
    in its document list and search, and the totals count it; a body without one does not."""
    rw = round_world(world, proposals=1)
    before = caller("commune_drafter").get("/api/v1/documents").json
    assert_no = [d["id"] for d in before["items"]]
    decision = _decide(world, rw, "approved")
    assert caller("commune_drafter").get("/api/v1/documents").json["total"] == before["total"]   # not issued
    apply_transition(decision, "issue", world.users["archivist"])
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    assert decision.id not in assert_no
    listed = caller("commune_drafter").get("/api/v1/documents").json
    assert decision.id in [d["id"] for d in listed["items"]] and listed["total"] == before["total"] + 1
    only = caller("commune_drafter").get("/api/v1/documents?kind=decision").json
    assert [d["id"] for d in only["items"]] == [decision.id] and only["total"] == 1
    issued = caller("commune_drafter").get("/api/v1/documents?state=issued").json
    assert decision.id in [d["id"] for d in issued["items"]] and issued["total"] == len(issued["items"])
    found = caller("commune_drafter").get("/api/v1/documents", query_string={"q": decision.number}).json
    assert [d["id"] for d in found["items"]] == [decision.id] and found["total"] == 1
    year = caller("commune_drafter").get(f"/api/v1/documents?year={decision.issued_on.year}&kind=decision").json
    assert [d["id"] for d in year["items"]] == [decision.id] and year["total"] == 1
    # the second commune had no proposal in it
    other = caller(add_user("drafter.hh3", rw.communes[1], ["drafter"]))
    assert other.get("/api/v1/documents?kind=decision").json["total"] == 0
