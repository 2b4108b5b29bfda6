"""The pages of a file's PDF rendition as PNG images: the preview people decide on ("sign what you
see", issue 16): the document and step pages show the pages as they will be signed.

Images, not PDF.js: an <img> works under the pages' Content-Security-Policy (no inline script, no
plugin, no worker), on any phone, and there is nothing to vendor; the server already has poppler.

The images are made by poppler's `pdftoppm` right after the conversion, in the same job
(pdf_renditions._run: stored with the rendition in one commit), at two widths (`WIDTHS`: one for
screens, a smaller one that phones with plain-density screens pick through srcset), for the first
PDF_PREVIEW_MAX_PAGES pages only. A rendition made before them (or whose images could not be made
then) gets each page made when it is first asked for: one page, bounded by a timeout.
Bytes live in the database, as the PDF's do, so every app server and worker shares them.

A signed PDF (issue 16) is its own PDF: its rendition row (pdf_renditions._run_own_pdf) holds no
bytes, only the file's hash and page count, and its images are made of the file itself; they are
keyed by the file's id like any other, so the routes, the lazy pages and "Thử lại" are the same.
"""
from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import undefer

from ..extensions import db
from ..models import GeneratedFile, PdfPageImage, PdfRendition
from ..models.pdf_rendition import READY

log = logging.getLogger(__name__)

WIDTHS = (900, 480)       # pixels; the first is the default
DEFAULT_WIDTH = WIDTHS[0]
PAGE_TIMEOUT = 10.0       # seconds for one page made while a request waits
JOB_TIMEOUT = 120.0       # seconds for all the pages in the background job


class PagesFailed(Exception):
    """poppler could not read the PDF or make its pages."""


class PageShots(NamedTuple):
    pages: int                               # pages of the PDF (pdfinfo)
    images: dict[tuple[int, int], bytes]     # (width, page) -> PNG


def max_pages() -> int:
    return int(current_app.config.get("PDF_PREVIEW_MAX_PAGES", 40))


def shown_pages(pages: int | None) -> int:
    """How many pages of a PDF of `pages` pages the preview shows."""
    return max(0, min(pages or 0, max_pages()))


# --- poppler (bytes in, bytes out) ------------------------------------------------------------

def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PagesFailed(f"{name} (poppler-utils) không được cài đặt.")
    return found


def _run(cmd: list[str], timeout: float) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise PagesFailed(f"{Path(cmd[0]).name} quá {int(timeout)} giây.") from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip()[-300:]
        raise PagesFailed(f"{Path(cmd[0]).name} không đọc được PDF" + (f": {detail}" if detail else "."))
    return done.stdout.decode(errors="replace")


def count_pages(pdf_path: Path, timeout: float = PAGE_TIMEOUT) -> int:
    info = _run([_tool("pdfinfo"), str(pdf_path)], timeout)
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    if found is None:
        raise PagesFailed("pdfinfo không cho biết số trang.")
    return int(found.group(1))


PNG_LEVEL = 3   # zlib level of the PNGs (Pillow); pdftoppm's own -png writes at its highest


def _render(pdf_path: Path, out: Path, width: int, first: int, last: int, timeout: float) -> dict[int, bytes]:
    """page -> PNG of pages first..last at `width` pixels (the height follows the page).

    pdftoppm rasterizes (plain PPM) and Pillow writes the PNGs: the same pixels, but pdftoppm's
    -png compresses at zlib's highest level, which was nine tenths of the job (2.1 s of CPU for
    the 9 pages of a long plan at 900 px; rasterizing them took 0.07 s, Pillow's PNGs at level 3
    take 0.25 s and are no larger)."""
    from PIL import Image
    prefix = out / f"w{width}"
    _run([_tool("pdftoppm"), "-scale-to-x", str(width), "-scale-to-y", "-1",
          "-f", str(first), "-l", str(last), str(pdf_path), str(prefix)], timeout)
    images = {}
    for ppm in out.glob(f"w{width}-*.ppm"):   # w900-01.ppm: zero-padded to the page count's digits
        buffer = io.BytesIO()
        with Image.open(ppm) as image:
            image.save(buffer, format="PNG", compress_level=PNG_LEVEL)
        images[int(ppm.stem.rsplit("-", 1)[1])] = buffer.getvalue()
        ppm.unlink()
    return images


def shoot(pdf: bytes, *, limit: int, widths: tuple[int, ...] = WIDTHS, first: int = 1, last: int | None = None,
          timeout: float = JOB_TIMEOUT) -> PageShots:
    """The PDF's page count and PNGs of its pages first..min(last, limit) at each width."""
    work = Path(tempfile.mkdtemp(prefix="pages-"))
    try:
        path = work / "document.pdf"
        path.write_bytes(pdf)
        pages = count_pages(path)
        last = min(pages, limit, last if last is not None else pages)
        images: dict[tuple[int, int], bytes] = {}
        if last >= first:   # the widths side by side: pdftoppm and zlib (Pillow) run outside the GIL
            with ThreadPoolExecutor(max_workers=len(widths)) as pool:
                done = [(width, pool.submit(_render, path, work, width, first, last, timeout)) for width in widths]
                for width, future in done:
                    for page, png in future.result().items():
                        images[(width, page)] = png
        return PageShots(pages, images)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- in the job, right after the conversion ----------------------------------------------------

def shoot_quietly(pdf: bytes) -> PageShots | None:
    """The pages of a PDF just made, or None (logged): the PDF stands without its images."""
    try:
        return shoot(pdf, limit=max_pages())
    except Exception:
        log.warning("the page images of a PDF could not be made", exc_info=True)
        return None


def replace(file_id: int, sha256: str, shots: PageShots | None) -> None:
    """Put the images of the file's new PDF in the session in place of any older ones (the
    caller commits them with the rendition)."""
    db.session.execute(delete(PdfPageImage).where(PdfPageImage.file_id == file_id))
    if shots is None:
        return
    db.session.add_all([PdfPageImage(file_id=file_id, width=width, page=page, pdf_sha256=sha256, content=png)
                        for (width, page), png in sorted(shots.images.items())])


# --- reading (the image route) ------------------------------------------------------------------

def image(file_id: int, page: int, width: int) -> tuple[bytes, str] | None:
    """(PNG, ETag) of one page of the file's ready PDF; made now when it is missing. None: no
    such page, width or ready PDF, or poppler failed on it."""
    if width not in WIDTHS or page < 1:
        return None
    rendition = db.session.get(PdfRendition, file_id, populate_existing=True)
    if rendition is None or rendition.status != READY or not rendition.sha256:
        return None
    if page > shown_pages(rendition.pages):
        return None
    etag = f"{rendition.sha256[:32]}-{width}-{page}"
    found = db.session.scalar(
        select(PdfPageImage).where(PdfPageImage.file_id == file_id, PdfPageImage.width == width,
                                   PdfPageImage.page == page).options(undefer(PdfPageImage.content)))
    if found is not None and found.pdf_sha256 == rendition.sha256:
        return found.content, etag
    return _make_one(rendition, page, width, stale=found), etag


def _make_one(rendition: PdfRendition, page: int, width: int, stale: PdfPageImage | None) -> bytes | None:
    pdf = pdf_of(rendition.file_id)
    sha256 = rendition.sha256
    try:
        shots = shoot(pdf or b"", limit=max_pages(), widths=(width,), first=page, last=page, timeout=PAGE_TIMEOUT)
    except PagesFailed as exc:
        db.session.rollback()
        log.warning("page %s of the PDF of file %s: %s", page, rendition.file_id, exc)
        return None
    png = shots.images.get((width, page))
    if png is None:
        db.session.rollback()
        return None
    try:
        if stale is not None:
            db.session.delete(stale)
            db.session.flush()
        db.session.add(PdfPageImage(file_id=rendition.file_id, width=width, page=page, pdf_sha256=sha256,
                                    content=png))
        db.session.commit()
    except IntegrityError:   # another request or the job stored it meanwhile: theirs stand
        db.session.rollback()
    return png


def pdf_of(file_id: int) -> bytes | None:
    """The bytes of the file's PDF: its rendition's, or the file's own when it is a PDF (signed)."""
    return db.session.scalar(
        select(func.coalesce(PdfRendition.content, GeneratedFile.content))
        .join(GeneratedFile, GeneratedFile.id == PdfRendition.file_id).where(PdfRendition.file_id == file_id))


def ready_count(file_id: int, sha256: str | None) -> int:
    """Images already made of the PDF with this hash, at the default width (tests, checks)."""
    return len(db.session.scalars(select(PdfPageImage.page).where(
        PdfPageImage.file_id == file_id, PdfPageImage.width == DEFAULT_WIDTH,
        PdfPageImage.pdf_sha256 == (sha256 or ""))).all())
