"""Rendering with a marker for the number and filling the number in afterwards (fast_render/number_slot.py)."""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace

import pytest
from docx import Document

from workflow_app.domain.documents import NumberSplitAcrossRuns, fill_number, generate, new_marker, template_names

try:
    from . import document_samples as s
    from . import split_masters
except ImportError:
    import document_samples as s
    import split_masters


def members(content: bytes) -> list[tuple[str, int, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return [(i.filename, i.compress_type, z.read(i)) for i in z.infolist()]


def with_seq(gen, seq, purpose="issued"):
    if purpose == "proposal":
        return replace(gen, proposal_numbering=replace(gen.proposal_numbering, seq=seq))
    return replace(gen, numbering=replace(gen.numbering, seq=seq))


def test_the_filled_plan_reads_its_number_everywhere_and_holds_no_marker(tmp_path):
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker))
    assert f"Số: {marker}/KH-UBND" in s.text(rendered.content)

    filled = fill_number(rendered, marker, 67)

    assert "Số: 67/KH-UBND" in s.text(filled.content)
    assert Document(io.BytesIO(filled.content)).core_properties.identifier == "67/KH-UBND"
    assert all(str(marker).encode() not in data for _, _, data in members(filled.content))
    with zipfile.ZipFile(io.BytesIO(filled.content)) as z:
        assert z.testzip() is None   # every member's CRC matches its data
    assert filled.sha256 == hashlib.sha256(filled.content).hexdigest() and filled.size == len(filled.content)
    assert (filled.name, filled.template_name, filled.template_sha256) == \
        (rendered.name, rendered.template_name, rendered.template_sha256)
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(filled.content)
    assert s.check_format([path], draft=False) == {str(path): []}


def test_a_single_digit_number_is_written_as_the_register_writes_it():
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker))
    assert "Số: 05/KH-UBND" in s.text(fill_number(rendered, marker, 5).content)


def _issued_variants():
    plan, commendation = s.plan_generation("issued"), s.commendation_generation("issued")
    unnumbered = ("to-trinh-ke-hoach", "phieu-trinh", "bien-ban-xet-khen-thuong",   # no step numbers them
                  "to-trinh-khen-thuong-dot", "bien-ban-xet-khen-thuong-dot")
    for name in template_names():
        if name == "ke-hoach":
            yield name, s.PLAN, plan, "issued"
        elif name == "to-trinh-khen-thuong":
            yield name, s.COMMENDATION, commendation, "proposal"
        elif name not in unnumbered:
            yield name, s.MIXED, commendation, "issued"


@pytest.mark.parametrize("name,content,gen,purpose", list(_issued_variants()),
                         ids=[v[0] for v in _issued_variants()])
def test_filling_gives_what_rendering_with_the_number_gives(name, content, gen, purpose):
    """Same members, order, compression and bytes as a file rendered with the number itself."""
    marker, seq = new_marker(), 67
    filled = fill_number(generate(name, content, with_seq(gen, marker, purpose)), marker, seq)
    direct = generate(name, content, with_seq(gen, seq, purpose))
    assert members(filled.content) == members(direct.content)


def test_every_giay_khen_page_gets_the_decision_number():
    marker = new_marker()
    gen = s.commendation_generation("issued")
    filled = fill_number(generate("giay-khen", s.COMMENDATION, with_seq(gen, marker)), marker, 67)
    decision_lines = [p for p in s.paragraphs(filled.content) if p.startswith("Quyết định số")]
    assert len(decision_lines) == len(s.ACCEPTED_COLLECTIVES + s.ACCEPTED_INDIVIDUALS)
    assert all(line.startswith("Quyết định số 67/QĐ-UBND") for line in decision_lines)


class _Unseekable(io.RawIOBase):
    """An output zipfile cannot seek back in: it writes data descriptors after each member."""

    def __init__(self):
        self.written = bytearray()

    def writable(self):
        return True

    def write(self, data):
        self.written += data
        return len(data)


def test_members_are_copied_as_stored_and_only_those_with_the_marker_change():
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker))
    filled = fill_number(rendered, marker, 67)
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as before, \
            zipfile.ZipFile(io.BytesIO(filled.content)) as after:
        changed = {a.filename for b, a in zip(before.infolist(), after.infolist())
                   if (b.CRC, b.compress_size) != (a.CRC, a.compress_size)}
        assert [i.filename for i in before.infolist()] == [i.filename for i in after.infolist()]
    assert changed == {"word/document.xml", "docProps/core.xml"}


def test_a_zip_laid_out_otherwise_is_filled_all_the_same():
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker))
    out = _Unseekable()
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
    unusual = replace(rendered, content=bytes(out.written))
    assert zipfile.ZipFile(io.BytesIO(unusual.content)).infolist()[0].flag_bits & 0x8   # data descriptors
    filled = fill_number(unusual, marker, 67)
    assert members(filled.content) == members(fill_number(rendered, marker, 67).content)


def test_a_file_without_the_marker_is_refused():
    marker = new_marker()
    unnumbered = generate("ke-hoach", s.PLAN, s.plan_generation("approved"))
    with pytest.raises(ValueError, match="number slot is missing") as refused:
        fill_number(unnumbered, marker, 67)
    assert not isinstance(refused.value, NumberSplitAcrossRuns)   # nothing to render again: the slot is gone


def test_a_marker_outside_the_body_alone_is_refused():
    """A master that splits the number across runs still has it whole in the core properties."""
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":   # the number split over two runs
                data = data.replace(str(marker).encode(), f"{str(marker)[:6]}</w:t><w:t>{str(marker)[6:]}".encode())
            target.writestr(info, data)
    split = replace(rendered, content=out.getvalue())
    with pytest.raises(NumberSplitAcrossRuns, match="number slot"):
        fill_number(split, marker, 67)


def test_a_body_with_the_marker_whole_once_and_split_once_is_refused():
    """Filling the whole one would leave the other's digits: the file would be issued with a marker."""
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker))
    whole = f"<w:p><w:r><w:t>{marker}/KH-UBND</w:t></w:r></w:p>".encode()
    split = f"<w:p><w:r><w:t>{marker}</w:t></w:r><w:r><w:t>/KH-UBND</w:t></w:r></w:p>".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + whole + split, 1)
            target.writestr(info, data)
    with pytest.raises(NumberSplitAcrossRuns):
        fill_number(replace(rendered, content=out.getvalue()), marker, 67)


def test_a_number_tag_word_split_across_runs_is_filled_all_the_same(tmp_path):
    """docxtpl rejoins a tag Word split across runs: the marker comes out whole."""
    masters = split_masters.masters_with(tmp_path, "ke-hoach", split_masters.word_split_tag)
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker), masters)
    assert "Số: 67/KH-UBND" in s.text(fill_number(rendered, marker, 67).content)


def test_a_master_printing_the_number_in_two_runs_says_so(tmp_path):
    masters = split_masters.masters_with(tmp_path, "ke-hoach", split_masters.number_in_two_runs)
    marker = new_marker()
    rendered = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), marker), masters)
    assert f"Số: {marker}/KH-UBND" in s.text(rendered.content)   # whole in the text, split in the XML
    with pytest.raises(NumberSplitAcrossRuns):
        fill_number(rendered, marker, 67)
    direct = generate("ke-hoach", s.PLAN, with_seq(s.plan_generation("issued"), 67), masters)
    assert "Số: 67/KH-UBND" in s.text(direct.content)   # what the caller does instead


def test_markers_are_twelve_digits_and_differ():
    markers = {new_marker() for _ in range(100)}
    assert len(markers) == 100 and all(len(str(m)) == 12 for m in markers)
