"""Random sequences of transitions by random users keep the invariants (hypothesis)."""
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.factories import new_document, snapshot
from workflow_app.domain.errors import WorkflowError
from workflow_app.domain.workflows import engine_for
from workflow_app.extensions import db
from workflow_app.models import Document, RegisterEntry
from workflow_app.services.transitions import apply_transition

TRANSITIONS = ["submit", "withdraw", "review", "approve", "issue", "return", "to_issued"]
USERS = ["drafter", "commune_drafter", "reviewer", "approver", "chairman", "archivist", "admin"]

steps = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(TRANSITIONS), st.sampled_from(USERS),
                           st.sampled_from(["", "Đề nghị bổ sung."])), min_size=1, max_size=25)


def check_invariants():
    db.session.expire_all()
    docs = db.session.scalars(select(Document)).all()
    for document in docs:
        entry = document.number_entry
        assert (entry is not None) == (document.state == "issued")
        assert (document.issued_on is not None) == (document.state == "issued")
        replay = type("Replay", (), {"state": "draft"})()
        for event in document.events:
            assert event.from_state == replay.state
            engine_for(document.kind).fire(replay, event.transition)
        assert replay.state == document.state
    registers = defaultdict(list)
    for e in db.session.scalars(select(RegisterEntry)):
        registers[(e.organization_id, e.year, e.series)].append(e.seq)
    for seqs in registers.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(["plan", "commendation"]), min_size=3, max_size=3), sequence=steps)
def test_random_sequences_keep_the_invariants(world, kinds, sequence):
    docs = [new_document(world, kind) for kind in kinds]
    for index, name, username, comment in sequence:
        document = docs[index]
        actor = world.users[username]
        before = snapshot(document.id)
        try:
            apply_transition(document, name, actor, comment=comment, generate=False)
        except WorkflowError:
            assert snapshot(document.id) == before
        check_invariants()
