"""Schema validity (openxml-audit): python-docx and LibreOffice open misplaced elements silently, Word may not."""
from __future__ import annotations

import pytest

from workflow_app.domain.documents import generate, template_names
from workflow_app.domain.documents.masters import DEFAULT_TEMPLATE_DIR

try:
    from . import document_samples as s
except ImportError:
    import document_samples as s

openxml_audit = pytest.importorskip("openxml_audit", reason="schema checks need openxml-audit (requirements-dev)")


@pytest.fixture(scope="module")
def validator():
    return openxml_audit.OpenXmlValidator()


@pytest.mark.parametrize("name", template_names())
def test_masters_and_their_documents_are_schema_valid(validator, tmp_path, name):
    plan = name in ("ke-hoach", "to-trinh-ke-hoach")
    paths = [DEFAULT_TEMPLATE_DIR / f"{name}.docx"]
    for stage in ("draft", "issued"):
        gen = s.plan_generation(stage) if plan else s.commendation_generation(stage)
        extra = {"print_positions": {"awardee": {"y_mm": 90}}} if name == "giay-khen-in-phoi" else {}
        doc = generate(name, s.PLAN if plan else s.COMMENDATION, s.replace(gen, extra=extra))
        paths.append(tmp_path / f"{stage}-{doc.name}")
        paths[-1].write_bytes(doc.content)
    for path in paths:
        result = validator.validate(str(path))
        assert result.is_valid, (path.name, [e.description for e in result.errors][:5])
