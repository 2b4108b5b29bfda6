"""The round decision's steps × every role × every state: the allowed ones succeed, every other is
refused (forbidden or conflict) and leaves the decision as it was (as test_authorization_matrix.py
does for the kinds of the DESIGN table)."""
import pytest

from tests.factories import snapshot
from tests.round_decision_world import advance_decision, proposal, round_world
from workflow_app.domain.errors import Conflict, Forbidden
from workflow_app.domain.workflows import DEFINITIONS, STATES
from workflow_app.domain.workflows.definitions import ROLES
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import round_decisions, rounds
from workflow_app.services.transitions import apply_transition

DESIGN = {   # (step, from) -> (to, roles); every step in the issuing body's scope
    ("compile", "draft"): ("reviewed", ("reviewer",)),
    ("approve", "reviewed"): ("approved", ("approver",)),
    ("issue", "approved"): ("issued", ("archivist",)),
    ("return", "reviewed"): ("cancelled", ("approver",)),
    ("return", "approved"): ("cancelled", ("approver",)),
}
EXTRA = {"return": {"comment": "Bổ sung hồ sơ."}}


def test_the_definition_is_the_design():
    definition = DEFINITIONS["decision"]
    assert {(t.name, t.source): (t.dest, t.roles) for t in definition.transitions} == DESIGN
    assert all(t.scope == "issuer" for t in definition.transitions)
    assert {t.name: t.excludes for t in definition.transitions if t.excludes} == {
        "approve": ("authors", "submitter", "reviewer"), "issue": ("signer",)}


@pytest.mark.parametrize("state", ["reviewed", "approved", "issued", "cancelled"])
def test_matrix(world, state):
    rw = round_world(world, proposals=0)

    def fresh() -> Document:
        # an issued decision closes its round: the next one is made in a round still open
        round_ = next(r for r in db.session.get(Document, rw.plan.id).rounds if rounds.is_open(r))
        p = proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"],
                     [{"kind": "individual", "full_name": "Lê Văn Một", "gender": "male", "position": "Giáo viên",
                       "organization": "Trường THCS An Trường", "award": "giay_khen", "achievement": "Xuất sắc."}])
        decision = round_decisions.create(round_.id, world.users["reviewer"], {"proposal_ids": [p.id]})
        db.session.expire_all()
        decision = db.session.get(Document, decision.id)
        if state in ("approved", "issued"):
            advance_decision(world, decision, state)
        elif state == "cancelled":
            apply_transition(decision, "return", world.users["approver"], comment="Bổ sung.")
        return decision

    document = None
    for name in DEFINITIONS["decision"].transition_names:
        for role in ROLES:
            document = document or fresh()
            actor = world.users[role]
            before = snapshot(document.id)
            allowed = DESIGN.get((name, state))
            if allowed and role in allowed[1]:
                apply_transition(document, name, actor, generate=False, **EXTRA.get(name, {}))
                after = snapshot(document.id)
                assert after["state"] == allowed[0] and after["version"] == before["version"] + 1
                document = None
            else:
                with pytest.raises((Forbidden, Conflict)):
                    apply_transition(document, name, actor, generate=False, **EXTRA.get(name, {}))
                assert snapshot(document.id) == before, f"{state}: {role} {name}"
    assert {s.name for s in STATES} >= {state}
