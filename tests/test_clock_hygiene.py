"""No code or test reads the machine's calendar: office days come from domain/clock.py.

From 17:00 to 24:00 UTC the machine's date (or UTC's) is a day behind Vietnam's, and a test
that compared an issue date with `date.today()` failed every evening. This walks the syntax
trees of the app, the tests and the benchmarks for the calls that read the machine's day.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {ROOT / "workflow_app" / "domain" / "clock.py"}


def _name(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return "?"


def _machine_day_reads(tree) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        if called.endswith(("date.today", "datetime.today", "datetime.utcnow")):
            found.append((node.lineno, f"{called}()"))
        elif called.endswith("datetime.now") and not node.args and not node.keywords:
            found.append((node.lineno, "datetime.now() without a time zone"))
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "date" and not node.args \
                and isinstance(node.func.value, ast.Call) and _name(node.func.value.func).endswith("datetime.now"):
            found.append((node.lineno, "datetime.now(…).date(): UTC's day, not the office's"))
    return found


def test_no_code_reads_the_machine_s_day_outside_the_clock():
    offenders = []
    for folder in ("workflow_app", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in ALLOWED:
                continue
            for line, what in _machine_day_reads(ast.parse(path.read_text(encoding="utf-8"))):
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert offenders == [], "use workflow_app.domain.clock.local_today()/local_date():\n" + "\n".join(offenders)


def test_the_walk_finds_each_way_of_reading_the_machine_s_day():
    source = ("from datetime import date, datetime, timezone\n"
              "a = date.today()\nb = datetime.now()\nc = datetime.now(timezone.utc).date()\n"
              "d = datetime.utcnow()\ne = datetime.now(timezone.utc)\n")
    assert [line for line, _ in _machine_day_reads(ast.parse(source))] == [2, 3, 4, 5]
