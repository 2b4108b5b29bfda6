"""Fixtures: the app on SQLite and on PostgreSQL, a clean database per test, and a small world.

Tests that take `app` (or anything built on it) run once per database. Each database's schema
is built by the migrations (`flask db upgrade`), as in production, not by create_all(). PostgreSQL
comes from TEST_POSTGRES_URL (default: postgres on 127.0.0.1:5432, trust auth); each
run creates its own database and drops it at the end. Without PostgreSQL those tests
skip with the reason, except under CI=true, where a missing database is a failure.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import flask_migrate
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workflow_app import create_app
from workflow_app.extensions import db

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_or_reason():
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return engine, None
    except Exception as exc:  # any reason at all: no server, no driver, refused
        return None, f"PostgreSQL unreachable at {POSTGRES_ADMIN_URL}: {exc.__class__.__name__}"


@contextmanager
def fresh_postgres_database(prefix: str):
    """An empty PostgreSQL database, dropped afterwards. Without PostgreSQL the test skips with
    the reason, except under CI=true, where that is a failure."""
    admin, reason = _postgres_or_reason()
    if admin is None:
        if IN_CI:
            pytest.fail(f"CI must test PostgreSQL: {reason}")
        pytest.skip(reason)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh, empty PostgreSQL database for this test run."""
    with fresh_postgres_database("wf_test") as url:
        yield url


def _test_config(url: str, tmp_path_factory) -> dict:
    return {"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": True}


def _migrated_app(url: str, tmp_path_factory):
    app = create_app(_test_config(url, tmp_path_factory))
    with app.app_context():
        flask_migrate.upgrade()
    return app


@pytest.fixture(scope="session")
def sqlite_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "test.sqlite3"
    return _migrated_app(f"sqlite:///{path}", tmp_path_factory)


@pytest.fixture(scope="session")
def postgresql_app(postgres_url, tmp_path_factory):
    app = _migrated_app(postgres_url, tmp_path_factory)
    yield app
    with app.app_context():
        db.engine.dispose()


def _empty_tables():
    """Once per test, before it: a test starts empty whatever ran before it (even one that failed
    half-way), and what a failed test wrote stays there to look at. The schema stays, and so does
    alembic_version (not in the models' metadata).

    DELETE, not TRUNCATE: on these few rows TRUNCATE costs ~10x as much on PostgreSQL (new files
    for every table and index). Children before parents; derived tables (document_counts) last,
    after the documents' triggers have run. Ids start again from 1, as after TRUNCATE ...
    RESTART IDENTITY (SQLite reuses them by itself once a table is empty)."""
    db.session.rollback()
    db.session.remove()
    tables = sorted(reversed(db.metadata.sorted_tables), key=lambda t: bool(t.info.get("derived")))
    with db.engine.begin() as conn:
        for table in tables:
            conn.execute(table.delete())
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(c.oid, 1, false) FROM pg_class c"
                              " JOIN pg_namespace n ON n.oid = c.relnamespace"
                              " WHERE c.relkind = 'S' AND n.nspname = current_schema()"))


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request):
    """The app inside an app context, on each database in turn, with empty tables."""
    flask_app = request.getfixturevalue(f"{request.param}_app")
    with flask_app.app_context():
        _empty_tables()
        yield flask_app


@pytest.fixture
def pg_app(postgresql_app):
    """For what only PostgreSQL can show (row locks across processes): the PostgreSQL app alone."""
    with postgresql_app.app_context():
        _empty_tables()
        yield postgresql_app


@pytest.fixture(autouse=True)
def fresh_sign_in_limits(request):
    """Failed sign-ins are counted by Flask-Limiter (memory:// here): start each test from zero."""
    if "app" in request.fixturenames:
        from workflow_app.extensions import limiter
        request.getfixturevalue("app")
        limiter.reset()
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def world(app):
    """Two bodies (UBND huyện Càng Long, UBND xã An Trường below it), units, one user per role."""
    from tests.factories import build_world
    return build_world()


@pytest.fixture
def inbox():
    """A real SMTP server on 127.0.0.1 (aiosmtpd), collecting what it receives: tests/mail_server.py."""
    from tests import mail_server
    received = mail_server.Inbox()
    controller = mail_server.start(received)
    yield received
    controller.stop()


@pytest.fixture
def mail_config(app):
    """mail_config(**settings): the app's mail settings for this test only (the app outlives it)."""
    from tests.mail_server import MAIL_KEYS
    saved = {key: app.config.get(key) for key in MAIL_KEYS}
    yield app.config.update
    app.config.update(saved)


@pytest.fixture
def mail_on(inbox, mail_config):
    """The app sends its e-mails to `inbox`."""
    from tests.mail_server import settings
    mail_config(**settings(inbox.port))
    return inbox
