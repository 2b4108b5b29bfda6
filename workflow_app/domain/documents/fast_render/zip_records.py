"""The zip records and deflate settings zipfile writes, for the two places that write .docx
zips by hand (docx_out.py: a rendered document; number_slot.py: the number filled in)."""
from __future__ import annotations

import struct
import zlib

# PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16.
LOCAL = struct.Struct("<4s2B4HL2L2H")      # ... crc [7], sizes [8] [9], name and extra lengths [10] [11]
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # flags [5], method [6], crc [9], sizes [10] [11],
                                           # name, extra, comment lengths [12-14], local offset [18]
END = struct.Struct("<4s4H2LH")            # entries [4], directory size [5] and offset [6]
LOCAL_SIGNATURE, CENTRAL_SIGNATURE, END_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
UTF8_NAME = 0x800


def deflate_raw(blob: bytes) -> bytes:
    """`blob` deflated exactly as zipfile deflates a member."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(blob) + compressor.flush()
