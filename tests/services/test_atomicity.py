"""A transition commits whole or not at all: state, version, history, number and files together."""
import pytest

from tests.factories import advance, new_plan, snapshot
from workflow_app.services import generation
from workflow_app.services.transitions import apply_transition


def test_a_missing_master_refuses_the_issue_before_a_number_is_taken(app, world, tmp_path):
    plan = new_plan(world)
    advance(world, plan, "approved")
    before = snapshot(plan.id)
    app.config["DOCUMENT_TEMPLATES"], saved = str(tmp_path), app.config["DOCUMENT_TEMPLATES"]
    try:
        with pytest.raises(OSError):   # the master is missing: the render fails before the register is locked
            apply_transition(plan, "issue", world.users["archivist"])
    finally:
        app.config["DOCUMENT_TEMPLATES"] = saved
    assert snapshot(plan.id) == before
    apply_transition(plan, "issue", world.users["archivist"])
    assert plan.number == "01/KH-UBND" and [f.step for f in plan.files][-1] == "issued"


def test_an_error_while_rendering_rolls_back_the_step_made_in_memory(world, monkeypatch):
    """The render runs before any write; the state already moved in memory goes back. (An error
    after the history row: test_number_fill.py, storing the files.)"""
    plan = new_plan(world)
    advance(world, plan, "approved")
    before = snapshot(plan.id)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(generation, "generate_step_files", broken)
    with pytest.raises(RuntimeError):
        apply_transition(plan, "issue", world.users["archivist"])
    assert snapshot(plan.id) == before
    assert plan.state == "approved"   # the session was rolled back: no half state in memory
