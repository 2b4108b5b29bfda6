"""A document rendered before its number is known, and the number filled in afterwards.

Rendering takes milliseconds of CPU; the official number comes from a register row
that stays locked until the step commits. So the step renders first, with a random
12-digit marker as Numbering.seq, and only then takes the number and writes it over
the marker: the register is locked for the fill, not for the render.

    marker = new_marker()
    file = generate(name, content, gen_with_seq(marker))   # "Số: 483920175566/KH-UBND"
    file = fill_number(file, marker, 67)                   # "Số: 67/KH-UBND"

The fill runs under the lock, so it is cheap: the zip is patched in place, members
without the marker are copied as stored (no recompression), and only the members
holding it (the body, the core properties) are deflated again.

The marker must come out of the render whole, in one run. docxtpl rejoins a tag Word
split across runs, so `{{ number_line }}` always gives it whole; a master that prints
the number in pieces (the marker's digits and its `/` in different runs) does not:
fill_number then raises NumberSplitAcrossRuns, and the caller renders that file again
with the number itself ("lock, number, render": services/generation.py).
"""
from __future__ import annotations

import hashlib
import io
import re
import secrets
import zipfile
import zlib
from dataclasses import replace
from typing import TYPE_CHECKING

from ... import vnformat
from .docx_out import known_member
from .zip_records import CENTRAL, END, END_SIGNATURE, LOCAL, LOCAL_SIGNATURE, UTF8_NAME, deflate_raw

if TYPE_CHECKING:
    from ..rendered_file import RenderedFile

BODY_PART = "word/document.xml"

_ENCRYPTED, _DATA_DESCRIPTOR = 0x1, 0x8
_FULL32 = 0xFFFFFFFF                         # a zip64 field: not for a .docx of this size


def new_marker() -> int:
    """12 random digits: text that no document holds by chance."""
    return secrets.randbelow(9 * 10**11) + 10**11


class NumberSplitAcrossRuns(ValueError):
    """The body prints the marker, but not whole in one run: render the file with the number instead."""


def fill_number(file: RenderedFile, marker: int, seq: int) -> RenderedFile:
    """`file` with every `<marker>/` (number lines, references, core properties) read `<seq>/`.

    Raises NumberSplitAcrossRuns when the body prints the marker but not every time whole
    (its digits left after the fill, or only in the text across runs), and ValueError when
    the body does not print it at all (a master that lost its number slot): either way the
    file would otherwise be issued without its number.
    """
    old, new = f"{marker}/".encode(), f"{vnformat.format_seq(seq)}/".encode()
    try:
        content, changed = _patch_members(file.content, old, new, file.template_sha256)
    except _UnusualZip:
        content, changed = _rewrite_members(file.content, old, new)
    body, digits = changed.get(BODY_PART), str(marker).encode()
    if body is not None and digits not in body:
        return replace(file, content=content, sha256=hashlib.sha256(content).hexdigest(), size=len(content))
    if body is not None or _text_holds(file.content, digits):
        raise NumberSplitAcrossRuns(f"{file.name}: the number slot of {BODY_PART} is split across runs")
    raise ValueError(f"{file.name}: the number slot is missing from {BODY_PART}")


_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.DOTALL)
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def _text_holds(content: bytes, text: bytes) -> bool:
    """Whether a paragraph of the body reads `text` (across its runs). Only for a refused fill."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        body = z.read(BODY_PART)
    return any(text in b"".join(_TEXT.findall(p)) for p in _PARAGRAPH.findall(body))


class _UnusualZip(Exception):
    """A layout the patcher leaves to zipfile (data descriptors, zip64, encryption)."""


def _patch_members(content: bytes, old: bytes, new: bytes,
                   master_sha256: str = "") -> tuple[bytes, dict[str, bytes]]:
    """The zip with `old` replaced by `new` in every member, and the members changed (name -> bytes).

    Same member order, headers, dates and compression; only the changed members' data,
    CRC and sizes, and the offsets after them, differ. A member the render wrote from its
    cache of the master's unchanged members (docx_out.py) is read from there, not inflated.
    """
    end_at = content.rfind(END_SIGNATURE)
    end = list(END.unpack_from(content, end_at)) if end_at >= 0 else None
    if end is None or end[4] == 0xFFFF or _FULL32 in end[5:7]:
        raise _UnusualZip
    members, directory, changed = bytearray(), bytearray(), {}
    at = end[6]
    for _ in range(end[4]):
        record = list(CENTRAL.unpack_from(content, at))
        tail = content[at + CENTRAL.size:at + CENTRAL.size + sum(record[12:15])]
        header, data = _stored(content, record)
        name = tail[:record[12]].decode("utf-8" if record[5] & UTF8_NAME else "cp437")
        plain = known_member(master_sha256, name, data) if record[6] == zipfile.ZIP_DEFLATED else None
        if plain is None:
            plain = _inflate(data, record[6])
        if old in plain:
            plain = plain.replace(old, new)
            data = _deflate(plain, record[6])
            record[9:12] = zlib.crc32(plain), len(data), len(plain)
            header = _with_crc_and_sizes(header, record[9:12])
            changed[name] = plain
        record[18] = len(members)
        members += header + data
        directory += CENTRAL.pack(*record) + tail
        at += CENTRAL.size + len(tail)
    end[5], end[6] = len(directory), len(members)
    return bytes(members + directory + END.pack(*end) + content[end_at + END.size:]), changed


def _stored(content: bytes, record: list) -> tuple[bytes, bytes]:
    """(local header with name and extra, data as stored) of the member `record` describes."""
    flags, method, size, offset = record[5], record[6], record[10], record[18]
    if flags & (_ENCRYPTED | _DATA_DESCRIPTOR) or method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
            or _FULL32 in (size, record[11], offset):
        raise _UnusualZip
    local = LOCAL.unpack_from(content, offset)
    if local[0] != LOCAL_SIGNATURE:
        raise _UnusualZip
    data_at = offset + LOCAL.size + local[10] + local[11]
    return content[offset:data_at], content[data_at:data_at + size]


def _with_crc_and_sizes(header: bytes, crc_and_sizes: list[int]) -> bytes:
    fields = list(LOCAL.unpack_from(header))
    fields[7:10] = crc_and_sizes
    return LOCAL.pack(*fields) + header[LOCAL.size:]


def _inflate(data: bytes, method: int) -> bytes:
    return zlib.decompress(data, -zlib.MAX_WBITS) if method == zipfile.ZIP_DEFLATED else data


def _deflate(plain: bytes, method: int) -> bytes:
    if method != zipfile.ZIP_DEFLATED:
        return plain
    return deflate_raw(plain)


def _rewrite_members(content: bytes, old: bytes, new: bytes) -> tuple[bytes, dict[str, bytes]]:
    """The same as _patch_members through zipfile, which reads any layout (and recompresses all)."""
    out, changed = io.BytesIO(), {}
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():   # same order, names, dates and compression
            data = source.read(info)
            if old in data:
                data = data.replace(old, new)
                changed[info.filename] = data
            target.writestr(info, data)
    return out.getvalue(), changed
