"""Schema validity (openxml-audit): python-docx and LibreOffice open misplaced elements silently, Word may not."""
from __future__ import annotations

import io

import pytest
from docx import Document

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
        doc = generate(name, s.PLAN if plan else s.MIXED, s.replace(gen, extra=extra))   # pages of each award
        paths.append(tmp_path / f"{stage}-{doc.name}")
        paths[-1].write_bytes(doc.content)
    for path in paths:
        result = validator.validate(str(path))
        assert result.is_valid, (path.name, [e.description for e in result.errors][:5])


def test_certificates_set_smaller_to_fit_their_page_are_schema_valid(validator, tmp_path):
    """The scaled copies of the styles (certificate_fitting.py) are written as Word expects them."""
    longest = s.replace(s.NOMINEES[0], full_name="Nguyễn Thị Ngọc Ánh " * 10, position="Giáo viên " * 20,
                        organization="Trường Trung học cơ sở An Trường " * 9, achievement="Đã có thành tích " * 30)
    for name in ("giay-khen", "chien-si-thi-dua-co-so"):
        award = s.CHIEN_SI if name == "chien-si-thi-dua-co-so" else s.GIAY_KHEN
        doc = generate(name, s.commendation_with([s.replace(longest, award=award)]), s.commendation_generation())
        styles = {st.style_id for st in Document(io.BytesIO(doc.content)).styles}
        assert any(sid.startswith("GKThanhTich") and sid[-1].isdigit() for sid in styles)     # it was set smaller
        path = tmp_path / doc.name
        path.write_bytes(doc.content)
        result = validator.validate(str(path))
        assert result.is_valid, (path.name, [e.description for e in result.errors][:5])


def test_the_printed_register_is_schema_valid(validator, tmp_path):
    """Issue 13, point 10: /archive/register.docx as Word expects it (the no-wrap cells included)."""
    from datetime import date

    from workflow_app.domain.register import RegisterRow, RegisterSheet, to_docx
    rows = tuple(RegisterRow(f"{i}/QĐ-UBND", date(2026, 12, 1), "QĐ", "Khen thưởng", "Phạm Minh Tuấn",
                             ("UBND các xã;", "Lưu: VT, NV."), "VT, NV") for i in (1, 123))
    path = tmp_path / "so-dang-ky.docx"
    path.write_bytes(to_docx(RegisterSheet(("ỦY BAN NHÂN DÂN", "HUYỆN CÀNG LONG"), 2026, "", rows)))
    result = validator.validate(str(path))
    assert result.is_valid, [e.description for e in result.errors][:5]
