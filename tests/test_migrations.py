"""`flask db upgrade` builds the schema from nothing, and the models match the migrations."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.conftest import fresh_postgres_database

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
            "organizations", "units", "users", "user_roles", "api_tokens", "nominees", "notifications"} <= tables


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
    is what ships, at the head revision, with the count and full-text triggers that only the
    migrations create."""
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
                                    ["document_counts_delete", "document_counts_insert", "document_counts_update",
                                     "documents_fts_delete", "documents_fts_insert", "documents_fts_update"])


def test_separation_of_duties_counts_each_existing_creator_among_the_authors(tmp_path):
    """Migration 332538c3089a: documents written before it keep their creator as an author, and
    every body starts with the rule in force (issue 12, point 4)."""
    url = f"sqlite:///{tmp_path / 'duties.sqlite3'}"
    assert flask("db", "upgrade", "c1c3c4d9f8df", database_url=url, tmp_path=tmp_path).returncode == 0
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO organizations (id, code, name, name_lines, parent_line, place_name, abbreviation,"
            " collective, collective_title, head_title, deputy_title, address, numbering_scheme, legal_bases,"
            " awards) VALUES (1, 'UBND-CL', 'UBND', '[]', '', 'Càng Long', 'UBND', 1, '', 'Chủ tịch', '', '',"
            " 'per_type', '[]', '[]')"))
        conn.execute(text(
            "INSERT INTO users (id, username, password_hash, full_name, position, organization_id, active,"
            " created_at) VALUES (7, 'drafter', 'x', 'Drafter', '', 1, 1, '2026-01-01')"))
        conn.execute(text(
            "INSERT INTO documents (id, kind, state, version, organization_id, owner_organization_id,"
            " created_by_id, title, search_text, body, ever_submitted, created_at, updated_at)"
            " VALUES (3, 'plan', 'draft', 1, 1, 1, 7, 'Kế hoạch', '', '{}', 0, '2026-01-01', '2026-01-01')"))
    up = flask("db", "upgrade", database_url=url, tmp_path=tmp_path)
    assert up.returncode == 0, up.stderr
    with engine.connect() as conn:
        assert conn.execute(text("SELECT document_id, user_id FROM document_editors")).all() == [(3, 7)]
        assert conn.scalar(text("SELECT allow_combined_duties FROM organizations")) in (0, False)
    engine.dispose()
    for step in (("downgrade", "c1c3c4d9f8df"), ("upgrade",)):   # both ways with rows referring to the body
        done = flask("db", *step, database_url=url, tmp_path=tmp_path)
        assert done.returncode == 0, done.stderr


def _stored_awards(engine) -> list:
    with engine.connect() as conn:
        value = conn.scalar(text("SELECT awards FROM organizations"))
    return value if isinstance(value, list) else json.loads(value)      # PostgreSQL's JSON comes parsed


def _awards_learn_their_certificate(url: str, tmp_path):
    assert flask("db", "upgrade", "c1c3c4d9f8df", database_url=url, tmp_path=tmp_path).returncode == 0
    before = [{"code": "giay_khen", "label": "Giấy khen"},
              {"code": "lao_dong_tien_tien", "label": "Lao động tiên tiến"},
              {"code": "chien_si_thi_dua_co_so", "label": "Chiến sĩ thi đua cơ sở"},
              {"code": "gk_chu_tich", "label": "Giấy khen của Chủ tịch"},
              {"code": "cstdcs", "label": "Danh hiệu “Chiến sĩ thi đua cơ sở”"},
              {"code": "bang_khen", "label": "Bằng khen"},
              {"code": "chosen", "label": "Giấy khen", "certificate": None}]
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO organizations (code, name, name_lines, parent_line, place_name, abbreviation, collective,"
            " collective_title, head_title, deputy_title, address, numbering_scheme, legal_bases, awards)"
            " VALUES ('X', 'Ủy ban nhân dân xã X', '[]', '', 'X', 'UBND', :yes, 'Ủy ban nhân dân', 'Chủ tịch',"
            " 'Phó Chủ tịch', '', 'per_type', '[]', :awards)"), {"awards": json.dumps(before), "yes": True})
    assert flask("db", "upgrade", database_url=url, tmp_path=tmp_path).returncode == 0
    after = _stored_awards(engine)
    assert [a.get("certificate") for a in after] == ["giay_khen", None, "chien_si_thi_dua_co_so", "giay_khen",
                                                     "chien_si_thi_dua_co_so", None, None]
    assert [{k: v for k, v in a.items() if k != "certificate"} for a in after] == \
        [{k: v for k, v in a.items() if k != "certificate"} for a in before]
    assert flask("db", "downgrade", "c1c3c4d9f8df", database_url=url, tmp_path=tmp_path).returncode == 0
    assert _stored_awards(engine) == [{k: v for k, v in a.items() if k != "certificate"} for a in before]
    engine.dispose()


def test_award_lists_learn_which_certificate_each_award_gets(tmp_path):
    """Issue 13, point 1: a body's awards from before name no certificate (every awardee got a Giấy
    khen); the data migration gives each the one its code or label names, and none to the others."""
    _awards_learn_their_certificate(f"sqlite:///{tmp_path / 'awards.sqlite3'}", tmp_path)


def test_award_lists_learn_which_certificate_each_award_gets_on_postgresql(tmp_path):
    with fresh_postgres_database("wf_awards") as url:
        _awards_learn_their_certificate(url, tmp_path)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_full_text_migration_fills_and_empties_the_index(database, tmp_path):
    """c33d51381a82 writes out the search text rule to fill the documents that exist: it gives
    what the application gives (services/documents.search_key), and the downgrade gives back the
    folded title and number the LIKE search read."""
    import flask_migrate
    from sqlalchemy import select, update

    from tests.conftest import fresh_postgres_database
    from workflow_app import create_app
    from workflow_app.extensions import db
    from workflow_app.models import Document
    from workflow_app.services import accounts, documents, seed

    def check(url):
        app = create_app({"TESTING": True, "SECRET_KEY": "migration-test", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            # Seeded with today's models at the head, then taken back to before the index (the
            # models no longer match an older schema once a later migration adds a column).
            flask_migrate.upgrade()
            seed.seed_demo("mat-khau-thu-nghiem")
            db.session.remove()
            flask_migrate.downgrade(revision="1a262b1217fa")
            db.session.execute(update(Document).values(search_text="ke hoach"))   # as an older rule left it
            db.session.commit()
            db.session.remove()   # a migration waits for no open transaction of ours
            flask_migrate.upgrade()
            for document in db.session.scalars(select(Document)):
                assert document.search_text == documents.search_key(document), document.kind
            reviewer, commune = accounts.find_user("reviewer"), accounts.find_user("drafter.antruong")
            proposal = db.session.scalar(select(Document).where(
                Document.proposer_id == commune.organization_id))
            assert [d.id for d in documents.search(commune, q="huynh van an").items] == [proposal.id]
            assert documents.search(reviewer, q="67/kh-ubnd").total == 1
            db.session.remove()
            flask_migrate.downgrade(revision="1a262b1217fa")
            plan_text = db.session.scalar(select(Document.search_text).where(Document.state == "issued"))
            assert plan_text.startswith("thuc hien phong trao") and plan_text.endswith(" 67/kh-ubnd")
            db.session.remove()
            flask_migrate.upgrade()
            db.session.remove()
            db.engine.dispose()

    if database == "sqlite":
        check(f"sqlite:///{tmp_path / 'fts.sqlite3'}")
    else:
        with fresh_postgres_database("wf_fts") as url:
            check(url)


def _stored_legal_bases(engine) -> list:
    with engine.connect() as conn:
        value = conn.scalar(text("SELECT legal_bases FROM organizations"))
    return value if isinstance(value, list) else json.loads(value)      # PostgreSQL's JSON comes parsed


def _legal_bases_learn_their_dates(url: str, tmp_path):
    assert flask("db", "upgrade", "f3b9c2d1a7e4", database_url=url, tmp_path=tmp_path).returncode == 0
    lines = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
             "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"]
    dated = {"text": "Căn cứ Nghị định số 152/2025/NĐ-CP;", "in_force_from": "2025-07-01", "in_force_until": None}
    before = [*lines, dated]          # an entry already in the new form is left as it is
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO organizations (code, name, name_lines, parent_line, place_name, abbreviation, collective,"
            " collective_title, head_title, deputy_title, address, numbering_scheme, legal_bases, awards)"
            " VALUES ('X', 'Ủy ban nhân dân xã X', '[]', '', 'X', 'UBND', :yes, 'Ủy ban nhân dân', 'Chủ tịch',"
            " 'Phó Chủ tịch', '', 'per_type', :bases, '[]')"), {"bases": json.dumps(before), "yes": True})
    up = flask("db", "upgrade", database_url=url, tmp_path=tmp_path)
    assert up.returncode == 0, up.stderr
    assert _stored_legal_bases(engine) == [*({"text": t, "in_force_from": None, "in_force_until": None}
                                             for t in lines), dated]
    down = flask("db", "downgrade", "f3b9c2d1a7e4", database_url=url, tmp_path=tmp_path)
    assert down.returncode == 0, down.stderr
    assert _stored_legal_bases(engine) == [*lines, dated["text"]]     # the texts stay, the dates go
    engine.dispose()


def test_legal_bases_become_entries_that_can_carry_dates(tmp_path):
    """Issue 13, point 4b: a body's legal bases were plain lines; each becomes an entry with no
    dates (in force always), which the admin may then date."""
    _legal_bases_learn_their_dates(f"sqlite:///{tmp_path / 'bases.sqlite3'}", tmp_path)


def test_legal_bases_become_entries_that_can_carry_dates_on_postgresql(tmp_path):
    with fresh_postgres_database("wf_bases") as url:
        _legal_bases_learn_their_dates(url, tmp_path)


def test_the_name_key_migration_folds_names_as_the_application_does():
    """b8d2f4a61c37 fills nominees.name_key with its own copy of the folding rule (a migration
    must not change with the app): both agree on the names the search finds."""
    import importlib.util

    from workflow_app.domain.text import fold
    path = ROOT / "migrations" / "versions" / "b8d2f4a61c37_nominees_citizen_id_and_name_key.py"
    spec = importlib.util.spec_from_file_location("name_key_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("Nguyễn Thị Ngọc Ánh", "  ĐẶNG   Văn Ước ", "Thạch Thị Sa Rinh\u0301", "Hộ ông Võ\tVăn Mẫu",
                 "Trương Thị Mỹ Hạnh\x00", "Lê\u2028Hoàng Phúc", "Nguyễn Thị Ngọc Ánh".encode().decode()):
        assert module._fold(name) == fold(name), name
