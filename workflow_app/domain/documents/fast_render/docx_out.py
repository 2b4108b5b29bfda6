"""A rendered document's .docx bytes: exactly what python-docx's save writes, with less work.

python-docx saves through zipfile, which deflates every member on every save. Of a
document rendered from a master, only the body and the core properties change from one
render to the next; the other members (styles, theme, settings, fonts, relationships)
are the same bytes every time. Their deflated form is kept per master and member, and
reused while the member's bytes are unchanged. Members go in python-docx's order with
the records zipfile writes (version, flags, date, attributes), so the bytes are those
of `document.save()` (tests/domain/test_render_shortcuts.py compares the two for every master).
The python-docx and zipfile internals this relies on are listed in internals.py.
"""
from __future__ import annotations

import io
import sys
import threading
import time
import zlib

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from .zip_records import CENTRAL, CENTRAL_SIGNATURE, END, END_SIGNATURE, LOCAL, LOCAL_SIGNATURE, UTF8_NAME, deflate_raw

_VERSION = 20                                    # zipfile's DEFAULT_VERSION (deflate)
_SYSTEM = 0 if sys.platform == "win32" else 3    # ZipInfo.create_system
_DEFLATED = 8
_FILE_ATTRIBUTES = 0o600 << 16                   # what zipfile.writestr gives a file
_ZIP64_LIMIT = (1 << 31) - 1                     # zipfile's limits: beyond them it writes zip64 records
_COUNT_LIMIT = (1 << 16) - 1

# (master sha256, member name) -> (member bytes, crc32, deflated bytes): one entry per member of
# each master, replaced when the member's bytes change. The body and core properties change on
# every render; the number fill (number_slot.py) then reads them from here instead of inflating.
_DEFLATED_MEMBERS: dict[tuple[str, str], tuple[bytes, int, bytes]] = {}
_LOCK = threading.Lock()


def docx_bytes(document, cache_key: str | None = None) -> bytes:
    """`document.save()`'s bytes. cache_key (the master's sha256) lets unchanged members
    reuse their deflated form; None deflates every member."""
    members = package_members(document.part.package)
    if len(members) > _COUNT_LIMIT or sum(len(blob) for _, blob in members) * 1.05 > _ZIP64_LIMIT:
        out = io.BytesIO()    # zip64: never a document of ours, but zipfile knows how
        document.save(out)
        return out.getvalue()
    return _zip(members, cache_key)


def package_members(package) -> list[tuple[str, bytes]]:
    """(member name, bytes) in the order python-docx writes them (OpcPackage.save, PackageWriter.write)."""
    for part in package.parts:
        part.before_marshal()
    parts = package.parts
    members = [(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
               (PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return members


def known_member(cache_key: str, name: str, deflated: bytes) -> bytes | None:
    """Member `name`'s bytes if `deflated` is what this cache holds for them: they need no inflating."""
    cached = _DEFLATED_MEMBERS.get((cache_key, name))
    return cached[0] if cached is not None and cached[2] == deflated else None


def _deflate(blob: bytes) -> tuple[int, bytes]:
    return zlib.crc32(blob), deflate_raw(blob)


def _crc_and_deflated(cache_key: str | None, name: str, blob: bytes) -> tuple[int, bytes]:
    if cache_key is None:
        return _deflate(blob)
    cached = _DEFLATED_MEMBERS.get((cache_key, name))
    if cached is not None and cached[0] == blob:
        return cached[1], cached[2]
    crc, deflated = _deflate(blob)
    with _LOCK:
        _DEFLATED_MEMBERS[(cache_key, name)] = (blob, crc, deflated)
    return crc, deflated


def _dos_date_time() -> tuple[int, int]:
    """The current local time as zipfile stamps a member written with writestr."""
    year, month, day, hour, minute, second = time.localtime(time.time())[:6]
    return (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2


def _encoded_name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), UTF8_NAME


def _zip(members: list[tuple[str, bytes]], cache_key: str | None) -> bytes:
    out, directory = bytearray(), bytearray()
    for name, blob in members:
        crc, deflated = _crc_and_deflated(cache_key, name, blob)
        dos_date, dos_time = _dos_date_time()
        encoded, flags = _encoded_name(name)
        offset = len(out)
        out += LOCAL.pack(LOCAL_SIGNATURE, _VERSION, 0, flags, _DEFLATED, dos_time, dos_date, crc,
                           len(deflated), len(blob), len(encoded), 0)
        out += encoded
        out += deflated
        directory += CENTRAL.pack(CENTRAL_SIGNATURE, _VERSION, _SYSTEM, _VERSION, 0, flags, _DEFLATED,
                                   dos_time, dos_date, crc, len(deflated), len(blob), len(encoded),
                                   0, 0, 0, 0, _FILE_ATTRIBUTES, offset)
        directory += encoded
    end = END.pack(END_SIGNATURE, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)
