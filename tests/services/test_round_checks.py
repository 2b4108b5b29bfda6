"""Issue 15, points 7 and 8: "already awarded in the same round" and "proposed twice in the round"
read the round a proposal cites (documents.round_id); a proposal without one falls back on its plan."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import time_machine

from tests.factories import advance, issued_plan, new_commendation
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import demo_data, documents, nominee_checks


@pytest.fixture(autouse=True)
def _before_the_first_deadline():
    """Every proposal here is in time: the first round's proposals are due by 31/10/2025."""
    with time_machine.travel(datetime(2025, 10, 1, 3, 0, tzinfo=timezone.utc)):
        yield


def person(**more) -> dict:
    return {**demo_data.NOMINEES[1], **more}


def _in_round(world, round_id, nominees) -> Document:
    body = {**demo_data.COMMENDATION_BODY, "round_id": round_id}
    body.pop("period", None)
    return documents.create(world.users["commune_drafter"], {
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": body, "nominees": nominees})


def _rounds(plan):
    db.session.expire_all()
    return [r.id for r in db.session.get(Document, plan.id).rounds]


def _marks(document) -> list:
    return list(nominee_checks.marks(document, viewer=None).values())


def test_an_award_of_another_round_of_the_plan_is_no_earlier_award_of_this_one(world):
    plan = issued_plan(world)
    first_round, second_round = _rounds(plan)
    earlier = _in_round(world, first_round, [person()])
    advance(world, earlier, "issued")
    assert earlier.round_id == first_round

    other_round = _in_round(world, second_round, [person()])
    assert nominee_checks.marks(other_round) == {}

    same_round = _in_round(world, first_round, [person()])
    [marks] = _marks(same_round)
    assert [a.document_id for a in marks.previously_awarded] == [earlier.id]


def test_a_proposal_of_another_round_is_not_the_same_person_proposed_twice(world):
    plan = issued_plan(world)
    first_round, second_round = _rounds(plan)
    reviewer = world.users["reviewer"]
    first = _in_round(world, first_round, [person()])
    advance(world, first, "submitted")
    other_round = _in_round(world, second_round, [person()])
    advance(world, other_round, "submitted")
    assert nominee_checks.marks(other_round, reviewer) == {}
    assert nominee_checks.marks(first, reviewer) == {}

    same_round = _in_round(world, first_round, [person(full_name="NGUYEN THI NGOC ANH")])
    advance(world, same_round, "submitted")
    [marks] = nominee_checks.marks(same_round, reviewer).values()
    assert [p.document_id for p in marks.also_proposed] == [first.id]
    [marks] = nominee_checks.marks(first, reviewer).values()
    assert [p.document_id for p in marks.also_proposed] == [same_round.id]


def test_a_proposal_without_a_round_keeps_the_plan_rule(world):
    plan = issued_plan(world)
    first_round, _ = _rounds(plan)
    earlier = _in_round(world, first_round, [person()])
    advance(world, earlier, "issued")
    older = new_commendation(world, plan, nominees=[person()])
    advance(world, older, "issued")
    assert older.round_id is None
    # without a round: every earlier decision of the plan, whatever its round
    plain = new_commendation(world, plan, nominees=[person()])
    [marks] = _marks(plain)
    assert sorted(a.document_id for a in marks.previously_awarded) == sorted([earlier.id, older.id])


def test_an_award_in_the_rounds_issued_decision_is_an_earlier_award_of_the_round(world):
    """The round's one decision is of another kind than the proposals (issue 15, point 5): a nominee
    it awarded, proposed again in the round, is "already awarded in this round"; the proposals it
    was made from are not flagged by their own rows' copies in it."""
    from tests.round_decision_world import advance_decision, round_world
    from workflow_app.services import round_decisions
    rw = round_world(world, proposals=2)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    awarded = next(n for n in decision.nominees if n.proposal_id == rw.proposals[1].id)
    # a draft of the round made before its decision is issued (which closes the round to new ones)
    again = _in_round(world, rw.round.id, [person(full_name=awarded.full_name, organization=awarded.organization)])
    advance_decision(world, decision, "issued")
    db.session.expire_all()
    decision, again = db.session.get(Document, decision.id), db.session.get(Document, again.id)
    [marks] = _marks(again)
    assert [(a.document_id, a.number) for a in marks.previously_awarded] == [(decision.id, decision.number)]
    # its proposal is decided, no longer under way: not "also proposed" (the reviewer sees it)
    [seen] = nominee_checks.marks(again, viewer=world.users["reviewer"]).values()
    assert seen.also_proposed == () and seen.previously_awarded == marks.previously_awarded
    for proposal in rw.proposals:
        db.session.expire_all()
        assert _marks(db.session.get(Document, proposal.id)) == []
