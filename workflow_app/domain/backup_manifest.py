"""What a backup archive promises about the database it came from (no Flask, no database).

A backup archive holds `manifest.json` and one JSON-lines file per table. The manifest carries
a fingerprint of the database — row counts, a digest of the outgoing register and the sha256 of
every generated file — so that a restore can prove the restored database is the same system.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Iterable

FORMAT = "workflow-app-backup/1"
MANIFEST_NAME = "manifest.json"


def table_file_name(table: str) -> str:
    return f"tables/{table}.jsonl"


def register_digest(rows: Iterable[tuple]) -> str:
    """sha256 over the register rows (organization_id, year, series, seq, number, document_id).

    Sorted in Python, not SQL: database collations order "QĐ" and "KH" differently."""
    lines = sorted(json.dumps([int(o), int(y), s, int(q), n, int(d)], ensure_ascii=False)
                   for o, y, s, q, n, d in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@dataclass
class Fingerprint:
    """What must be equal between a database and its backup (and the restored copy)."""
    row_counts: dict[str, int] = field(default_factory=dict)
    register_digest: str = ""
    files: dict[int, str] = field(default_factory=dict)          # generated_files.id -> sha256
    problems: list[str] = field(default_factory=list)            # contents not matching their sha256


@dataclass
class TableEntry:
    name: str
    file: str
    columns: list[str]
    rows: int
    sha256: str            # of the JSON-lines file as stored in the archive


@dataclass
class Manifest:
    app_version: str
    alembic_revision: str | None
    created_at: str                     # ISO 8601, UTC
    source_dialect: str
    tables: list[TableEntry]            # in dependency order: restore inserts in this order
    register_digest: str
    files: dict[int, str]               # generated_files.id -> sha256
    format: str = FORMAT

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = [{"id": i, "sha256": h} for i, h in sorted(self.files.items())]
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}, expected {FORMAT}")
        data["tables"] = [TableEntry(**t) for t in data["tables"]]
        data["files"] = {int(f["id"]): f["sha256"] for f in data["files"]}
        return cls(**data)

    def fingerprint(self) -> Fingerprint:
        return Fingerprint({t.name: t.rows for t in self.tables}, self.register_digest, dict(self.files))


def differences(expected: Fingerprint, actual: Fingerprint) -> list[str]:
    """Every way `actual` differs from `expected`, as readable lines (empty when they match)."""
    found = list(actual.problems)
    for table in sorted(set(expected.row_counts) | set(actual.row_counts)):
        want, got = expected.row_counts.get(table), actual.row_counts.get(table)
        if want != got:
            found.append(f"{table}: {got} rows, expected {want}")
    if expected.register_digest != actual.register_digest:
        found.append("register digest differs (sổ đăng ký văn bản đi không khớp)")
    for file_id in sorted(set(expected.files) | set(actual.files)):
        want, got = expected.files.get(file_id), actual.files.get(file_id)
        if want != got:
            found.append(f"generated file #{file_id}: sha256 {got}, expected {want}")
    return found


# --- one table row <-> one JSON object -------------------------------------------------------

def _kind(column_type) -> type | None:
    # A TypeDecorator (UTCDateTime) reports `object`; what is stored is its implementation's type.
    column_type = getattr(column_type, "impl_instance", column_type)
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


def encode_value(column_type, value: Any) -> Any:
    if value is None:
        return None
    kind = _kind(column_type)
    if kind is bytes:
        return base64.b64encode(value).decode("ascii")
    if kind in (datetime, date):
        return value.isoformat()
    return value


def decode_value(column_type, value: Any) -> Any:
    if value is None:
        return None
    kind = _kind(column_type)
    if kind is bytes:
        return base64.b64decode(value, validate=True)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value
