"""The two fixes to the signing libraries' pinned releases (services/upstream_fixes.py): each gives
what the library's own code gives, and does what it is there for."""
from __future__ import annotations

import io

import pytest
from asn1crypto import core
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfReadError

from workflow_app.services import upstream_fixes

upstream_fixes.install()


# ---------------------------------------------------------------- asn1crypto: encoded once

class Leaf(core.Sequence):
    _fields = [("number", core.Integer), ("text", core.UTF8String)]


def _nested(depth: int):
    """A structure `depth` levels deep built in memory, as pyHanko builds a signature's CMS."""
    level = Leaf
    value = Leaf({"number": 7, "text": "Số: 01/QĐ-UBND"})
    for i in range(depth):
        level = type(f"Level{i}", (core.Sequence,), {"_fields": [("inner", level), ("n", core.Integer)]})
        value = level({"inner": value, "n": i})
    return value


def _count_encodings(monkeypatch) -> list[int]:
    calls = [0]
    wrapped = core.Sequence._set_contents

    def counting(self, force=False):
        calls[0] += 1
        return wrapped(self, force)
    monkeypatch.setattr(core.Sequence, "_set_contents", counting)
    return calls


def test_a_structure_built_in_memory_is_encoded_once_not_at_every_dump(monkeypatch):
    value = _nested(12)
    first = value.dump()
    calls = _count_encodings(monkeypatch)
    assert value.dump() == first
    assert calls[0] == 0   # asn1crypto 1.5.1 alone: 2^12 and more encodings of the leaf, again


def test_encoding_gives_the_same_bytes_as_the_library_alone(monkeypatch):
    value = _nested(6)
    fixed = value.dump()
    for cls in (core.Sequence, core.SequenceOf, core.Set, core.SetOf):
        monkeypatch.setattr(cls, "_set_contents", cls.__dict__["_set_contents"].__wrapped__)
    assert _nested(6).dump() == fixed
    assert type(value).load(fixed)["n"].native == 5


def test_a_changed_value_is_encoded_again():
    value = _nested(3)
    before = value.dump()
    value["inner"]["inner"]["n"] = 99
    after = value.dump()
    assert after != before and type(value).load(after)["inner"]["inner"]["n"].native == 99


def test_another_release_is_left_alone(monkeypatch):
    monkeypatch.setattr(upstream_fixes, "_release", lambda distribution: "9.9.9")
    before = core.Sequence.__dict__["_set_contents"]
    assert upstream_fixes._asn1crypto_encoded_once() is False
    assert upstream_fixes._pyhanko_hex_in_one_pass() is False
    assert core.Sequence.__dict__["_set_contents"] is before


# ---------------------------------------------------------------- pyHanko: hex strings in one pass

LONG = b"<" + b"3a0F" * 5000 + b">"   # 20 000 digits: longer than one read of the fast path

CASES = [
    b"<48656c6c6f> rest",
    b"<48 65\n6c\r\n6c\t6f\x0c\x00> rest",
    b"<486> x",                # odd: a trailing 0
    b"<> x",
    b"<4A4b4C>",
    LONG + b" /Next",
    b"<48%comment > here\n65>",  # a comment: pyHanko's own reader decides
    b"<48zz>",                 # a bad byte: pyHanko's error
    b"<4865",                  # no '>': pyHanko's error
]


def _read(reader, data: bytes):
    stream = io.BytesIO(data)
    try:
        value = reader(stream)
    except Exception as exc:   # noqa: BLE001 - compared below: the same kind of error both ways
        return ("error", type(exc)), stream.tell()
    return ("value", bytes(value.original_bytes) if hasattr(value, "original_bytes") else bytes(value)), stream.tell()


@pytest.mark.parametrize("data", CASES, ids=range(len(CASES)))
def test_hex_strings_read_as_pyhankos_own_reader_reads_them(data):
    original = generic.read_hex_string_from_stream.__wrapped__
    fast = _read(generic.read_hex_string_from_stream, data)
    assert fast == _read(original, data)
    if data.startswith(b"<48zz"):
        assert fast[0][0] == "error" and issubclass(fast[0][1], PdfReadError)


def test_the_fast_reader_is_the_one_pyhanko_uses():
    parsed = generic.read_object(io.BytesIO(LONG), generic.Reference(1, 0))
    assert bytes(parsed.original_bytes) == bytes.fromhex(LONG[1:-1].decode())
    assert generic.read_hex_string_from_stream.__wrapped__ is not generic.read_hex_string_from_stream
