"""Two fixes to the signing libraries' pinned releases, applied at import by the modules that sign
or verify PDFs (pdf_signing, signature_check). Each is checked against the library's own function
by tests/services/test_upstream_fixes.py and skipped when the installed release differs from the
one it was written for.

1. asn1crypto 1.5.1: a structure built in memory stays marked as changed after it is encoded, so
   every later access to its contents encodes it again, and `dump()` reads them twice: nested
   depth d costs 2^d encodings. The CMS of one signature (signed attributes, SignerInfo,
   SignedData) took ~7 ms of encoding instead of ~0.5. Upstream's fix (wbond/asn1crypto#256,
   commit a767d2d, July 2026) marks the structure unchanged once encoded; not in a release yet.
   Same four lines here.
2. pyHanko 0.38: a hex string (a signature's /Contents: 16 000 digits) is read one byte per call
   through a generator; the seal at issue reads the approver's signature through it and spent
   ~5 ms there. Read here in one pass up to the closing '>' when the body is only hex digits and
   PDF white space (every real /Contents); anything else (a comment, a bad byte, a missing '>')
   goes to pyHanko's own reader, which raises or skips as it always did.
"""
from __future__ import annotations

import binascii
import re
import threading

ASN1CRYPTO_RELEASE = "1.5.1"
PYHANKO_RELEASE = "0.38.0"
_HEX_BODY = re.compile(rb"[0-9A-Fa-f \n\r\t\f\x00]*")
_PDF_WHITESPACE = b" \n\r\t\f\x00"
_installed = False
_lock = threading.Lock()


def _release(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def _asn1crypto_encoded_once() -> bool:
    from asn1crypto import core
    if _release("asn1crypto") != ASN1CRYPTO_RELEASE:
        return False

    def marked_unchanged(encode):
        def _set_contents(self, force=False):
            encode(self, force)
            self._mutated = False
        _set_contents.__wrapped__ = encode
        return _set_contents

    for cls in (core.Sequence, core.SequenceOf, core.Set, core.SetOf):
        cls._set_contents = marked_unchanged(cls.__dict__["_set_contents"])
    return True


def read_hex_string(stream, fallback):
    """pyHanko's read_hex_string_from_stream in one pass (see the module docstring); `fallback`
    is pyHanko's own, for anything but hex digits and white space up to '>'."""
    from pyhanko.pdf_utils.generic import pdf_string
    start = stream.tell()
    stream.read(1)   # '<'
    chunks = []
    while True:
        chunk = stream.read(16384)
        if not chunk:
            break
        end = chunk.find(b">")
        if end < 0:
            chunks.append(chunk)
            continue
        body = b"".join(chunks) + chunk[:end]
        if not _HEX_BODY.fullmatch(body):
            break
        stream.seek(start + 1 + len(body) + 1)
        digits = body.translate(None, _PDF_WHITESPACE)
        if len(digits) % 2:
            digits += b"0"
        return pdf_string(binascii.unhexlify(digits))
    stream.seek(start)
    return fallback(stream)


def _pyhanko_hex_in_one_pass() -> bool:
    from pyhanko.pdf_utils import generic
    if _release("pyHanko") != PYHANKO_RELEASE:
        return False
    original = generic.read_hex_string_from_stream

    def read_hex_string_from_stream(stream):
        return read_hex_string(stream, original)
    read_hex_string_from_stream.__wrapped__ = original
    generic.read_hex_string_from_stream = read_hex_string_from_stream   # read_object looks it up here
    return True


def install() -> None:
    """Apply both fixes, once per process."""
    global _installed
    with _lock:
        if not _installed:
            _asn1crypto_encoded_once()
            _pyhanko_hex_in_one_pass()
            _installed = True
