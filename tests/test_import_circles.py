"""No import circles in the domain and the services (issue 11: generate.py <-> masters.py had one).

A circle works only as long as the import order happens to suit it, and says that two modules
are one. This reads the import statements of workflow_app/domain and workflow_app/services (those
inside functions too) and looks for a cycle among the modules they name. `from . import x` names
the submodule x when there is one, else the package's __init__.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "workflow_app"
CHECKED = ("workflow_app.domain", "workflow_app.services")


def _modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    named = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:
                    named.add(f"{base}.{alias.name}")
                elif base in modules:
                    named.add(base)
    named.discard(name)
    return named


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as [a, b, ..., a], or None (depth-first search)."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_domain_and_the_services_have_no_import_circle():
    modules = _modules()
    checked = {n: p for n, p in modules.items() if n.startswith(CHECKED)}
    graph = {n: {m for m in _imports(n, p, modules) if m in checked} for n, p in checked.items()}
    assert len(graph) > 50   # the walk found the modules
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_check_sees_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
