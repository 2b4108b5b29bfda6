"""Official .docx documents: plain data in (see data.py), bytes out.

    from workflow_app.domain.documents import generate, GeneratedFile, TEMPLATE_NAMES
    generate("quyet-dinh-khen-thuong", commendation, generation) -> GeneratedFile
    fill_number(file, marker, 67) -> GeneratedFile   # rendered with seq=marker, numbered after (number_slot.py)
"""
from .contexts import TEMPLATE_NAMES
from .generate import GeneratedFile, generate
from .masters import check_all_masters
from .number_slot import fill_number, new_marker

__all__ = ["GeneratedFile", "TEMPLATE_NAMES", "check_all_masters", "fill_number", "generate", "new_marker"]
