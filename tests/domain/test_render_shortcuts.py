"""The render's shortcuts change nothing: the fast path's contract.

Fast path vs reference path: every master at every stage gives, through fast_render/ (per-master
caches, overridden docxtpl methods, the hand-written zip), the bytes of stock docxtpl and
python-docx's own save (reference_render.py), from cold caches and from warm ones.
Direct walks: the header and footer parts, and the lines to fit, are those python-docx's
objects (and a plain walk of the body) find.
"""
from __future__ import annotations

import importlib
import io
import time
import zipfile
from dataclasses import replace

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from workflow_app.domain.documents import (
    REFERENCE,
    fill_number,
    generate,
    line_fitting,
    new_marker,
    ooxml,
    template_names,
)
from workflow_app.domain.documents.clean import clean_tree
from workflow_app.domain.documents.contexts import build_context
from workflow_app.domain.documents.fast_render import cached_template, docx_out
from workflow_app.domain.documents.fast_render.cached_template import render_master
from workflow_app.domain.documents.masters import load_master
from workflow_app.domain.documents.sample import sample_stages

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s

render_module = importlib.import_module("workflow_app.domain.documents.render")

FROZEN_TIME = 1_700_000_000.0   # zip members carry the time they are written: the same for both paths
PLAN_TEMPLATES = ("ke-hoach", "to-trinh-ke-hoach", "phieu-trinh")


def _stages(name: str):
    """(label, content, generation): the neutral samples and the real-looking ones at each stage."""
    for stage, content, gen in sample_stages(name):
        yield f"sample-{stage}", content, gen
    for stage in ("draft", "approved", "issued"):
        if name in PLAN_TEMPLATES:
            yield f"plan-{stage}", s.PLAN, s.plan_generation(stage)
        if name not in ("ke-hoach", "to-trinh-ke-hoach"):
            yield f"commendation-{stage}", s.COMMENDATION, s.commendation_generation(stage)


def _python_docx_save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def cold_caches(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: FROZEN_TIME)
    monkeypatch.setattr(docx_out, "_DEFLATED_MEMBERS", {})
    monkeypatch.setattr(line_fitting, "_FONTS_BY_STYLES", {})
    for cache in ("_PARSED_PARTS", "_READERS", "_MASTER_FACTS", "_COMPILED"):
        monkeypatch.setattr(cached_template, cache, {})


@pytest.mark.parametrize("name", template_names())
def test_the_fast_render_gives_the_bytes_of_stock_docxtpl(name, cold_caches):
    for label, content, gen in _stages(name):
        fast = [generate(name, content, gen).content for _ in range(2)]   # cold, then warm
        reference = generate(name, content, gen, renderer=REFERENCE).content
        assert fast == [reference, reference], f"{name} {label}"


def test_the_reference_render_is_stock_docxtpl_untouched(cold_caches):
    """Nothing of the fast path runs on the reference path: none of its caches is filled."""
    for name in template_names():
        for _label, content, gen in _stages(name):
            generate(name, content, gen, renderer=REFERENCE)
    assert cached_template._PARSED_PARTS == cached_template._COMPILED == docx_out._DEFLATED_MEMBERS == {}
    assert line_fitting._FONTS_BY_STYLES == {}


def test_an_unknown_renderer_is_refused():
    with pytest.raises(ValueError, match="unknown renderer"):
        generate("ke-hoach", s.PLAN, s.plan_generation("issued"), renderer="faster")


def test_warm_render_deflates_only_the_members_that_changed(monkeypatch, cold_caches):
    deflated = []
    real_deflate = docx_out._deflate
    monkeypatch.setattr(docx_out, "_deflate", lambda blob: deflated.append(blob) or real_deflate(blob))
    generate("ke-hoach", s.PLAN, s.plan_generation("issued"))
    cold = len(deflated)
    deflated.clear()
    generate("ke-hoach", s.PLAN, s.plan_generation("draft"))
    assert 0 < len(deflated) < cold   # the body and core properties, not the theme, fonts or settings


@pytest.mark.parametrize("name", template_names())
def test_number_fill_reads_cached_members_as_it_would_inflate_them(name, monkeypatch, cold_caches):
    for label, content, gen in _stages(name):
        marker = new_marker()
        pending = replace(gen, numbering=replace(gen.numbering, seq=marker))
        rendered = generate(name, content, pending)    # leaves the master's members in the cache
        try:
            filled = fill_number(rendered, marker, 67).content
        except ValueError:     # a certificate prints no number: nothing to fill
            continue
        with monkeypatch.context() as cold:
            cold.setattr(docx_out, "_DEFLATED_MEMBERS", {})
            assert fill_number(rendered, marker, 67).content == filled, f"{name} {label}"


def test_any_python_docx_document_gives_its_own_save_bytes(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: FROZEN_TIME)
    document = Document()   # python-docx's default template: parts no master of ours has
    document.add_paragraph("Ủy ban nhân dân")
    content = docx_out.docx_bytes(document)
    assert content == _python_docx_save(document)
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None


def test_line_fitting_keeps_the_fonts_of_each_styles_key_apart(cold_caches):
    def fitted_indent(title_pt: int, styles_key: str | None) -> int:
        document = Document()
        document.styles["Title"].font.size = Pt(title_pt)
        document.add_paragraph("PHÒNG NỘI VỤ", style="Title")
        ooxml.paragraph_bottom_border(document.add_paragraph())
        line_fitting.fit_lines(document, styles_key=styles_key)
        return document.paragraphs[-1]._p.pPr.ind.left

    small, large = fitted_indent(13, "master-a"), fitted_indent(26, "master-b")
    assert small == fitted_indent(13, None) == fitted_indent(13, "master-a")
    assert large == fitted_indent(26, None) != small


def _rendered(name: str, content, gen):
    """The python-docx document of a master rendered with `content`, before any post-processing."""
    master = load_master(name)
    context, _ = build_context(name, content, gen)
    return render_master(master.content, master.sha256, clean_tree(context)).docx


@pytest.mark.parametrize("name", template_names())
def test_headers_and_footers_pinned_are_those_of_python_docx_sections(name):
    for label, content, gen in _stages(name):
        document = _rendered(name, content, gen)
        expected = [part._get_or_add_definition() for section in document.sections
                    for part in (section.header, section.first_page_header, section.footer,
                                 section.first_page_footer)
                    if not part.is_linked_to_previous]
        assert list(render_module._section_headers_and_footers(document)) == expected, f"{name} {label}"


@pytest.mark.parametrize("name", template_names())
def test_lines_to_fit_are_the_bordered_paragraphs_of_the_body_and_header_table(name):
    bordered = qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom")
    for label, content, gen in _stages(name):
        body = _rendered(name, content, gen).element.body
        paragraphs = list(body.iterchildren(qn("w:p")))
        header = body.find(qn("w:tbl"))
        if header is not None:
            paragraphs += [p for tc in header.iter(qn("w:tc")) for p in tc.iterchildren(qn("w:p"))]
        expected = [p for p in paragraphs if p.find(bordered) is not None]
        assert line_fitting._candidates(body) == expected, f"{name} {label}"
