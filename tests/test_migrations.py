"""`flask db upgrade` builds the schema from nothing, and the models match the migrations."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

ROOT = Path(__file__).resolve().parents[1]


def flask(*args, database_url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "migration-test",
           "FLASK_APP": "wsgi"}
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def upgrade_and_check(url: str, tmp_path: Path):
    up = flask("db", "upgrade", database_url=url, tmp_path=tmp_path)
    assert up.returncode == 0, up.stderr
    check = flask("db", "check", database_url=url, tmp_path=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr
    tables = set(inspect(create_engine(url)).get_table_names())
    assert {"documents", "workflow_events", "generated_files", "number_registers", "register_entries",
            "organizations", "units", "users", "user_roles", "api_tokens", "nominees"} <= tables


def test_upgrade_an_empty_sqlite_file(tmp_path):
    upgrade_and_check(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path)


def test_upgrade_an_empty_postgresql_database(postgres_url, tmp_path):
    admin = create_engine(postgres_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    name = "wf_migrate_" + os.urandom(4).hex()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        upgrade_and_check(postgres_url.rsplit("/", 1)[0] + f"/{name}", tmp_path)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.parametrize("table,constraint", [
    ("register_entries", "uq_register_entries_organization_id_year_series_seq"),
    ("number_registers", "uq_number_registers_organization_id_year_series")])
def test_constraints_are_named(tmp_path, table, constraint):
    url = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    assert flask("db", "upgrade", database_url=url, tmp_path=tmp_path).returncode == 0
    names = {u["name"] for u in inspect(create_engine(url)).get_unique_constraints(table)}
    assert constraint in names


def test_the_suite_tests_the_migrated_schema(app):
    """conftest builds the test databases with `flask db upgrade`, not create_all(): what is tested
    is what ships, at the head revision, with the count triggers that only the migrations create."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from workflow_app.extensions import db

    with db.engine.connect() as conn:
        assert set(MigrationContext.configure(conn).get_current_heads()) == set(
            ScriptDirectory(str(ROOT / "migrations")).get_heads())
        if conn.dialect.name == "postgresql":
            triggers = conn.scalars(text("SELECT tgname FROM pg_trigger"
                                         " WHERE tgrelid = 'documents'::regclass AND NOT tgisinternal"))
        else:
            triggers = conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        assert sorted(triggers) == (["document_counts_insert_delete", "document_counts_update"]
                                    if conn.dialect.name == "postgresql" else
                                    ["document_counts_delete", "document_counts_insert", "document_counts_update"])
