"""The layers the README describes, checked on the source: the domain knows no Flask and no
database, and no code outside a kind's own package asks which kind a document is by name."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from workflow_app.domain.kinds import KINDS

APP = Path(__file__).resolve().parents[1] / "workflow_app"
OUTSIDE_THE_DOMAIN = ("flask", "flask_babel", "flask_login", "flask_sqlalchemy", "flask_wtf", "flask_migrate",
                      "sqlalchemy", "wtforms", "werkzeug")
APP_LAYERS_ABOVE = ("models", "services", "web", "api", "kinds", "extensions", "cli")
# The demo's own data names the kinds it seeds, as a client would.
NAMES_KINDS_AS_DATA = {"services/seed.py", "services/demo_data.py"}
# Words that are also a kind's name ("decision", the round's decision) used as something else: the
# Quyết định line of a certificate printed on a phôi (a template variable and a stored print setting).
NOT_A_KIND = {("domain/documents/certificate_contexts.py", 'context["decision"] = decision'),
              ("domain/documents/print_layout.py", '"decision": ("PhoiQuyetDinh", Position(25, 166, 115)),')}


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:   # relative: resolve against the file's package
                package = path.relative_to(APP.parent).with_suffix("").parts[:-node.level]
                module = ".".join((*package, module) if module else package)
            found.append(module)
    return found


@pytest.mark.parametrize("path", sorted((APP / "domain").rglob("*.py")), ids=lambda p: str(p.relative_to(APP)))
def test_the_domain_imports_no_framework_and_no_upper_layer(path):
    bad = [m for m in _imports(path)
           if m.split(".")[0] in OUTSIDE_THE_DOMAIN
           or (m.startswith("workflow_app.") and m.split(".")[1] in APP_LAYERS_ABOVE)]
    assert not bad, f"{path.relative_to(APP)} imports {bad}"


def test_no_code_outside_a_kinds_package_branches_on_a_kind_name():
    names = "|".join(re.escape(name) for name in KINDS)
    quoted = re.compile(rf"""["']({names})["']""")
    offending = []
    for path in sorted([*APP.rglob("*.py"), *APP.rglob("*.html")]):
        relative = path.relative_to(APP).as_posix()
        if relative.startswith(("kinds/", "templates/kinds/")) or relative in NAMES_KINDS_AS_DATA:
            continue
        offending += [f"{relative}:{i}: {line.strip()}" for i, line in enumerate(path.read_text().splitlines(), 1)
                      if quoted.search(line) and (relative, line.strip()) not in NOT_A_KIND]
    assert not offending, "\n".join(offending)
