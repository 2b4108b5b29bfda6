"""The project's own Decree 30/2020/NĐ-CP format checker for generated .docx files.

`check_document(content)` applies the rules of FORMAT.md (page, fonts, header block,
title, body, signature and recipients, metadata) and returns a Report whose failures
carry FORMAT.md's rule ids (P1 … M2). `check_certificates(content, pages)` checks a
Giấy khen file, which FORMAT.md lays out differently (landscape, one page each).
The tests check every generated document with it; `python -m
workflow_app.domain.format_check FILE.docx [--draft]` runs it from the shell.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from . import rules


@dataclass(frozen=True)
class Failure:
    rule: str
    why: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.why}"


@dataclass
class Report:
    failures: list[Failure] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def failed_rules(self) -> set[str]:
        return {f.rule for f in self.failures}

    def check(self, rule: str, ok: bool, why: str) -> bool:
        if ok:
            self.passed.append(rule)
        else:
            self.failures.append(Failure(rule, why))
        return ok


def _open(source: bytes | str | Path):
    content = source if isinstance(source, bytes) else Path(source).read_bytes()
    return Document(io.BytesIO(content)), zipfile.ZipFile(io.BytesIO(content))


def check_document(source: bytes | str | Path, *, draft: bool = False) -> Report:
    """Every rule of FORMAT.md; `draft` lets the number and the day stay blank and the "DỰ THẢO" mark stand."""
    report = Report()
    try:
        doc, package = _open(source)
    except Exception as exc:  # noqa: BLE001 - a file that does not open fails, whatever the reason
        report.check("M0", False, f"cannot be opened as .docx: {exc}")
        return report
    with package:
        rules.check_page(doc, report)
        rules.check_fonts(doc, report)
        rules.check_header(doc, report, draft)
        rules.check_draft_mark(doc, report, draft)
        title_end = rules.check_title(doc, report)
        if title_end is not None:
            rules.check_body(doc, report, title_end)
        rules.check_signature(doc, report)
        rules.check_metadata(doc, package, report)
    return report


def check_certificates(source: bytes | str | Path, *, pages: int | None = None) -> Report:
    """A Giấy khen file: A4 landscape, Times New Roman, `pages` pages (one per awardee), metadata."""
    report = Report()
    try:
        doc, package = _open(source)
    except Exception as exc:  # noqa: BLE001
        report.check("M0", False, f"cannot be opened as .docx: {exc}")
        return report
    with package:
        section = doc.sections[0]
        report.check("C1", section.page_width > section.page_height, "a Giấy khen is printed on A4 landscape")
        if pages is not None:
            breaks = sum(1 for br in doc.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
            report.check("C2", breaks + 1 == pages, f"{pages} certificates gave {breaks + 1} pages")
        rules.check_fonts(doc, report)
        rules.check_metadata(doc, package, report)
    return report
