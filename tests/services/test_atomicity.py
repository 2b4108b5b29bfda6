"""A transition commits whole or not at all: state, version, history, number and files together."""
import pytest

from tests.factories import advance, new_plan, snapshot
from workflow_app.services import generation
from workflow_app.services.transitions import apply_transition


def test_a_failing_document_leaves_no_trace_and_no_lost_number(app, world, tmp_path):
    plan = new_plan(world)
    advance(world, plan, "approved")
    before = snapshot(plan.id)
    app.config["DOCUMENT_TEMPLATES"], saved = str(tmp_path), app.config["DOCUMENT_TEMPLATES"]
    try:
        with pytest.raises(OSError):   # the master is missing: rendering fails after numbering
            apply_transition(plan, "issue", world.users["archivist"])
    finally:
        app.config["DOCUMENT_TEMPLATES"] = saved
    assert snapshot(plan.id) == before
    apply_transition(plan, "issue", world.users["archivist"])
    assert plan.number == "01/KH-UBND" and [f.step for f in plan.files][-1] == "issued"


def test_an_error_after_the_history_row_rolls_everything_back(world, monkeypatch):
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
