"""The pure parts of a backup: the register digest, the value codec, manifest round trip."""
from datetime import date, datetime, timezone

from sqlalchemy import JSON, Date, Integer, LargeBinary, String

from workflow_app.domain.backup_manifest import (
    Fingerprint,
    Manifest,
    TableEntry,
    decode_value,
    differences,
    encode_value,
    register_digest,
)
from workflow_app.models.types import UTCDateTime

ROWS = [(1, 2023, "KH", 67, "67/KH-UBND", 1), (1, 2023, "QĐ", 1, "1/QĐ-UBND", 2), (2, 2023, "TTr", 5, "5/TTr-UBND", 2)]


def test_register_digest_ignores_row_order_but_not_content():
    assert register_digest(ROWS) == register_digest(list(reversed(ROWS)))
    assert register_digest(ROWS) != register_digest([*ROWS[:2], (2, 2023, "TTr", 6, "5/TTr-UBND", 2)])
    assert register_digest(ROWS) != register_digest(ROWS[:2])


def test_values_survive_the_json_codec():
    at = datetime(2023, 5, 30, 1, 30, 0, 123456, tzinfo=timezone.utc)
    for column_type, value in [(LargeBinary(), b"\x00PK\xff"), (UTCDateTime(), at), (Date(), date(2023, 5, 30)),
                               (JSON(), {"a": [1, "ă"]}), (Integer(), 7), (String(), "Càng Long"),
                               (String(), None)]:
        assert decode_value(column_type, encode_value(column_type, value)) == value


def test_manifest_round_trip_and_differences():
    manifest = Manifest("0.1.0", "706e26b11974", "2026-11-29T00:00:00+00:00", "sqlite",
                        [TableEntry("organizations", "tables/organizations.jsonl", ["id"], 2, "ab")],
                        register_digest(ROWS), {3: "cd", 1: "ef"})
    again = Manifest.from_json(manifest.to_json())
    assert again == manifest
    assert differences(manifest.fingerprint(), again.fingerprint()) == []
    found = differences(manifest.fingerprint(), Fingerprint({"organizations": 1}, "x", {1: "ef"}, ["bad"]))
    assert found == ["bad", "organizations: 1 rows, expected 2",
                     "register digest differs (sổ đăng ký văn bản đi không khớp)",
                     "generated file #3: sha256 None, expected cd"]
