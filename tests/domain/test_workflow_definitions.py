"""The definitions say what DESIGN.md §3 says, and the engine follows them and nothing else."""
import pytest

from workflow_app.domain.errors import Conflict, NotFound, ValidationFailed
from workflow_app.domain.workflows import DEFINITIONS, ENGINES, engine_for
from workflow_app.domain.workflows.duties import DUTIES

# DESIGN.md §3, written out by hand: (transition, from) -> (to, roles, scope). `submit` signs the
# proposer's Tờ trình (issue 13, point 5): its leader's step, told apart by kind (SUBMIT).
DESIGN_TABLE = {
    ("submit", "draft"): ("submitted", ("approver",), "proposer_leader"),
    ("withdraw", "submitted"): ("draft", (), "creator"),
    ("cancel", "draft"): ("cancelled", (), "creator"),
    ("review", "submitted"): ("reviewed", ("reviewer",), "issuer"),
    ("approve", "reviewed"): ("approved", ("approver",), "issuer"),
    ("issue", "approved"): ("issued", ("archivist",), "issuer"),
    ("return", "submitted"): ("draft", ("reviewer",), "issuer"),
    ("return", "reviewed"): ("draft", ("approver",), "issuer"),
    ("return", "approved"): ("draft", ("approver",), "issuer"),
}
SUBMIT = {"plan": ("submitted", (), "unit_head"), "commendation": ("submitted", ("approver",), "proposer_leader")}


def design_table(kind: str) -> dict:
    return {**DESIGN_TABLE, ("submit", "draft"): SUBMIT[kind]}


GENERATES = {
    "plan": {"submit": ("ke-hoach", "to-trinh-ke-hoach"), "review": ("phieu-trinh",),
             "approve": ("ke-hoach",), "issue": ("ke-hoach",)},
    "commendation": {"submit": ("to-trinh-khen-thuong",),
                     "review": ("bien-ban-xet-khen-thuong", "quyet-dinh-khen-thuong"),
                     "approve": ("quyet-dinh-khen-thuong",),
                     "issue": ("quyet-dinh-khen-thuong", "giay-khen", "chien-si-thi-dua-co-so")},
}


@pytest.mark.parametrize("kind", ["plan", "commendation"])
def test_definitions_match_the_design(kind):
    definition = DEFINITIONS[kind]
    assert definition.state_names == ("draft", "submitted", "reviewed", "approved", "issued", "cancelled")
    table = {(t.name, t.source): (t.dest, t.roles, t.scope) for t in definition.transitions}
    assert table == design_table(kind)
    # DESIGN.md "Separation of duties": the approver wrote, submitted and reviewed nothing of it;
    # the văn thư who issues did not sign it
    assert {t.name: t.excludes for t in definition.transitions if t.excludes} == {
        "approve": ("authors", "submitter", "reviewer"), "issue": ("signer",)}
    assert {name for t in definition.transitions for name in t.excludes} <= set(DUTIES)
    assert {t.name for t in definition.transitions if t.comment_required} == {"return"}
    generated = {t.name: t.generates for t in definition.transitions if t.generates}
    assert generated == GENERATES[kind]
    assert [t.name for t in definition.transitions if t.numbering == "issued"] == ["issue"]


def test_one_machine_per_kind_without_shortcuts():
    assert set(ENGINES) == {"plan", "commendation", "decision"}
    for engine in ENGINES.values():
        assert engine.machine.models == []                  # model=None: nothing bound
        assert not any(name.startswith("to_") for name in engine.machine.events)


class Doc:
    def __init__(self, state):
        self.state = state


@pytest.mark.parametrize("kind", ["plan", "commendation"])
def test_engine_moves_along_each_transition(kind):
    engine = engine_for(kind)
    for (name, source), (dest, _, _) in DESIGN_TABLE.items():
        doc = Doc(source)
        engine.fire(doc, engine.resolve(name, source).name)
        assert doc.state == dest


@pytest.mark.parametrize("state", ["draft", "reviewed", "approved", "issued"])
def test_engine_refuses_a_transition_from_the_wrong_state(state):
    engine = engine_for("plan")
    with pytest.raises(Conflict):
        engine.resolve("review", state)
    doc = Doc(state)
    with pytest.raises(Conflict):
        engine.fire(doc, "review")
    assert doc.state == state


def test_unknown_transition_and_kind():
    with pytest.raises(ValidationFailed) as exc:
        engine_for("plan").resolve("to_issued", "draft")
    assert "transition" in exc.value.fields
    with pytest.raises(NotFound):
        engine_for("memo")
