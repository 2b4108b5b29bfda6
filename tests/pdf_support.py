"""Helpers for the PDF rendition tests: the queue settings of one test, and reading a PDF with poppler."""
from __future__ import annotations

import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from workflow_app.extensions import db

KEYS = ("PDF_QUEUE", "REDIS_URL", "PDF_QUEUE_NAME", "PDF_MAX_ATTEMPTS", "PDF_RETRY_DELAYS", "PDF_SWEEP_SECONDS",
        "PDF_CONVERTER", "PDF_LEASE_SECONDS", "PDF_PREVIEW_MAX_PAGES")


@contextmanager
def pdf_settings(app, **settings):
    """The app's PDF settings for one test (the app outlives it). Retries come at once."""
    saved = {key: app.config.get(key) for key in KEYS}
    app.config.update({"PDF_RETRY_DELAYS": (0, 0), **settings})
    try:
        yield
    finally:
        app.config.update(saved)


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "probe.pdf"
    path.write_bytes(pdf)
    return subprocess.run([shutil.which(tool) or tool, *args, str(path)], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    info = poppler("pdfinfo", pdf, tmp_path)
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def is_pdfa_2b(pdf: bytes, tmp_path: Path) -> bool:
    meta = poppler("pdfinfo", pdf, tmp_path, "-meta")
    return "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta


def fresh(model, key):
    db.session.expire_all()
    return db.session.get(model, key)
