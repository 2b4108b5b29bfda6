"""The PDF of every generated file, made by LibreOffice outside the request.

A step commits its .docx files first; only then does `request_pdfs()` record a pending rendition
for each and hand them to the queue (PDF_QUEUE):

* "rq": RQ on Redis (REDIS_URL), run by `flask pdf-worker` processes on any machine that shares
  PostgreSQL and Redis; failed attempts are retried by RQ (Retry, intervals PDF_RETRY_DELAYS).
* "thread": one background thread in each app process (`make run`, no Redis), started with the
  first request; it also sweeps the table for pending renditions that are due (left by a
  restart, by a command line step, or waiting for their next attempt).
* "eager": converted at once, in the caller (tests); "manual": recorded, converted only by
  `run_pending()` (tests); "off": nothing (the test suite's default).

Whatever runs them, `run_job(file_id)` is the job: it claims the pending row (a lease on
`started_at`, so two workers never convert the same file), converts, and stores the PDF, or
records the error and, after PDF_MAX_ATTEMPTS attempts, marks the rendition failed. A failed
rendition is retried on request (`retry()`: the "thử lại" button, POST /api/v1/files/{id}/pdf).
Nothing here can fail or hold up a step: every error is logged and left in the table.

PDF/A-2b for the issued step's files; plain PDF for the drafts of the other steps. The same job
makes the preview's page images of the new PDF (services/page_images.py), stored with it. An
issued file's PDF gets a QR to its public check on page 1 (services/verification.py) before both.

A file that is itself a PDF (the signed PDFs of issue 16: services/signatures.py) goes through the
same queue for its page images alone: LibreOffice never sees it, and its rendition keeps no bytes
(`content` stays empty: the file's own are its PDF) but the file's hash, its page count and its
images; a PDF poppler cannot read fails its attempt, as a conversion would ("Thử lại").
"""
from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Iterable, NoReturn

from flask import Flask, current_app, has_app_context
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import GeneratedFile, PdfRendition
from ..models.pdf_rendition import FAILED, PENDING, READY
from . import page_images, pdf_convert, verification

log = logging.getLogger(__name__)

MODES = ("rq", "thread", "eager", "manual", "off")
ISSUED_STEP = "issued"
RQ_JOB = "workflow_app.services.pdf_renditions.run_job"


class RenditionFailed(Exception):
    """An attempt failed (RQ retries the job while attempts are left)."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _config(key: str):
    return current_app.config[key]


def mode() -> str:
    return _config("PDF_QUEUE")


def converter() -> pdf_convert.Converter:
    return pdf_convert.converter(_config("PDF_CONVERTER"), _config("UNOSERVER_URL"),
                                 float(_config("PDF_CONVERSION_TIMEOUT")))


# --- reading --------------------------------------------------------------------------------

def of_file(file_id: int, *, with_content: bool = False) -> PdfRendition | None:
    query = select(PdfRendition).where(PdfRendition.file_id == file_id) \
        .execution_options(populate_existing=True)   # a worker may have changed it since
    if with_content:
        from sqlalchemy.orm import undefer
        query = query.options(undefer(PdfRendition.content))
    return db.session.scalar(query)


def of_files(file_ids: Iterable[int]) -> dict[int, PdfRendition]:
    ids = list(file_ids)
    if not ids:
        return {}
    return {r.file_id: r for r in db.session.scalars(select(PdfRendition).where(PdfRendition.file_id.in_(ids)))}


# --- asking for renditions (after a step's commit) ------------------------------------------

def request_pdfs(file_ids: Iterable[int]) -> None:
    """Record pending renditions of these (committed) files and queue them. Never raises: a
    step that has been committed is never answered with an error because of its PDF."""
    ids = [i for i in file_ids if i is not None]
    if not ids or mode() == "off":
        return
    try:
        _record_pending(ids)
    except Exception:
        db.session.rollback()
        log.exception("recording pending PDF renditions of files %s failed", ids)
        return
    submit(ids)


def _record_pending(ids: list[int]) -> list[int]:
    """A pending row for each file that has none; committed here."""
    have = set(db.session.scalars(select(PdfRendition.file_id).where(PdfRendition.file_id.in_(ids))))
    # a signed PDF (issue 16) is its own PDF: no PDF/A to make of it, only its pages (see the docstring)
    pdfa = dict(db.session.execute(
        select(GeneratedFile.id, (GeneratedFile.step == ISSUED_STEP) & ~own_pdf())
        .where(GeneratedFile.id.in_(ids))).all())
    new = [i for i in ids if i not in have and i in pdfa]
    if not new:
        return []
    now = _now()
    db.session.add_all([PdfRendition(file_id=i, status=PENDING, pdfa=bool(pdfa[i]), attempts=0,
                                     error="", converter="", created_at=now, updated_at=now) for i in new])
    try:
        db.session.commit()
    except IntegrityError:   # another process recorded them meanwhile: theirs stand
        db.session.rollback()
        return []
    return new


def own_pdf():
    """SQL: the generated file is itself a PDF (a signed PDF), not a .docx to convert."""
    return GeneratedFile.file_name.ilike("%.pdf")


def submit(ids: list[int]) -> None:
    """Hand pending renditions to the configured queue; errors are logged, not raised."""
    how = mode()
    try:
        if how == "rq":
            for i in ids:
                rq_queue().enqueue(RQ_JOB, i, **rq_options(i))
        elif how == "thread":
            worker = thread_worker()
            if worker is not None:
                worker.wake(ids)
            # else (a command line, or a process that served no request yet): the app servers'
            # threads find the rows on their next sweep
        elif how == "eager":
            for i in ids:
                run_until_settled(i)
    except Exception:
        log.exception("queueing the PDF renditions of files %s failed", ids)


def retry(file_id: int) -> bool:
    """Start a failed rendition over (attempts from zero). False when it is not failed."""
    result = db.session.execute(
        update(PdfRendition).where(PdfRendition.file_id == file_id, PdfRendition.status == FAILED)
        .values(status=PENDING, attempts=0, error="", started_at=None, not_before=None, updated_at=_now()))
    db.session.commit()
    if result.rowcount != 1:
        return False
    if mode() != "off":
        submit([file_id])
    return True


def backfill(limit: int | None = None) -> tuple[int, int]:
    """(renditions recorded for files that had none, pending renditions queued again)."""
    missing = select(GeneratedFile.id).outerjoin(PdfRendition, PdfRendition.file_id == GeneratedFile.id) \
        .where(PdfRendition.file_id.is_(None)).order_by(GeneratedFile.id)
    if limit:
        missing = missing.limit(limit)
    ids = list(db.session.scalars(missing))
    created: list[int] = []
    for start in range(0, len(ids), 500):
        created += _record_pending(ids[start:start + 500])
    due = due_ids(limit=limit)
    if mode() not in ("off", "manual"):
        submit(due)
    return len(created), len(due)


def due_ids(limit: int | None = None) -> list[int]:
    """Pending renditions nobody holds (or whose holder's lease ran out) and whose time has come."""
    now = _now()
    lease = now - timedelta(seconds=int(_config("PDF_LEASE_SECONDS")))
    query = select(PdfRendition.file_id).where(
        PdfRendition.status == PENDING,
        or_(PdfRendition.started_at.is_(None), PdfRendition.started_at < lease),
        or_(PdfRendition.not_before.is_(None), PdfRendition.not_before <= now)).order_by(PdfRendition.file_id)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


# --- the job ---------------------------------------------------------------------------------

def run_job(file_id: int) -> str:
    """The queue's job (RQ imports it by name): convert one file. Idempotent: a rendition that is
    ready, failed, or held by another worker is left alone. Raises RenditionFailed after a failed
    attempt, so that RQ retries it (or records it failed after the last one)."""
    if has_app_context():
        return _run(file_id)
    # an RQ worker started outside `flask pdf-worker`
    from .. import create_app
    with create_app().app_context():
        return _run(file_id)


def _claim(file_id: int) -> PdfRendition | None:
    now = _now()
    lease = now - timedelta(seconds=int(_config("PDF_LEASE_SECONDS")))
    result = db.session.execute(
        update(PdfRendition)
        .where(PdfRendition.file_id == file_id, PdfRendition.status == PENDING,
               or_(PdfRendition.started_at.is_(None), PdfRendition.started_at < lease))
        .values(started_at=now, attempts=PdfRendition.attempts + 1, updated_at=now))
    db.session.commit()
    if result.rowcount != 1:
        return None
    return db.session.get(PdfRendition, file_id, populate_existing=True)


def _run(file_id: int) -> str:
    rendition = _claim(file_id)
    if rendition is None:
        return "skipped"
    attempt, pdfa = rendition.attempts, rendition.pdfa
    row = db.session.execute(select(GeneratedFile.content, GeneratedFile.document_id, own_pdf())
                             .where(GeneratedFile.id == file_id)).first()
    content, document_id, is_pdf = row if row is not None else (None, None, False)
    db.session.commit()   # no transaction is held while LibreOffice works
    if is_pdf:
        return _run_own_pdf(file_id, attempt, content)
    try:
        if content is None:
            raise pdf_convert.ConversionError("Tệp .docx không còn.")
        pdf, used = converter().convert(content, pdfa=pdfa)
        pages, code = pdf_convert.page_count(pdf), None   # counted before the QR's update adds a copy of page 1
        if pdfa:   # an issued file's PDF: the QR to its public check, before anyone signs it
            pdf, code = verification.stamp_issued_pdf(pdf)
    except Exception as exc:
        db.session.rollback()
        _failed(file_id, attempt, exc, pdf_convert.ConversionError)
    shots = page_images.shoot_quietly(pdf)   # the preview's page images, still outside a transaction
    now, sha256 = _now(), hashlib.sha256(pdf).hexdigest()
    db.session.execute(
        update(PdfRendition).where(PdfRendition.file_id == file_id)
        .values(status=READY, content=pdf, sha256=sha256, size=len(pdf),
                pages=shots.pages if shots is not None else pages, converter=used,
                error="", started_at=None, not_before=None, updated_at=now))
    page_images.replace(file_id, sha256, shots)   # the PDF and its images: one commit
    if code is not None:   # the QR's code, with the PDF that carries it
        verification.record_code(code, document_id, file_id)
    db.session.commit()
    return READY


def _run_own_pdf(file_id: int, attempt: int, pdf: bytes | None) -> str:
    """The job of a file that is its own PDF: its page images (made outside any transaction), its
    page count and hash; nothing converted, no bytes copied."""
    try:
        if pdf is None:
            raise page_images.PagesFailed("Tệp PDF không còn.")
        shots = page_images.shoot(pdf, limit=page_images.max_pages())
    except Exception as exc:
        db.session.rollback()
        _failed(file_id, attempt, exc, page_images.PagesFailed)
    sha256 = hashlib.sha256(pdf).hexdigest()
    db.session.execute(
        update(PdfRendition).where(PdfRendition.file_id == file_id)
        .values(status=READY, content=None, sha256=sha256, size=len(pdf), pages=shots.pages, converter="",
                error="", started_at=None, not_before=None, updated_at=_now()))
    page_images.replace(file_id, sha256, shots)   # the count and the images: one commit
    db.session.commit()
    return READY


def _failed(file_id: int, attempt: int, exc: Exception, expected: type[Exception]) -> NoReturn:
    """Record a failed attempt and raise RenditionFailed (RQ retries while attempts are left)."""
    message = str(exc) if isinstance(exc, expected) else f"{type(exc).__name__}: {exc}"
    final = _record_failure(file_id, attempt, message[:2000])
    log.warning("PDF of file %s, attempt %s failed%s: %s", file_id, attempt, " for good" if final else "", message)
    raise RenditionFailed(message) from exc


def _record_failure(file_id: int, attempt: int, message: str) -> bool:
    """Record a failed attempt; True when it was the last one (the rendition is failed)."""
    now = _now()
    final = attempt >= int(_config("PDF_MAX_ATTEMPTS"))
    delays = list(_config("PDF_RETRY_DELAYS")) or [0]
    delay = delays[min(attempt - 1, len(delays) - 1)]
    db.session.execute(
        update(PdfRendition).where(PdfRendition.file_id == file_id)
        .values(status=FAILED if final else PENDING, error=message, started_at=None,
                not_before=None if final else now + timedelta(seconds=delay), updated_at=now))
    db.session.commit()
    return final


def run_until_settled(file_id: int) -> str:
    """Attempt after attempt, without waiting, until the rendition is ready or failed (tests, eager)."""
    for _ in range(int(_config("PDF_MAX_ATTEMPTS")) + 1):
        try:
            outcome = _run(file_id)
        except RenditionFailed:
            continue
        if outcome == READY:
            return outcome
        rendition = of_file(file_id)
        if rendition is None or rendition.status != PENDING:
            break
    rendition = of_file(file_id)
    return rendition.status if rendition is not None else "missing"


def run_pending() -> dict[int, str]:
    """Every due pending rendition, each until settled (manual mode: tests, one-off scripts)."""
    return {i: run_until_settled(i) for i in due_ids()}


# --- RQ --------------------------------------------------------------------------------------

def redis_connection():
    from redis import Redis
    return Redis.from_url(_config("REDIS_URL"))


def rq_queue(connection=None):
    from rq import Queue
    return Queue(_config("PDF_QUEUE_NAME"), connection=connection or redis_connection(),
                 default_timeout=int(_config("PDF_CONVERSION_TIMEOUT")) + 60)


def rq_options(file_id: int) -> dict:
    from rq import Retry
    retries = int(_config("PDF_MAX_ATTEMPTS")) - 1
    options = {"job_timeout": int(_config("PDF_CONVERSION_TIMEOUT")) + 60, "result_ttl": 3600,
               "description": f"PDF of generated file {file_id}"}
    if retries > 0:
        options["retry"] = Retry(max=retries, interval=list(_config("PDF_RETRY_DELAYS")) or 0)
    return options


def rq_worker(connection=None, name: str | None = None):
    """A worker for `flask pdf-worker` and the tests: SimpleWorker runs each job in this process
    (no fork per job), so the process keeps its LibreOffice warm and its database pool unshared."""
    from rq import SimpleWorker
    connection = connection or redis_connection()
    return SimpleWorker([rq_queue(connection)], connection=connection, name=name)


# --- the in-process worker (no Redis) --------------------------------------------------------

class ThreadWorker:
    """A daemon thread that runs the jobs of this process, and every PDF_SWEEP_SECONDS looks for
    pending renditions that are due (retries, rows left by a restart or by the command line)."""

    def __init__(self, app: Flask):
        self.app = app
        self.inbox: queue.Queue[int | None] = queue.Queue()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="pdf-renditions", daemon=True)
        self.pid = os.getpid()

    def start(self) -> ThreadWorker:
        self.thread.start()
        return self

    def wake(self, ids: Iterable[int]) -> None:
        for i in ids:
            self.inbox.put(i)

    def stop(self, timeout: float = 30) -> None:
        self.stopping.set()
        self.inbox.put(None)
        self.thread.join(timeout)

    def _loop(self) -> None:
        sweep_every = float(self.app.config["PDF_SWEEP_SECONDS"])
        next_sweep = 0.0
        while not self.stopping.is_set():
            now = time.monotonic()
            if now >= next_sweep:
                self._sweep()
                next_sweep = now + sweep_every
            try:
                item = self.inbox.get(timeout=max(0.05, next_sweep - time.monotonic()))
            except queue.Empty:
                continue
            if item is None:
                continue
            with self.app.app_context():
                try:
                    _run(item)
                except RenditionFailed:
                    pass   # recorded; the sweep brings it back when its next attempt is due
                except Exception:
                    log.exception("PDF job for file %s crashed", item)
                    db.session.rollback()

    def _sweep(self) -> None:
        with self.app.app_context():
            try:
                self.wake(due_ids(limit=100))
            except Exception:
                log.exception("looking for pending PDF renditions failed")
                db.session.rollback()


_thread_worker: ThreadWorker | None = None
_thread_lock = threading.Lock()


def thread_worker() -> ThreadWorker | None:
    """This process's in-process worker, if it was started (a forked server process starts its own)."""
    worker = _thread_worker
    return worker if worker is not None and worker.pid == os.getpid() else None


def start_thread_worker(app: Flask) -> ThreadWorker:
    global _thread_worker
    with _thread_lock:
        worker = thread_worker()
        if worker is not None and worker.app is not app:   # another app of this process (tests)
            worker.stop()
            worker = None
        if worker is None or not worker.thread.is_alive():
            worker = _thread_worker = ThreadWorker(app).start()
        return worker


def stop_thread_worker() -> None:
    global _thread_worker
    with _thread_lock:
        if _thread_worker is not None:
            _thread_worker.stop()
            _thread_worker = None


def init_app(app: Flask) -> None:
    """In "thread" mode, each app process starts its worker with the first request it serves
    (not at import: the command line and `flask db upgrade` need none)."""
    if app.config["PDF_QUEUE"] not in MODES:
        raise ValueError(f"PDF_QUEUE={app.config['PDF_QUEUE']!r}: expected one of {', '.join(MODES)}")

    @app.before_request
    def _start_pdf_worker():
        if app.config["PDF_QUEUE"] == "thread":
            worker = thread_worker()
            if worker is None or worker.app is not app:
                start_thread_worker(app)
