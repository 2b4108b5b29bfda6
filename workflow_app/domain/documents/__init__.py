"""Official .docx documents: plain data in (see data.py), bytes out.

    from workflow_app.domain.documents import generate, RenderedFile, template_names
    generate("quyet-dinh-khen-thuong", commendation, generation) -> RenderedFile
    fill_number(file, marker, 67) -> RenderedFile   # rendered with seq=marker, numbered after
                                                    # (fast_render/number_slot.py)

Rendering: render.py, with the fast path in fast_render/ and stock docxtpl in reference_render.py.
"""
from .certificate_contexts import certificate_pages
from .contexts import template_names
from .fast_render import NumberSplitAcrossRuns, fill_number, new_marker
from .generate import generate
from .master_check import check_all_masters
from .render import FAST, REFERENCE, RENDERERS
from .rendered_file import RenderedFile

__all__ = ["FAST", "NumberSplitAcrossRuns", "REFERENCE", "RENDERERS", "RenderedFile", "certificate_pages",
           "check_all_masters", "fill_number", "generate", "new_marker", "template_names"]
