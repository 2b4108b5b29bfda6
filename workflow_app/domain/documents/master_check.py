"""Checking the .docx masters before use.

`check_all_masters` is what `flask templates check` runs after an office edits
a master in Word: syntax, variables the code does not provide, tracked changes
or comments left in, a sample render at the draft and the issued stage, and the
layout rules of the rendered sample. It reports; it never raises.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate

from .certificate_contexts import certificate_pages
from .contexts import build_context, master_spec, template_names
from .format_rules import layout_problems
from .generate import generate_from_master
from .jinja_env import new_environment
from .masters import Master, load_master
from .render import FAST
from .sample import sample_stages


def _edit_marks(content: bytes) -> list[str]:
    """Tracked changes and comments survive rendering and would be issued with the document."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = set(z.namelist())
        xml = z.read("word/document.xml")
    if b"<w:ins " in xml or b"<w:del " in xml or b"<w:ins>" in xml or b"<w:del>" in xml:
        problems.append("the master holds tracked changes: accept or reject them in Word")
    if "word/comments.xml" in names:
        problems.append("the master holds comments: delete them in Word")
    return problems


def _variables(master: Master, provided: set[str]) -> list[str]:
    template = DocxTemplate(io.BytesIO(master.content))
    used = template.get_undeclared_template_variables(jinja_env=new_environment())
    unknown = sorted(used - provided)
    return [f"unknown variable(s): {', '.join(unknown)}"] if unknown else []


def check_master(name: str, template_dir: Path | None = None, renderer: str = FAST) -> list[str]:
    """Problems of one master, [] when it is fit for use."""
    try:
        master = load_master(name, template_dir)
    except OSError as exc:
        return [f"cannot read the master: {exc.strerror or exc}"]
    try:
        problems = _edit_marks(master.content)
    except (zipfile.BadZipFile, KeyError) as exc:
        return [f"not a .docx file: {exc}"]
    stages = sample_stages(name)
    try:
        problems += _variables(master, set(build_context(name, *stages[0][1:])[0]))
    except jinja2.TemplateSyntaxError as exc:
        return problems + [f"template syntax error (line {exc.lineno}): {exc.message}"]
    for stage, content, gen in stages:
        try:
            rendered = generate_from_master(master, content, gen, renderer)
        except Exception as exc:  # noqa: BLE001 - any failure is a report, never a crash
            problems.append(f"sample render ({stage}) failed: {type(exc).__name__}: {exc}")
            continue
        problems += [f"{stage}: {p}" for p in layout_problems(rendered.content, master_spec(name).certificate,
                                                            expected_pages=certificate_pages(name, content))]
    return problems


def check_all_masters(template_dir: Path | None = None, renderer: str = FAST) -> list[tuple[str, list[str]]]:
    """[(master name, problems)] for every master; never raises."""
    results = []
    for name in template_names():
        try:
            results.append((name, check_master(name, template_dir, renderer)))
        except Exception as exc:  # noqa: BLE001
            results.append((name, [f"check failed: {type(exc).__name__}: {exc}"]))
    return results
