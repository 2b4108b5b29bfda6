"""Fixtures for the concurrency and fault tests: a migrated PostgreSQL database with a world,
and gunicorn (4 workers) serving it on loopback. PostgreSQL only; see live.py."""
from __future__ import annotations

import pytest

from tests.conftest import fresh_postgres_database
from tests.factories import PASSWORD, build_world
from workflow_app import create_app
from workflow_app.extensions import db

from .live import SECRET_KEY, LiveServer, migrate

USERS = ("drafter", "reviewer", "approver", "chairman", "archivist", "admin", "drafter.antruong")


def pytest_configure(config):
    config.addinivalue_line("markers", "concurrency: gunicorn + PostgreSQL under concurrent load and faults")


@pytest.fixture(scope="module")
def live_db():
    """A fresh PostgreSQL database for the module, migrated by `flask db upgrade`, with the world
    seeded (users' password: factories.PASSWORD). Yields (url, app); dropped afterwards."""
    with fresh_postgres_database("wf_conc") as url:
        migrate(url)
        app = create_app({"TESTING": True, "SECRET_KEY": SECRET_KEY, "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            build_world()
            db.session.remove()
        yield url, app
        with app.app_context():
            db.engine.dispose()


def start_server(url: str, tmp_path_factory, **kw) -> LiveServer:
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    server = LiveServer(url, log_path=log, **kw).start()
    try:
        for user in USERS:
            server.token(user, PASSWORD)
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="module")
def live_server(live_db, tmp_path_factory):
    """gunicorn -w 4 wsgi:app (the production entry point) on 127.0.0.1:<free port>, tokens for every user."""
    url, _ = live_db
    server = start_server(url, tmp_path_factory)
    yield server
    server.stop()
