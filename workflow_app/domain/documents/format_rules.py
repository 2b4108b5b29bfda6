"""The layout check a master must pass before an office's edit is used (`flask templates check`).

It is the project's Decree 30 checker (domain/format_check), run on a sample render of
the master; a sample is a draft or a final, so blank numbers and days are allowed.
"""
from __future__ import annotations

from ..format_check import check_certificates, check_document


def layout_problems(content: bytes, certificate: bool = False, expected_pages: int | None = None) -> list[str]:
    report = check_certificates(content, pages=expected_pages) if certificate else check_document(content, draft=True)
    return [str(failure) for failure in report.failures]
