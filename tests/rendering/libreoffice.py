"""Converting .docx files to PDF with LibreOffice and reading the PDF with poppler (for the rendering tests).

LibreOffice lays out with Liberation Serif (metric-compatible with Times New Roman), so page
counts match Word's. One soffice run converts everything, with its own profile directory
(concurrent runs sharing a profile lose jobs).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

TOOLS = ("soffice", "pdfinfo", "pdftotext", "pdffonts", "pdftoppm")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]


def skip_without_tools() -> None:
    if MISSING:
        pytest.skip(f"rendering tests need {', '.join(MISSING)}: apt-get install libreoffice-writer-nogui "
                    "poppler-utils fonts-liberation2", allow_module_level=True)


def run(cmd: list[str], timeout: int = 60) -> str:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)          # a hung soffice holds its profile: kill the group
        proc.communicate()
        raise
    assert proc.returncode == 0, err.decode(errors="replace")[-500:]
    return out.decode()


def convert(sources: list[Path], out: Path, timeout: int = 300) -> list[Path]:
    """The PDF of each .docx in `sources`, written to `out` by one soffice run."""
    profile = tempfile.mkdtemp(prefix="lo-profile-", dir="/tmp")
    try:
        run(["soffice", "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)], timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdfs = [out / f"{Path(source).stem}.pdf" for source in sources]
    assert all(p.exists() for p in pdfs), "soffice exited without writing every PDF"
    return pdfs


def pages(pdf: Path) -> int:
    info = run(["pdfinfo", str(pdf)])
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    span = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    return " ".join(run(["pdftotext", *span, str(pdf), "-"]).split())
