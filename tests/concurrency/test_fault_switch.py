"""The fault points of tests/concurrency/faults.py: armed only by test code, they fire inside a
transition (at its flush, before its commit) and nowhere else, once per signal file."""
from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import event

from tests.concurrency import faults
from tests.factories import new_plan
from workflow_app.extensions import db
from workflow_app.models import WorkflowEvent
from workflow_app.services.transitions import apply_transition


@pytest.fixture
def arm(request):
    """arm(points, signal_file) -> installs them for this test, disarmed afterwards."""
    disarm = []

    def _arm(points: dict[str, str], signal_file=None):
        disarm.append(faults.install(points, str(signal_file) if signal_file else None))

    yield _arm
    for fn in disarm:
        fn()


def _fired(signal) -> dict:
    return json.loads(signal.read_text())


def test_the_production_app_has_no_fault_points_even_with_the_variable_set(world, tmp_path, monkeypatch):
    monkeypatch.setenv(faults.ENV, "after_flush=sleep:30;before_commit=sleep:30")
    monkeypatch.setenv(faults.SIGNAL_ENV, str(tmp_path / "signal"))
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"], generate=False)
    assert plan.state == "submitted"
    assert not (tmp_path / "signal").exists()


def test_after_flush_fires_once_at_the_flush_that_writes_the_step(world, arm, tmp_path):
    signal = tmp_path / "signal"
    seen = {}

    def history_rows(session, flush_context):   # what the flush had written when the point fired
        if signal.exists() and "rows" not in seen:
            seen["rows"] = session.execute(db.select(db.func.count()).select_from(WorkflowEvent)).scalar_one()
    arm({"after_flush": "sleep:0.01"}, signal)
    plan = new_plan(world)                       # a flush and a commit without a step: passes through
    assert not signal.exists()
    event.listen(db.session, "after_flush", history_rows)
    try:
        apply_transition(plan, "submit", world.users["unit_head"], generate=False)
    finally:
        event.remove(db.session, "after_flush", history_rows)
    fired = _fired(signal)
    assert fired["point"] == "after_flush" and fired["pid"] == os.getpid()
    assert (fired["backend_pid"] is None) == (db.engine.dialect.name != "postgresql")
    assert seen["rows"] == 1                     # inside the step's transaction, after its insert
    first = signal.read_text()
    apply_transition(plan, "withdraw", world.users["drafter"], generate=False)
    assert signal.read_text() == first           # once per signal file: the retry goes through
    assert plan.state == "draft"


def test_before_commit_fires_only_for_a_transaction_that_wrote_a_step(world, arm, tmp_path):
    signal = tmp_path / "signal"
    arm({"before_commit": "sleep:0.01"}, signal)
    plan = new_plan(world)
    assert not signal.exists()
    apply_transition(plan, "submit", world.users["unit_head"], generate=False)
    assert _fired(signal)["point"] == "before_commit"


def test_a_step_rolled_back_after_its_flush_does_not_arm_the_next_commit(world, arm, tmp_path):
    signal = tmp_path / "signal"
    arm({"before_commit": "sleep:0.01"}, signal)
    plan = new_plan(world)
    db.session.add(WorkflowEvent(document=plan, transition="submit", from_state="draft",
                                 to_state="submitted", actor_id=world.users["drafter"].id,
                                 at=plan.created_at, comment="", version=plan.version + 1))
    db.session.flush()
    db.session.rollback()
    new_plan(world)                              # the next commit writes no step
    assert not signal.exists()


def test_unknown_points_and_actions_are_refused():
    with pytest.raises(ValueError):
        faults.parse("before_comit=sleep:1")
    with pytest.raises(ValueError):
        faults.parse("before_commit=crash")
    assert faults.parse("after_flush=sleep:4; before_commit=sleep:1") == {
        "after_flush": "sleep:4", "before_commit": "sleep:1"}
