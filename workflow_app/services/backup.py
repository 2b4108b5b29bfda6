"""Backup and restore of the whole system: every table (generated .docx bytes included) in one .zip.

The archive is logical (JSON lines, binary columns base64), so it restores the same on SQLite and
PostgreSQL and from one to the other. A restore goes only into an empty database migrated to the
archive's Alembic revision, inserts everything in one transaction and commits only when the
restored row counts, register digest and file hashes equal the manifest.
"""
from __future__ import annotations

import hashlib
import json
import os
import tomllib
import zipfile
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Iterator

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..domain.backup_manifest import (
    MANIFEST_NAME,
    Fingerprint,
    Manifest,
    TableEntry,
    decode_value,
    differences,
    encode_value,
    register_digest,
    table_file_name,
)
from ..extensions import db
from . import bulk_load

_BATCH_ROWS = 500
_BATCH_BYTES = 16 * 1024 * 1024   # generated files are large rows: bound a batch by size too
_YIELD_PER = 500


class BackupError(Exception):
    """A refused backup, verification or restore; nothing in the database changed."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = problems or []
        super().__init__("\n".join([message, *(f"  - {p}" for p in self.problems)]))


def durable_tables() -> list:
    """The tables a backup holds. Derived ones (document_counts) are left out: a restore
    counts the restored documents (services/bulk_load.py)."""
    return [t for t in db.metadata.sorted_tables if not t.info.get("derived")]


# --- create ----------------------------------------------------------------------------------

def create_backup(path: str | Path) -> Manifest:
    """Write every table of the current database to `path` (a new .zip) and return its manifest."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"Tệp {path} đã tồn tại; không ghi đè. / {path} exists; not overwriting.")
    partial = path.with_name(path.name + ".partial")   # a failed backup leaves no archive behind
    try:
        with _snapshot(db.engine) as conn, _owner_only(partial) as out, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            fingerprint = database_fingerprint(conn)
            if fingerprint.problems:
                raise BackupError("Cơ sở dữ liệu có tệp hỏng; không sao lưu. / "
                                  "Stored files do not match their sha256.", fingerprint.problems)
            entries = [_export_table(conn, table, archive) for table in durable_tables()]
            exported = {e.name: e.rows for e in entries}
            if exported != fingerprint.row_counts:   # cannot happen inside one snapshot; cheap to prove
                raise BackupError("Số dòng thay đổi trong khi sao lưu. / Row counts changed during backup.")
            manifest = Manifest(
                app_version=_app_version(), alembic_revision=_alembic_revision(conn),
                created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                source_dialect=conn.dialect.name, tables=entries,
                register_digest=fingerprint.register_digest, files=fingerprint.files)
            archive.writestr(MANIFEST_NAME, manifest.to_json())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _owner_only(path: Path):
    """A new file only its owner may read (0600, like instance/secret_key), whatever the umask:
    an archive holds every password and token hash. O_EXCL: never through a planted symlink."""
    path.unlink(missing_ok=True)   # what a killed earlier run left behind
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def _export_table(conn: Connection, table, archive: zipfile.ZipFile) -> TableEntry:
    columns = list(table.columns)
    name = table_file_name(table.name)
    digest, rows = hashlib.sha256(), 0
    query = select(table).order_by(*table.primary_key.columns)
    with archive.open(name, "w", force_zip64=True) as out:
        for row in conn.execute(query.execution_options(yield_per=_YIELD_PER)):
            record = {c.name: encode_value(c.type, row._mapping[c]) for c in columns}
            line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
            out.write(line)
            digest.update(line)
            rows += 1
    return TableEntry(table.name, name, [c.name for c in columns], rows, digest.hexdigest())


@contextmanager
def _snapshot(engine) -> Iterator[Connection]:
    """One consistent read of every table, even while the app keeps writing."""
    if engine.dialect.name == "sqlite":
        # pysqlite opens no transaction for SELECTs; an explicit BEGIN pins one WAL snapshot.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("BEGIN")
            try:
                yield conn
            finally:
                conn.exec_driver_sql("ROLLBACK")
    else:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ",
                                                postgresql_readonly=True) as conn, conn.begin():
            yield conn


# --- fingerprint of a database -------------------------------------------------------------

def database_fingerprint(conn: Connection) -> Fingerprint:
    """Row counts, register digest and file hashes of the database; re-hashes every file's bytes."""
    tables = db.metadata.tables
    counts = {t.name: conn.scalar(select(func.count()).select_from(t)) for t in durable_tables()}
    entries = tables["register_entries"].c
    digest = register_digest(conn.execute(select(
        entries.organization_id, entries.year, entries.series, entries.seq, entries.number,
        entries.document_id)))
    files, problems = {}, []
    gf = tables["generated_files"].c
    query = select(gf.id, gf.sha256, gf.size, gf.content).order_by(gf.id)
    for file_id, sha256, size, content in conn.execute(query.execution_options(yield_per=_YIELD_PER)):
        files[file_id] = sha256
        actual = hashlib.sha256(content or b"").hexdigest()
        if actual != sha256 or len(content or b"") != size:
            problems.append(f"generated file #{file_id}: content hashes to {actual}, stored sha256 {sha256}")
    return Fingerprint(counts, digest, files, problems)


# --- verify an archive -----------------------------------------------------------------------

def verify_backup(path: str | Path) -> Manifest:
    """Check an archive without a database: every table file, row count, file hash and the register."""
    with _open_archive(path) as archive:
        manifest = _read_manifest(archive)
        problems = _missing_table_files(archive, manifest)
        if problems:
            raise BackupError("Bản sao lưu thiếu dữ liệu. / The archive is incomplete.", problems)
        found = Fingerprint()
        register_rows = []
        for entry in manifest.tables:
            table = db.metadata.tables.get(entry.name)
            rows = 0
            for record in _read_rows(archive, entry, problems):
                rows += 1
                if entry.name == "generated_files":
                    _check_file_record(record, found)
                elif entry.name == "register_entries":
                    register_rows.append(tuple(record[k] for k in (
                        "organization_id", "year", "series", "seq", "number", "document_id")))
            if table is None:
                problems.append(f"{entry.name}: not a table of this version of the app")
            found.row_counts[entry.name] = rows
        found.register_digest = register_digest(register_rows)
        problems += differences(manifest.fingerprint(), found)
    if problems:
        raise BackupError("Bản sao lưu không toàn vẹn. / The archive failed verification.", problems)
    return manifest


def _check_file_record(record: dict, found: Fingerprint) -> None:
    try:
        content = decode_value(db.metadata.tables["generated_files"].c.content.type, record["content"]) or b""
    except ValueError:
        found.problems.append(f"generated file #{record['id']}: content is not base64")
        return
    actual = hashlib.sha256(content).hexdigest()
    found.files[record["id"]] = record["sha256"]
    if actual != record["sha256"] or len(content) != record["size"]:
        found.problems.append(f"generated file #{record['id']}: content hashes to {actual}, "
                              f"stored sha256 {record['sha256']}")


# --- restore ---------------------------------------------------------------------------------

def restore_backup(path: str | Path) -> Manifest:
    """Load an archive into this empty, migrated database; commit only if it verifies."""
    with _open_archive(path) as archive:
        manifest = _read_manifest(archive)
        tables = durable_tables()
        problems = _missing_table_files(archive, manifest) + _schema_differences(manifest, tables)
        if problems:
            raise BackupError("Bản sao lưu không khớp với phiên bản này. / "
                              "The archive does not match this schema.", problems)
        db.session.remove()   # the restore runs on its own connection; no ORM state may linger
        with db.engine.connect() as conn, conn.begin() as transaction:
            _refuse_unless_empty_target(conn, manifest)
            by_name = {e.name: e for e in manifest.tables}
            try:
                with bulk_load.counts_rebuilt_after(conn):
                    for table in tables:
                        _insert_table(conn, table, _read_rows(archive, by_name[table.name], problems))
            except (ValueError, TypeError, SQLAlchemyError) as exc:   # a tampered row the schema refuses
                raise BackupError("Khôi phục bị hủy, cơ sở dữ liệu không thay đổi. / Restore aborted and "
                                  "rolled back.", [*problems, f"{exc.__class__.__name__}: {exc}"]) from exc
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn, tables)
            problems += differences(manifest.fingerprint(), database_fingerprint(conn))
            if problems:
                transaction.rollback()
                raise BackupError("Khôi phục bị hủy, cơ sở dữ liệu không thay đổi. / "
                                  "Restore aborted and rolled back.", problems)
    return manifest


def _refuse_unless_empty_target(conn: Connection, manifest: Manifest) -> None:
    existing = set(inspect(conn).get_table_names())
    missing = [t.name for t in db.metadata.sorted_tables if t.name not in existing]
    if missing:
        raise BackupError("Cơ sở dữ liệu đích chưa được tạo bảng; chạy `flask db upgrade` trước. / "
                          "Target is not migrated; run `flask db upgrade` first.", missing)
    revision = _alembic_revision(conn)
    if revision != manifest.alembic_revision:
        raise BackupError(f"Phiên bản lược đồ khác nhau: đích {revision}, bản sao lưu "
                          f"{manifest.alembic_revision}. / Alembic revision differs: target {revision}, "
                          f"archive {manifest.alembic_revision}.")
    if conn.dialect.name == "postgresql":   # nobody may write while we fill the tables
        names = ", ".join(conn.dialect.identifier_preparer.quote(t.name) for t in db.metadata.sorted_tables)
        conn.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
    not_empty = [t.name for t in db.metadata.sorted_tables
                 if conn.scalar(select(func.count()).select_from(t))]
    if not_empty:
        raise BackupError("Cơ sở dữ liệu đích đã có dữ liệu; chỉ khôi phục vào cơ sở dữ liệu trống. / "
                          "Target database is not empty; restore only into an empty database.", not_empty)


def _insert_table(conn: Connection, table, records: Iterator[dict]) -> None:
    """Core inserts in batches (the ORM refuses to touch evidence rows, and would be slow)."""
    self_refs = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    pk = list(table.primary_key.columns)
    seen, later = set(), []        # a row whose parent comes later gets its link after the table
    batch, batch_bytes = [], 0
    for record in records:
        row = {c.name: decode_value(c.type, record[c.name]) for c in table.columns}
        for column in self_refs:
            parent = row[column.name]
            if parent is not None and (parent,) not in seen:
                later.append(({c.name: row[c.name] for c in pk}, column.name, parent))
                row[column.name] = None
        if self_refs:
            seen.add(tuple(row[c.name] for c in pk))
        batch.append(row)
        batch_bytes += sum(len(v) for v in row.values() if isinstance(v, (bytes, str)))
        if len(batch) >= _BATCH_ROWS or batch_bytes >= _BATCH_BYTES:
            conn.execute(table.insert(), batch)
            batch, batch_bytes = [], 0
    if batch:
        conn.execute(table.insert(), batch)
    for key, column, parent in later:
        where = [table.c[name] == value for name, value in key.items()]
        conn.execute(table.update().where(*where).values({column: parent}))


def _reset_sequences(conn: Connection, tables) -> None:
    """Inserting explicit ids leaves PostgreSQL sequences at 1: move each to max(id)."""
    quote = conn.dialect.identifier_preparer.quote
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        t, c = quote(table.name), quote(pk[0].name)
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:table, :column), "
            f"COALESCE((SELECT MAX({c}) FROM {t}), 1), (SELECT MAX({c}) FROM {t}) IS NOT NULL)"),
            {"table": table.name, "column": pk[0].name})


def _schema_differences(manifest: Manifest, tables) -> list[str]:
    ours = {t.name: [c.name for c in t.columns] for t in tables}
    theirs = {e.name: e.columns for e in manifest.tables}
    found = [f"{name}: table missing from the archive" for name in ours if name not in theirs]
    found += [f"{name}: unknown table in the archive" for name in theirs if name not in ours]
    found += [f"{name}: columns {theirs[name]}, expected {cols}"
              for name, cols in ours.items() if name in theirs and sorted(theirs[name]) != sorted(cols)]
    return found


# --- reading archives ------------------------------------------------------------------------

@contextmanager
def _open_archive(path: str | Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except FileNotFoundError as exc:
        raise BackupError(f"Không có tệp {path}. / No such file.") from exc
    except zipfile.BadZipFile as exc:
        raise BackupError(f"{path} không phải bản sao lưu (.zip hỏng). / Not a backup archive: {exc}") from exc


def _read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        return Manifest.from_json(archive.read(MANIFEST_NAME).decode("utf-8"))
    except KeyError as exc:
        raise BackupError("Bản sao lưu không có manifest.json. / The archive has no manifest.json.") from exc
    except (ValueError, TypeError) as exc:
        raise BackupError(f"manifest.json không hợp lệ. / Invalid manifest.json: {exc}") from exc


def _missing_table_files(archive: zipfile.ZipFile, manifest: Manifest) -> list[str]:
    present = set(archive.namelist())
    return [f"{e.file}: missing from the archive" for e in manifest.tables if e.file not in present]


def _read_rows(archive: zipfile.ZipFile, entry: TableEntry, problems: list[str]) -> Iterator[dict]:
    """The table file's rows, one at a time; a file whose bytes differ from the manifest is reported."""
    digest, rows = hashlib.sha256(), 0
    with archive.open(entry.file) as lines:
        for line in lines:
            digest.update(line)
            rows += 1
            try:
                record = json.loads(line)
            except ValueError:
                problems.append(f"{entry.file}: line {rows} is not JSON")
                continue
            if sorted(record) != sorted(entry.columns):
                problems.append(f"{entry.file}: line {rows} has columns {sorted(record)}")
                continue
            yield record
    if digest.hexdigest() != entry.sha256:
        problems.append(f"{entry.file}: sha256 {digest.hexdigest()}, manifest says {entry.sha256}")


# --- versions --------------------------------------------------------------------------------

def _alembic_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    revisions = sorted(conn.scalars(text("SELECT version_num FROM alembic_version")))
    return ",".join(revisions) or None


def _app_version() -> str:
    try:
        return package_metadata.version("workflow-app")
    except package_metadata.PackageNotFoundError:   # run from the source tree, not installed
        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text())["project"]["version"]
        except (OSError, KeyError, ValueError):
            return "unknown"
