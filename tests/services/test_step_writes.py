"""A step is written in one flush: its history row records the version the document has after it."""
from tests.factories import advance, new_commendation, new_plan
from workflow_app.domain.workflows import DEFINITIONS
from workflow_app.extensions import db
from workflow_app.services.transitions import apply_transition


def test_every_transition_changes_the_state():
    """So the document's UPDATE (and its version step) is never left out of a step's flush."""
    for definition in DEFINITIONS.values():
        assert all(t.source != t.dest for t in definition.transitions), definition.kind


def test_each_history_row_records_the_version_after_its_step(world):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    apply_transition(plan, "return", world.users["approver"], comment="Bổ sung số liệu.")
    advance(world, plan, "issued", generate=True)
    proposal = new_commendation(world, plan=plan)
    advance(world, proposal, "submitted")
    apply_transition(proposal, "withdraw", world.users["commune_drafter"])
    for document in (plan, proposal):
        versions = [(e.transition, e.version) for e in document.events]
        db.session.expire_all()
        assert [v for _, v in versions] == list(range(2, len(versions) + 2)), versions
        assert versions[-1][1] == document.version
