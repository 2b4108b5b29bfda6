"""The docxtpl and python-docx internals the fast path relies on are still there (fast_render/internals.py)."""
from __future__ import annotations

import inspect

import pytest

from workflow_app.domain.documents.fast_render import cached_template, docx_out, internals


def test_the_installed_libraries_are_the_versions_the_internals_were_checked_against():
    assert internals.installed_versions() == internals.CHECKED_AGAINST, (
        "docxtpl or python-docx changed: check every entry of fast_render/internals.py and run "
        "tests/domain/test_render_shortcuts.py, then update CHECKED_AGAINST")


def test_every_internal_is_still_there_and_does_what_the_fast_path_relies_on():
    assert internals.problems() == []


def test_every_docxtpl_method_the_fast_path_overrides_is_listed():
    overridden = {name for name, member in vars(cached_template.CachedTemplate).items()
                  if inspect.isfunction(member) and not name.startswith("_")
                  and hasattr(cached_template.DocxTemplate, name)}
    listed = {i.name.rsplit(".", 1)[1] for i in internals.INTERNALS if i.name.startswith("docxtpl.DocxTemplate.")}
    assert len(overridden) == 8 and overridden <= listed


def test_the_zip_constants_of_the_writer_are_those_listed():
    assert (docx_out._VERSION, docx_out._ZIP64_LIMIT, docx_out._COUNT_LIMIT) == tuple(
        internals.resolve(f"zipfile.{name}") for name in ("DEFAULT_VERSION", "ZIP64_LIMIT", "ZIP_FILECOUNT_LIMIT"))


@pytest.mark.parametrize("broken", [
    internals.Internal("docxtpl.DocxTemplate.render_the_old_way", "gone"),
    internals.Internal("docxtpl.DocxTemplate.render", "reordered", calls=("fix_tables", "build_xml")),
    internals.Internal("docxtpl.DocxTemplate.render", "not called", calls=("build_xml", "no_such_step")),
    internals.Internal("docx.opc.part.XmlPart.__init__", "not set", sets=("_tree",)),
    internals.Internal("zipfile.DEFAULT_VERSION", "changed", value=45),
    internals.Internal("no_such_library.Thing", "not installed"),
], ids=["gone", "reordered", "not-called", "not-set", "value", "no-module"])
def test_a_changed_internal_is_reported_by_name(broken, monkeypatch):
    monkeypatch.setattr(internals, "INTERNALS", (broken,))
    found = internals.problems()
    assert len(found) == 1 and found[0].startswith(broken.name)
