"""Official .docx documents: plain data in (see data.py), bytes out.

    from workflow_app.domain.documents import generate, GeneratedFile, template_names
    generate("quyet-dinh-khen-thuong", commendation, generation) -> GeneratedFile
    fill_number(file, marker, 67) -> GeneratedFile   # rendered with seq=marker, numbered after
                                                     # (fast_render/number_slot.py)

Rendering: render.py, with the fast path in fast_render/ and stock docxtpl in reference_render.py.
"""
from .contexts import template_names
from .fast_render import NumberSplitAcrossRuns, fill_number, new_marker
from .generate import GeneratedFile, generate
from .master_check import check_all_masters
from .render import FAST, REFERENCE, RENDERERS

__all__ = ["FAST", "GeneratedFile", "NumberSplitAcrossRuns", "REFERENCE", "RENDERERS", "template_names",
           "check_all_masters", "fill_number", "generate", "new_marker"]
