"""Masters as an office leaves them after editing in Word: the number line's runs split.

word_split_tag: `{{ number_line }}` cut into runs the way Word cuts text it has edited
(revision ids, spell-check marks, a brace on its own). docxtpl rejoins such a tag, so the
number still comes out whole, in one run.
number_in_two_runs: the number line printed in two runs split at the slash ("Số: 67" and
"/KH-UBND" formatted apart): the number comes out split across runs, as no tag rejoins.
"""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from workflow_app.domain.documents import template_names
from workflow_app.domain.documents.masters import DEFAULT_TEMPLATE_DIR

NUMBER_RUN = b"<w:r><w:t>{{ number_line }}</w:t></w:r>"
WORD_SPLIT_RUNS = (b'<w:r w:rsidR="00B84C11"><w:t>{</w:t></w:r>'
                   b'<w:r w:rsidR="00B84C11"><w:t xml:space="preserve">{ </w:t></w:r>'
                   b'<w:proofErr w:type="spellStart"/>'
                   b'<w:r w:rsidR="00E23A90"><w:t>number_</w:t></w:r>'
                   b'<w:r w:rsidR="00E23A90"><w:t>line</w:t></w:r>'
                   b'<w:proofErr w:type="spellEnd"/>'
                   b'<w:r w:rsidR="00B84C11"><w:t xml:space="preserve"> }</w:t></w:r>'
                   b'<w:r w:rsidR="00B84C11"><w:t>}</w:t></w:r>')
TWO_RUNS = (b'<w:r><w:t>{{ number_line.split("/")[0] }}</w:t></w:r>'
            b'<w:r><w:rPr><w:b/></w:rPr><w:t>/{{ number_line.split("/", 1)[1] }}</w:t></w:r>')


def _with_body(master: bytes, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(master)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert data.count(old) == 1, "the master's number line is not the run expected"
                data = data.replace(old, new)
            target.writestr(info, data)
    return out.getvalue()


def word_split_tag(master: bytes) -> bytes:
    return _with_body(master, NUMBER_RUN, WORD_SPLIT_RUNS)


def number_in_two_runs(master: bytes) -> bytes:
    return _with_body(master, NUMBER_RUN, TWO_RUNS)


def masters_with(directory: Path, name: str, edit) -> Path:
    """A copy of every shipped master in `directory`, master `name` edited by edit(bytes) -> bytes."""
    for other in template_names():
        shutil.copy(DEFAULT_TEMPLATE_DIR / f"{other}.docx", directory / f"{other}.docx")
    path = directory / f"{name}.docx"
    path.write_bytes(edit(path.read_bytes()))
    return directory
