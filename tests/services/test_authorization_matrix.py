"""Every role × every state × every transition, for both kinds, generated from the definitions.

Allowed combinations (from the hand-written DESIGN table) succeed; every other one is
refused (forbidden or conflict) and leaves state, version, history and registers as they were.
"""
import pytest

from tests.domain.test_workflow_definitions import SUBMIT, design_table
from tests.factories import advance, new_document, snapshot
from workflow_app.domain.errors import Conflict, Forbidden
from workflow_app.domain.workflows import DEFINITIONS, STATES
from workflow_app.domain.workflows.definitions import ROLES
from workflow_app.services.transitions import apply_transition

EXTRA = {"return": {"comment": "Đề nghị bổ sung nội dung."}}


def _allowed(kind: str, name: str, state: str, role: str) -> bool:
    row = design_table(kind).get((name, state))
    if row is None:
        return False
    _, roles, scope = row
    if scope == "creator":   # the world's drafter creates every document
        return role == "drafter"
    if name == "submit":     # the leader who signs the proposer's Tờ trình (World.actor_for)
        return role == "proposal_signer"
    return role in roles


# The kinds of the DESIGN table; the round's decision, made only from a round, has its own matrix
# (tests/services/test_round_decision_matrix.py).
CASES = [(kind, state.name) for kind in DEFINITIONS if kind in SUBMIT for state in STATES]


@pytest.mark.parametrize("kind,state", CASES)
def test_matrix(world, kind, state):
    """Every role tries every transition on a document in `state`; a fresh document after each success."""
    document = None
    for name in DEFINITIONS[kind].transition_names:
        for role in (*ROLES, "proposal_signer"):
            if document is None:
                document = new_document(world, kind)
                advance(world, document, state)
            case = f"{kind}/{state}: {role} {name}"
            actor = world.actor_for(kind, role)
            before = snapshot(document.id)
            if _allowed(kind, name, state, role):
                if name == "cancel":   # Hủy is for a draft once submitted; one never submitted is deleted
                    apply_transition(document, "submit", world.actor_for(kind, "proposal_signer"), generate=False)
                    apply_transition(document, "withdraw", actor, generate=False)
                    before = snapshot(document.id)
                event = apply_transition(document, name, actor, generate=False, **EXTRA.get(name, {}))
                after = snapshot(document.id)
                assert after["state"] == design_table(kind)[(name, state)][0] != state, case
                assert after["version"] == before["version"] + 1, case
                assert after["events"] == before["events"] + 1, case
                assert (event.transition, event.from_state, event.actor_id) == (name, state, actor.id), case
                document = None
            else:
                with pytest.raises((Forbidden, Conflict)):
                    apply_transition(document, name, actor, generate=False, **EXTRA.get(name, {}))
                assert snapshot(document.id) == before, case
