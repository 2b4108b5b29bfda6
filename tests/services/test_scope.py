"""Who sees what, and the worklist: the SQL agrees with the rules the engine enforces."""
import pytest

from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.domain.errors import NotFound
from workflow_app.extensions import db
from workflow_app.models import Organization
from workflow_app.services import documents
from workflow_app.services.demo_data import COMMUNE

STATES = ["draft", "submitted", "reviewed", "approved", "issued"]


def _one_of_each(world):
    """A plan and a proposal in every state (the proposals cite one issued plan)."""
    docs = []
    cited = new_plan(world)
    advance(world, cited, "issued")
    for state in STATES:
        plan, proposal = new_plan(world), new_commendation(world, plan=cited)
        advance(world, plan, state)
        advance(world, proposal, state)
        docs += [plan, proposal]
    return docs + [cited]


def test_worklist_is_exactly_where_a_transition_is_available(world):
    docs = _one_of_each(world)
    for user in world.users.values():
        worklist = {d.id for d in documents.search(user, actionable=True, per_page=200).items}
        expected = {d.id for d in docs if documents.available_transitions(d, user)}
        assert worklist == expected, user.username
        visible = {d.id for d in documents.search(user, per_page=200).items}
        assert worklist <= visible, user.username   # the worklist skips the visibility filter
    reviewer_list = documents.search(world.users["reviewer"], actionable=True).items
    assert {d.state for d in reviewer_list} == {"submitted"}


def test_drafts_are_private_to_their_unit(world):
    plan = new_plan(world)
    unit_colleague = add_user("nv2", world.district, ["drafter"], "NV")
    other_unit = add_user("gd", world.district, ["drafter"], "GDDT")
    assert documents.get_visible(plan.id, unit_colleague).id == plan.id
    for user in (other_unit, world.users["approver"],
                 world.users["archivist"], world.users["commune_drafter"]):
        with pytest.raises(NotFound):
            documents.get_visible(plan.id, user)
    assert documents.get_visible(plan.id, world.users["admin"]).id == plan.id


def test_submitted_documents_reach_the_issuers_reviewing_roles(world):
    plan = new_plan(world)
    advance(world, plan, "submitted")
    for role in ("reviewer", "approver", "archivist"):
        assert documents.get_visible(plan.id, world.users[role]).id == plan.id
    with pytest.raises(NotFound):
        documents.get_visible(plan.id, world.users["commune_drafter"])


def test_issued_plans_reach_the_bodies_below_but_not_beside(world):
    plan = new_plan(world)
    advance(world, plan, "issued")
    assert documents.get_visible(plan.id, world.users["commune_drafter"]).id == plan.id
    stranger_org = Organization(**{**COMMUNE, "code": "UBND-KHAC", "name": "UBND xã Khác"})
    db.session.add(stranger_org)
    db.session.commit()
    stranger = add_user("khac", stranger_org, ["drafter", "admin", "reviewer"])
    with pytest.raises(NotFound):
        documents.get_visible(plan.id, stranger)


def test_a_proposal_is_seen_by_both_bodies_once_issued(world):
    proposal = new_commendation(world)
    with pytest.raises(NotFound):
        documents.get_visible(proposal.id, world.users["reviewer"])
    advance(world, proposal, "issued")
    for user in (world.users["commune_drafter"], world.users["reviewer"], world.users["drafter"]):
        assert documents.get_visible(proposal.id, user).id == proposal.id


@pytest.mark.parametrize("bad_id", [10**9, -1, "1", None, True])
def test_missing_or_malformed_ids_are_not_found(world, bad_id):
    with pytest.raises(NotFound):
        documents.get_visible(bad_id, world.users["admin"])
