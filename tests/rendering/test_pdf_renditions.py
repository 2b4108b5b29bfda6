"""The PDF of every generated file, made by real LibreOffice outside the step (services/pdf_renditions.py):
page counts, PDF/A-2b for issued files, a failing conversion retried then failed while the step
stands, the in-process worker thread, and a real RQ worker on the local Redis."""
from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import select

from tests.factories import advance, new_plan
from tests.pdf_support import fresh, is_pdfa_2b, pdf_pages, pdf_settings
from tests.redis_support import redis_up
from tests.rendering.libreoffice import convert, pages, skip_without_tools
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, PdfRendition
from workflow_app.services import pdf_convert, pdf_renditions
from workflow_app.services.transitions import apply_transition

pytestmark = pytest.mark.libreoffice
skip_without_tools()


def _renditions(document_id: int) -> list[tuple[GeneratedFile, PdfRendition | None]]:
    db.session.expire_all()
    found = db.session.scalars(select(GeneratedFile).where(GeneratedFile.document_id == document_id)
                               .order_by(GeneratedFile.id)).all()
    return [(f, pdf_renditions.of_file(f.id, with_content=True)) for f in found]


def test_every_file_of_an_issued_plan_gets_its_pdf_issued_ones_pdfa(app, world, tmp_path):
    with pdf_settings(app, PDF_QUEUE="eager"):
        plan = new_plan(world)
        advance(world, plan, "issued", generate=True)
    rows = _renditions(plan.id)
    assert rows and all(r is not None and r.status == "ready" for _, r in rows), \
        [(f.file_name, r and (r.status, r.error)) for f, r in rows]
    issued = [(f, r) for f, r in rows if f.step == "issued"]
    assert issued
    for f, r in rows:
        assert r.content.startswith(b"%PDF") and r.attempts == 1 and r.size == len(r.content)
        assert pdf_pages(r.content, tmp_path) == r.pages >= 1
        assert r.pdfa == (f.step == "issued") == is_pdfa_2b(r.content, tmp_path), f.file_name
    # the same page count as a fresh soffice gives the .docx
    sources = []
    for f, _ in issued:
        path = tmp_path / f"{f.id}.docx"
        path.write_bytes(db.session.scalar(select(GeneratedFile.content).where(GeneratedFile.id == f.id)))
        sources.append(path)
    for (f, r), pdf in zip(issued, convert(sources, tmp_path)):
        assert r.pages == pages(pdf), f.file_name


class _Corrupting:
    """The real converter, handed a broken .docx instead of the file's."""

    def __init__(self, real):
        self.real, self.calls = real, 0

    def convert(self, data, *, pdfa=False):
        self.calls += 1
        return self.real.convert(b"this is no docx" + data[:100], pdfa=pdfa)


def test_a_failing_conversion_is_retried_then_failed_and_the_step_stands(app, world, monkeypatch):
    real = pdf_renditions.converter()
    corrupting = _Corrupting(real)
    monkeypatch.setattr(pdf_renditions, "converter", lambda: corrupting)
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="eager", PDF_MAX_ATTEMPTS=3):
        event = apply_transition(plan, "submit", world.users["unit_head"])
    assert fresh(Document, plan.id).state == "submitted" and event.id
    rows = _renditions(plan.id)
    assert rows and corrupting.calls == 3 * len(rows)
    for _, r in rows:
        assert r.status == "failed" and r.attempts == 3 and r.error and r.content is None

    # "Lỗi tạo PDF — thử lại": the retry starts over and, the converter mended, succeeds
    monkeypatch.setattr(pdf_renditions, "converter", lambda: real)
    with pdf_settings(app, PDF_QUEUE="manual"):
        assert pdf_renditions.retry(rows[0][0].id)
        assert not pdf_renditions.retry(rows[0][0].id)   # pending now, not failed
        assert pdf_renditions.run_pending() == {rows[0][0].id: "ready"}
    r = pdf_renditions.of_file(rows[0][0].id)
    assert r.status == "ready" and r.attempts == 1 and r.error == ""


def test_the_in_process_worker_thread_makes_the_pdfs(app, world):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="thread", PDF_SWEEP_SECONDS=0.5):
        worker = pdf_renditions.start_thread_worker(app)
        try:
            apply_transition(plan, "submit", world.users["unit_head"])
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                rows = _renditions(plan.id)
                if rows and all(r is not None and r.status != "pending" for _, r in rows):
                    break
                time.sleep(0.3)
            assert worker.thread.is_alive()
        finally:
            pdf_renditions.stop_thread_worker()
    assert rows and all(r.status == "ready" for _, r in rows), [(r.status, r.error) for _, r in rows]


@pytest.mark.skipif(not redis_up("rq"), reason="no Redis on 127.0.0.1:6379 (or rq is missing)")
def test_a_real_rq_worker_makes_the_pdfs_and_retries_a_failing_one(app, world, monkeypatch):
    from redis import Redis
    from rq import Queue
    from rq.registry import FailedJobRegistry, FinishedJobRegistry
    redis_url = "redis://127.0.0.1:6379/13"   # a database of its own, and a queue of this run's own
    queue_name = f"pdf-test-{uuid.uuid4().hex[:8]}"
    connection = Redis.from_url(redis_url)
    plan = new_plan(world)
    try:
        with pdf_settings(app, PDF_QUEUE="rq", REDIS_URL=redis_url, PDF_QUEUE_NAME=queue_name,
                          PDF_MAX_ATTEMPTS=2):
            apply_transition(plan, "submit", world.users["unit_head"])
            queue = pdf_renditions.rq_queue(connection)
            assert queue.count == len(_renditions(plan.id)) >= 1
            assert all(r.status == "pending" for _, r in _renditions(plan.id))
            pdf_renditions.rq_worker(connection).work(burst=True)
            assert all(r.status == "ready" and r.converter for _, r in _renditions(plan.id))

            # a conversion that keeps failing: RQ retries it, then it is failed, in RQ and here
            corrupting = _Corrupting(pdf_renditions.converter())
            monkeypatch.setattr(pdf_renditions, "converter", lambda: corrupting)
            apply_transition(plan, "withdraw", world.users["drafter"])
            apply_transition(plan, "submit", world.users["unit_head"])
            newest = [f for f, r in _renditions(plan.id) if r.status == "pending"]
            assert newest
            pdf_renditions.rq_worker(connection).work(burst=True)
            assert corrupting.calls == 2 * len(newest)
            assert all(r.status == "failed" and r.attempts == 2 for f, r in _renditions(plan.id) if f in newest)
            assert FailedJobRegistry(queue=queue).count == len(newest)
            assert fresh(Document, plan.id).state == "submitted"
    finally:
        queue = Queue(queue_name, connection=connection)
        jobs = FinishedJobRegistry(queue=queue).get_job_ids() + FailedJobRegistry(queue=queue).get_job_ids()
        for job_id in jobs:
            for key in connection.scan_iter(f"rq:*{job_id}*"):
                connection.delete(key)
        for key in connection.scan_iter(f"rq:*{queue_name}*"):
            connection.delete(key)
        connection.srem("rq:queues", f"rq:queue:{queue_name}")
        connection.close()


def test_without_uno_each_file_is_converted_by_a_fresh_soffice_as_pdfa(tmp_path):
    from tests.domain import document_samples as s
    from workflow_app.domain.documents import generate
    data = generate("ke-hoach", s.PLAN, s.plan_generation("issued")).content
    pdf = pdf_convert.convert_with_soffice(data, pdfa=True, timeout=120)
    assert is_pdfa_2b(pdf, tmp_path) and pdf_pages(pdf, tmp_path) == pdf_convert.page_count(pdf)
    with pytest.raises(pdf_convert.ConversionError):
        pdf_convert.convert_with_soffice(b"not a docx at all", pdfa=False, timeout=120)


def test_the_api_answers_202_while_libreoffice_works_then_200_with_the_pdf(app, world, tmp_path):
    from workflow_app.services import tokens
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "submit", world.users["unit_head"])
        file_id = plan.files[0].id
        token, _ = tokens.issue(world.users["drafter"])
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        pending = client.get(f"/api/v1/files/{file_id}/pdf", headers=headers)
        assert pending.status_code == 202 and pending.json["status"] == "pending" and pending.headers["Retry-After"]
        pdf_renditions.run_pending()
        ready = client.get(f"/api/v1/files/{file_id}/pdf", headers=headers)
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    assert pdf_pages(ready.data, tmp_path) >= 1 and not is_pdfa_2b(ready.data, tmp_path)   # a draft: plain PDF
