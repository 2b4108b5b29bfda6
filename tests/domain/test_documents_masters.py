"""The shipped masters: in sync with build_masters.py, fit for use, and checked when an office edits one."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from workflow_app.domain.documents import RENDERERS, check_all_masters, generate, template_names
from workflow_app.domain.documents.masters import DEFAULT_TEMPLATE_DIR, load_master

try:
    from . import document_samples as s
    from . import split_masters
except ImportError:
    import document_samples as s
    import split_masters

REPO = Path(__file__).resolve().parents[2]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rewrite(path: Path, part: str, change) -> None:
    parts = _parts(path)
    parts[part] = change(parts[part].decode()).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_master_is_shipped_and_passes_its_checks(renderer):
    assert sorted(p.stem for p in DEFAULT_TEMPLATE_DIR.glob("*.docx")) == sorted(template_names())
    assert check_all_masters(renderer=renderer) == [(name, []) for name in template_names()]


@pytest.mark.parametrize("edit", [split_masters.word_split_tag, split_masters.number_in_two_runs])
def test_a_master_whose_number_line_word_split_passes_its_checks(edit, tmp_path):
    split_masters.masters_with(tmp_path, "ke-hoach", edit)
    assert dict(check_all_masters(tmp_path))["ke-hoach"] == []


def test_shipped_masters_are_what_build_masters_builds(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "document_templates" / "build_masters.py"), str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=REPO)
    assert run.returncode == 0, run.stderr
    for name in template_names():
        assert _parts(tmp_path / f"{name}.docx") == _parts(DEFAULT_TEMPLATE_DIR / f"{name}.docx"), \
            f"{name}.docx differs from build_masters.py: rebuild and commit the masters"


def test_masters_an_office_broke_are_reported_not_raised(tmp_path):
    for path in DEFAULT_TEMPLATE_DIR.glob("*.docx"):
        shutil.copy(path, tmp_path / path.name)
    _rewrite(tmp_path / "ke-hoach.docx", "word/document.xml", lambda x: x.replace("{{ subject }}", "{{ subjekt }}"))
    _rewrite(tmp_path / "to-trinh-ke-hoach.docx", "word/document.xml",
             lambda x: x.replace("{%p endfor %}", "", 1))
    _rewrite(tmp_path / "phieu-trinh.docx", "word/document.xml", lambda x: x.replace(
        "<w:t>Kính gửi", '<w:t>Kính gửi</w:t></w:r><w:ins w:id="9" w:author="A" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:t>x</w:t></w:r></w:ins><w:r><w:t>", 1))
    _rewrite(tmp_path / "bien-ban-xet-khen-thuong.docx", "word/document.xml",
             lambda x: x.replace('w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"'))
    (tmp_path / "quyet-dinh-khen-thuong.docx").write_bytes(b"not a zip")
    (tmp_path / "giay-khen.docx").unlink()
    report = dict(check_all_masters(tmp_path))
    assert any("unknown variable(s): subjekt" in p for p in report["ke-hoach"])
    assert any("template syntax error" in p for p in report["to-trinh-ke-hoach"])
    assert any("tracked changes" in p for p in report["phieu-trinh"])
    assert any("A4 portrait" in p for p in report["bien-ban-xet-khen-thuong"])
    assert any("not a .docx" in p for p in report["quyet-dinh-khen-thuong"])
    assert any("cannot read" in p for p in report["giay-khen"])
    assert report["to-trinh-khen-thuong"] == [] and report["giay-khen-in-phoi"] == []


def test_a_master_is_reread_only_when_its_file_changes(tmp_path):
    shutil.copy(DEFAULT_TEMPLATE_DIR / "ke-hoach.docx", tmp_path / "ke-hoach.docx")
    first = load_master("ke-hoach", tmp_path)
    assert load_master("ke-hoach", tmp_path) is first
    _rewrite(tmp_path / "ke-hoach.docx", "word/document.xml", lambda x: x.replace("KẾ HOẠCH", "KẾ  HOẠCH"))
    os.utime(tmp_path / "ke-hoach.docx", ns=(1, 1))
    second = load_master("ke-hoach", tmp_path)
    assert second.sha256 != first.sha256
    doc = generate("ke-hoach", s.PLAN, s.plan_generation(), template_dir=tmp_path)
    assert doc.template_sha256 == second.sha256 and "KẾ  HOẠCH" in s.paragraphs(doc.content)


def test_a_missing_master_is_an_error_of_the_installation(tmp_path):
    with pytest.raises(OSError):
        generate("ke-hoach", s.PLAN, s.plan_generation(), template_dir=tmp_path)


def test_long_lists_render_in_linear_time():
    """table.cell(i, j) in a loop would take minutes for 1000 rows (quadratic); rows must stay cheap."""
    many = s.commendation_with(s.many_nominees(1000))
    start = time.perf_counter()
    doc = generate("quyet-dinh-khen-thuong", many, s.commendation_generation())
    assert time.perf_counter() - start < 3
    assert "(Danh sách này có 200 tập thể và 800 cá nhân)./." in s.paragraphs(doc.content)
