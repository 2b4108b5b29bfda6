"""workflow_app.services.faults is inert unless the app is TESTING *and* WORKFLOW_TEST_FAULTS is set."""
from __future__ import annotations

import json
import time

from workflow_app import create_app
from workflow_app.services import faults


def _app(tmp_path, testing: bool):
    return create_app({"TESTING": testing, "SECRET_KEY": "x",
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'f.sqlite3'}"})


def test_production_config_never_fires_even_with_the_variable_set(tmp_path, monkeypatch):
    monkeypatch.setenv(faults.ENV, "before_commit=sleep:30")
    monkeypatch.setenv(faults.SIGNAL_ENV, str(tmp_path / "signal"))
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert not app.config.get("TESTING")
    with app.app_context():
        t0 = time.perf_counter()
        faults.hit("before_commit")
        assert time.perf_counter() - t0 < 0.5
    assert not (tmp_path / "signal").exists()


def test_testing_without_the_variable_does_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(faults.ENV, raising=False)
    with _app(tmp_path, True).app_context():
        t0 = time.perf_counter()
        faults.hit("before_commit")
        assert time.perf_counter() - t0 < 0.5


def test_an_armed_point_fires_once_per_signal_file(tmp_path, monkeypatch):
    signal = tmp_path / "signal"
    monkeypatch.setenv(faults.ENV, "after_flush=sleep:0.01;before_commit=sleep:0.01")
    monkeypatch.setenv(faults.SIGNAL_ENV, str(signal))
    with _app(tmp_path, True).app_context():
        faults.hit("elsewhere")
        assert not signal.exists()
        faults.hit("before_commit")
        first = signal.read_text()
        faults.hit("after_flush")
        assert signal.read_text() == first
    fired = json.loads(first)
    assert fired["point"] == "before_commit" and fired["backend_pid"] is None
