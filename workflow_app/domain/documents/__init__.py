"""Official .docx documents: plain data in (see data.py), bytes out.

    from workflow_app.domain.documents import generate, GeneratedFile, TEMPLATE_NAMES
    generate("quyet-dinh-khen-thuong", commendation, generation) -> GeneratedFile
"""
from .contexts import TEMPLATE_NAMES
from .generate import GeneratedFile, generate
from .masters import check_all_masters

__all__ = ["GeneratedFile", "TEMPLATE_NAMES", "check_all_masters", "generate"]
