"""`flask backup create / verify / restore`: the whole system survives a round trip, on SQLite and
PostgreSQL and from one to the other; a restore refuses a database with data and a tampered archive.

Each source is a fresh migrated database with the demo (real .docx files) and the demo proposal
issued; each target is a fresh migrated database of its own, dropped at the end.
"""
from __future__ import annotations

import base64
import hashlib
import json
import uuid
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import flask_migrate
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from workflow_app import create_app
from workflow_app.extensions import db
from workflow_app.models import Document, DocumentCount, Organization
from workflow_app.services import accounts, demo_data, documents
from workflow_app.services.backup import durable_tables
from workflow_app.services.transitions import apply_transition

KINDS = ["sqlite", "postgresql"]
PASSWORD = "CangLong@2023"
DEMO_PIN = "135790"
AFTER_THE_DEMO = datetime(2023, 6, 15, 2, 0, tzinfo=timezone.utc)


# --- databases -------------------------------------------------------------------------------

class Databases:
    """New, empty, migrated databases, each with its own app; all dropped by close()."""

    def __init__(self, tmp_dir: Path, request):
        self.tmp_dir, self.request = tmp_dir, request
        self.apps, self.postgres_names = [], []

    def new_app(self, kind: str):
        if kind == "sqlite":
            url = f"sqlite:///{self.tmp_dir / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
        else:
            server = make_url(self.request.getfixturevalue("postgres_url"))
            name = f"wf_backup_{uuid.uuid4().hex[:10]}"
            self._admin(server, f'CREATE DATABASE "{name}"')
            self.postgres_names.append((server, name))
            url = server.set(database=name).render_as_string(hide_password=False)
        app = create_app({"TESTING": True, "SECRET_KEY": "backup-test", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            flask_migrate.upgrade()
        self.apps.append(app)
        return app

    @staticmethod
    def _admin(server, statement: str) -> None:
        engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(statement))
        engine.dispose()

    def close(self) -> None:
        for app in self.apps:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        for server, name in self.postgres_names:
            self._admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def module_databases(tmp_path_factory, request):
    databases = Databases(tmp_path_factory.mktemp("backup-sources"), request)
    yield databases
    databases.close()


@pytest.fixture
def databases(tmp_path, request):
    databases = Databases(tmp_path, request)
    yield databases
    databases.close()


# --- what must survive -----------------------------------------------------------------------

def system_state() -> dict:
    """The register, the counters, every file's hash (re-computed from its bytes) and row counts."""
    tables = db.metadata.tables
    entries, files = tables["register_entries"], tables["generated_files"]
    return {
        "register": sorted(tuple(r) for r in db.session.execute(select(entries)).all()),
        "counters": sorted(tuple(r) for r in db.session.execute(select(tables["number_registers"])).all()),
        "files": {i: (sha, hashlib.sha256(content).hexdigest()) for i, sha, content in
                  db.session.execute(select(files.c.id, files.c.sha256, files.c.content))},
        "rows": {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in durable_tables()},
        # derived, left out of the archive: the triggers rebuild the same totals on restore
        "document_counts": document_totals(),
    }


def document_totals() -> list[tuple]:
    key = [getattr(DocumentCount, c) for c in ("kind", "state", "issuer_id", "proposer_id",
                                               "unit_id", "created_by_id")]
    total = func.sum(DocumentCount.n)
    rows = db.session.execute(select(*key, total).group_by(*key).having(total != 0)).all()
    return sorted(tuple(r) for r in rows)


def issue_the_demo_proposal() -> None:
    proposal = db.session.scalar(select(Document).where(Document.kind == "commendation"))
    for name, username in [("submit", "approver.antruong"), ("review", "reviewer"), ("approve", "approver"),
                           ("issue", "archivist")]:
        # seed-demo turns digital signing on (issue 16): the approver signs with the demo PIN
        pin = {"signing_pin": DEMO_PIN} if name == "approve" else {}
        apply_transition(proposal, name, accounts.find_user(username), at=AFTER_THE_DEMO, **pin)


def issue_a_new_plan() -> Document:
    plan = documents.create(accounts.find_user("drafter"), {
        "kind": "plan", "title": "Kế hoạch sau khi khôi phục", "body": demo_data.PLAN_BODY})
    for name, username in [("submit", "reviewer"), ("review", "reviewer"), ("approve", "approver"),
                           ("issue", "archivist")]:
        pin = {"signing_pin": DEMO_PIN} if name == "approve" else {}
        apply_transition(plan, name, accounts.find_user(username), at=AFTER_THE_DEMO, generate=False, **pin)
    return plan


@pytest.fixture(scope="module", params=KINDS)
def archive(request, module_databases, tmp_path_factory):
    """(backup .zip of a seeded source database, the source's state, the source's kind)."""
    source = module_databases.new_app(request.param)
    with source.app_context():
        seeded = source.test_cli_runner().invoke(args=["seed-demo", "--password", PASSWORD, "--pin", DEMO_PIN])
        assert seeded.exit_code == 0, seeded.output
        issue_the_demo_proposal()
        state = system_state()
        path = tmp_path_factory.mktemp("archives") / f"{request.param}.zip"
        created = source.test_cli_runner().invoke(args=["backup", "create", str(path)])
        assert created.exit_code == 0, created.output
    return path, state, request.param


def run(app, *args):
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def row_total(app) -> int:
    with app.app_context():
        return sum(system_state()["rows"].values())


# --- round trip ------------------------------------------------------------------------------

@pytest.mark.parametrize("target_kind", KINDS)
def test_restore_gives_back_the_same_register_and_files(archive, target_kind, databases):
    path, original, _ = archive
    assert original["register"] and len(original["files"]) >= 5       # the plan and the issued proposal
    assert {e[5] for e in original["register"]} >= {"67/KH-UBND"}
    target = databases.new_app(target_kind)

    restored = run(target, "backup", "restore", str(path))

    assert restored.exit_code == 0, restored.output
    with target.app_context():
        assert system_state() == original
        assert all(sha == actual for sha, actual in system_state()["files"].values())
        # The restored system keeps working: the next plan of 2023 gets the next number, and new
        # rows get new ids (PostgreSQL sequences were moved past the restored ids).
        new_plan = issue_a_new_plan()
        assert new_plan.number == "68/KH-UBND"
        assert db.session.scalar(select(func.count()).select_from(Document)) == 3
        # The full-text index (an FTS5 table or a generated column, no table of the archive) is
        # rebuilt as the documents come back: the restored ones are found, and the new one.
        reviewer = accounts.find_user("reviewer")
        found = lambda q: [d.title for d in documents.search(reviewer, q=q).items]  # noqa: E731
        assert found("huynh van an") == [demo_data.COMMENDATION_TITLE]           # a nominee
        assert found("67/KH-UBND") == [demo_data.PLAN_TITLE]
        assert found("trung tam hoc tap cong dong") == [new_plan.title, demo_data.PLAN_TITLE]


def test_verify_accepts_an_intact_archive(archive, databases):
    path, original, kind = archive
    verified = run(databases.new_app("sqlite"), "backup", "verify", str(path))
    assert verified.exit_code == 0, verified.output
    assert f"{len(original['files'])} tệp" in verified.output
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["source_dialect"] == kind and manifest["alembic_revision"]
    assert [t["name"] for t in manifest["tables"]][0] == "organizations"
    assert {t["name"]: t["rows"] for t in manifest["tables"]} == original["rows"]


def test_backup_does_not_overwrite_a_file(archive, databases):
    path, _, kind = archive
    refused = run(databases.new_app(kind), "backup", "create", str(path))
    assert refused.exit_code != 0 and "đã tồn tại" in refused.output
    assert "Traceback" not in refused.output


def test_an_archive_is_readable_by_its_owner_only(databases, tmp_path):
    """It holds password and token hashes: 0600 like instance/secret_key, whatever the umask."""
    import os
    import stat
    app = databases.new_app("sqlite")
    path = tmp_path / "owner-only.zip"
    previous = os.umask(0o022)
    try:
        created = run(app, "backup", "create", str(path))
    finally:
        os.umask(previous)
    assert created.exit_code == 0, created.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- refusals --------------------------------------------------------------------------------

def test_restore_into_a_database_with_data_is_refused_and_changes_nothing(archive, databases):
    path, _, kind = archive
    target = databases.new_app(kind)
    with target.app_context():
        db.session.add(Organization(**demo_data.DISTRICT))
        db.session.commit()

    refused = run(target, "backup", "restore", str(path))

    assert refused.exit_code != 0
    assert "đã có dữ liệu" in refused.output and "not empty" in refused.output
    assert row_total(target) == 1


def test_restore_refuses_another_schema_revision_or_an_unmigrated_database(archive, databases, tmp_path):
    path, _, kind = archive
    target = databases.new_app(kind)
    with target.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'khac'"))
    refused = run(target, "backup", "restore", str(path))
    assert refused.exit_code != 0 and "revision" in refused.output and "khac" in refused.output

    bare = create_app({"TESTING": True, "SECRET_KEY": "x",
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'bare.sqlite3'}"})
    refused = run(bare, "backup", "restore", str(path))
    assert refused.exit_code != 0 and "db upgrade" in refused.output


def _rewrite(path: Path, out: Path, change) -> Path:
    """A copy of the archive with `change(entries)` applied to {name: bytes}."""
    with zipfile.ZipFile(path) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    change(entries)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out


def _flip_a_byte_of_the_first_file(entries: dict, fix_table_hash: bool = False) -> None:
    name = "tables/generated_files.jsonl"
    lines = entries[name].splitlines(keepends=True)
    row = json.loads(lines[0])
    content = bytearray(base64.b64decode(row["content"]))
    content[len(content) // 2] ^= 0x01
    row["content"] = base64.b64encode(bytes(content)).decode()
    lines[0] = (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    entries[name] = b"".join(lines)
    if fix_table_hash:   # as a careful forger would: only the file's own sha256 can tell now
        manifest = json.loads(entries["manifest.json"])
        for table in manifest["tables"]:
            if table["file"] == name:
                table["sha256"] = hashlib.sha256(entries[name]).hexdigest()
        entries["manifest.json"] = json.dumps(manifest).encode()


def _edit_manifest(entries: dict, edit) -> None:
    manifest = json.loads(entries["manifest.json"])
    edit(manifest)
    entries["manifest.json"] = json.dumps(manifest).encode()


TAMPERINGS = {
    "a changed byte in a file": (_flip_a_byte_of_the_first_file, "generated_files.jsonl: sha256"),
    "a changed byte, table hash forged": (
        lambda e: _flip_a_byte_of_the_first_file(e, fix_table_hash=True), "content hashes to"),
    "a missing table file": (lambda e: e.pop("tables/nominees.jsonl"), "tables/nominees.jsonl: missing"),
    "a changed register digest": (
        lambda e: _edit_manifest(e, lambda m: m.update(register_digest="0" * 64)), "register digest"),
    "a changed file hash in the manifest": (
        lambda e: _edit_manifest(e, lambda m: m["files"][0].update(sha256="0" * 64)), "expected 000"),
    "a changed row count": (
        lambda e: _edit_manifest(e, lambda m: m["tables"][0].update(rows=99)), "organizations: 2 rows, expected 99"),
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_tampered_archive_is_refused(archive, tampering, databases, tmp_path):
    path, _, kind = archive
    change, reason = TAMPERINGS[tampering]
    tampered = _rewrite(path, tmp_path / "tampered.zip", change)
    target = databases.new_app(kind)

    verified = run(target, "backup", "verify", str(tampered))
    restored = run(target, "backup", "restore", str(tampered))

    for result in (verified, restored):
        assert result.exit_code != 0, result.output
        assert reason in result.output and "Traceback" not in result.output
    assert row_total(target) == 0


def test_not_an_archive_is_a_clear_error(databases, tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    app = databases.new_app("sqlite")
    for command in ("verify", "restore"):
        result = run(app, "backup", command, str(junk))
        assert result.exit_code != 0 and "không phải bản sao lưu" in result.output
    missing = run(app, "backup", "verify", str(tmp_path / "none.zip"))
    assert missing.exit_code != 0 and "Không có tệp" in missing.output


@pytest.mark.parametrize("kind", KINDS)
def test_a_parent_body_with_a_higher_id_than_its_child_restores(kind, databases, tmp_path):
    """organizations.parent_id points into its own table; a parent created later must still load."""
    source = databases.new_app(kind)
    with source.app_context():
        db.session.add(Organization(id=2, **demo_data.DISTRICT))
        db.session.flush()
        db.session.add(Organization(id=1, parent_id=2, **demo_data.COMMUNE))
        db.session.commit()
    path = tmp_path / "parents.zip"
    assert run(source, "backup", "create", str(path)).exit_code == 0
    target = databases.new_app(kind)

    restored = run(target, "backup", "restore", str(path))

    assert restored.exit_code == 0, restored.output
    with target.app_context():
        commune = db.session.get(Organization, 1)
        assert commune.code == demo_data.COMMUNE["code"] and commune.parent.code == demo_data.DISTRICT["code"]
