"""Who sees what, and the worklist: the SQL agrees with the rules the engine enforces."""
import pytest

from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.domain.errors import NotFound
from workflow_app.domain.workflows import DEFINITIONS
from workflow_app.extensions import db
from workflow_app.models import Organization
from workflow_app.services import documents, worklist
from workflow_app.services.demo_data import COMMUNE
from workflow_app.services.transitions import apply_transition

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


def _forward(document, user) -> bool:
    definition = DEFINITIONS[document.kind]
    return any(definition.is_forward(definition.transition_from(name, document.state))
               for name in documents.available_transitions(document, user))


def test_the_worklist_holds_steps_forward_and_following_the_steps_back(world):
    """Issue 14 §1: what waits for me (a step forward) apart from what I could only take back or
    return ("Đang theo dõi"); the API's actionable=1 keeps both."""
    district = world.users["reviewer"].organization
    # both duties, so that on what they reviewed the approver in them may only return (duties.py)
    world.users["both"] = add_user("both", district, ["reviewer", "approver"], "NV", "Phó Chủ tịch")
    docs = _one_of_each(world)
    reviewed = new_plan(world)
    advance(world, reviewed, "submitted")
    apply_transition(reviewed, "review", world.users["both"], generate=False)
    docs.append(reviewed)
    for user in world.users.values():
        waiting = documents.search(user, desk="waiting", per_page=200)
        following = documents.search(user, desk="following", per_page=200)
        open_ = [d for d in docs if documents.available_transitions(d, user)]
        assert {d.id for d in waiting.items} == {d.id for d in open_ if _forward(d, user)}, user.username
        assert {d.id for d in following.items} == {d.id for d in open_ if not _forward(d, user)}, user.username
        assert waiting.total == len(waiting.items) == sum(c.count for c in worklist.counts(user))
        assert following.total == len(following.items) == worklist.following_count(user)
    approver, drafter = world.users["approver"], world.users["drafter"]
    assert {d.state for d in documents.search(approver, desk="waiting").items} == {"reviewed"}
    assert {d.state for d in documents.search(approver, desk="following").items} == {"approved"}
    assert {d.state for d in documents.search(drafter, desk="following").items} == {"submitted"}
    assert "submitted" not in {d.state for d in documents.search(drafter, desk="waiting").items}
    assert reviewed.id in {d.id for d in documents.search(world.users["both"], desk="following").items}
    # the API's rule is unchanged: every document with a step open
    assert {d.state for d in documents.search(approver, actionable=True).items} == {"reviewed", "approved"}


def test_returned_drafts_come_first_in_the_worklist(world):
    returned = new_plan(world, title="Trả lại")
    advance(world, returned, "submitted")
    apply_transition(returned, "return", world.users["reviewer"], comment="Bổ sung nơi nhận.", generate=False)
    withdrawn = new_plan(world, title="Rút lại")
    advance(world, withdrawn, "submitted")
    apply_transition(withdrawn, "withdraw", world.users["drafter"], generate=False)
    newer = [new_plan(world, title=f"Mới {i}") for i in range(3)]
    head = world.users["unit_head"]   # every draft of the unit waits for its head's signature
    found = documents.search(head, desk="waiting", per_page=2)
    assert [d.id for d in found.items][:1] == [returned.id] and found.total == 5
    rest = [d.id for d in documents.search(head, desk="waiting", per_page=10).items]
    assert rest == [returned.id, *[d.id for d in reversed(newer)], withdrawn.id]
    items, _ = worklist.items(head)
    assert items[0].returned is not None and items[0].returned.comment == "Bổ sung nơi nhận."
