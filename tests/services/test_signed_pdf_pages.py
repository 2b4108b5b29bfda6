"""The page images of a signed PDF (issue 16, sign what you see): the approver's signed PDF and the
sealed original are their own PDFs, so LibreOffice never sees them, but their pages are made as a
rendition's are: by the PDF queue after the step's commit (never inside it, never failing it), and
page by page on first request when missing (services/pdf_renditions.py, services/page_images.py)."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, func, select

from tests.factories import advance, new_plan
from tests.pdf_support import pdf_pages, pdf_settings
from tests.redis_support import redis_up
from tests.signing_support import PIN, sign_digitally
from tests.web.test_page_preview import png_size
from workflow_app.extensions import db
from workflow_app.models import Document, DocumentSignature, GeneratedFile, PdfPageImage
from workflow_app.services import page_images, pdf_renditions, signatures
from workflow_app.services.transitions import apply_transition


def _approved_signed(world) -> tuple[Document, GeneratedFile]:
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    apply_transition(plan, "approve", world.users["approver"], signing_pin=PIN)
    return plan, signatures.approved_signed_file(plan)


def _images(file_id: int) -> list[PdfPageImage]:
    db.session.expire_all()
    return list(db.session.scalars(select(PdfPageImage).where(PdfPageImage.file_id == file_id)))


def test_the_signed_pdf_gets_its_pages_once_the_step_is_committed(app, world, monkeypatch, tmp_path):
    sign_digitally(world)
    real_shoot, seen = page_images.shoot, []

    def shoot(pdf, **options):
        # another connection sees only what is committed: the step must be there already
        with db.engine.connect() as other:
            seen.append((pdf, other.scalar(select(Document.state).where(Document.id == plan_id)),
                         other.scalar(select(func.count()).select_from(DocumentSignature))))
        return real_shoot(pdf, **options)

    monkeypatch.setattr(page_images, "shoot", shoot)
    plan = new_plan(world)
    plan_id = plan.id
    advance(world, plan, "reviewed")
    with pdf_settings(app, PDF_QUEUE="eager"):   # the job runs in the caller, right after the commit
        apply_transition(plan, "approve", world.users["approver"], signing_pin=PIN)
    signed = signatures.approved_signed_file(plan)
    assert any(pdf == signed.content for pdf, _, _ in seen), "no image was made of the signed PDF"
    assert all(state == "approved" and signatures_stored == 1 for _, state, signatures_stored in seen)

    rendition = pdf_renditions.of_file(signed.id, with_content=True)
    pages = pdf_pages(signed.content, tmp_path)
    assert rendition.status == "ready" and rendition.pages == pages >= 1 and rendition.attempts == 1
    assert rendition.sha256 == signed.sha256 and rendition.content is None   # the file is the PDF: no copy
    assert rendition.converter == "" and not rendition.pdfa
    rows = _images(signed.id)
    assert sorted((r.width, r.page) for r in rows) == sorted(
        (w, p) for w in page_images.WIDTHS for p in range(1, page_images.shown_pages(pages) + 1))
    assert all(r.pdf_sha256 == signed.sha256 for r in rows)
    png, etag = page_images.image(signed.id, 1, 900)
    assert png == real_shoot(signed.content, limit=1, widths=(900,), last=1).images[(900, 1)]
    assert etag.startswith(signed.sha256[:32])


@pytest.mark.parametrize("broken", ["poppler", "redis", "recording"])
def test_a_failure_with_the_pages_never_fails_the_step(app, world, monkeypatch, broken):
    sign_digitally(world)
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    settings = {"PDF_QUEUE": "eager", "PDF_MAX_ATTEMPTS": 2}
    if broken == "poppler":
        def unreadable(pdf, **options):
            raise page_images.PagesFailed("pdfinfo không đọc được PDF: thử nghiệm.")
        monkeypatch.setattr(page_images, "shoot", unreadable)
    elif broken == "redis":
        settings = {"PDF_QUEUE": "rq", "REDIS_URL": "redis://127.0.0.1:1/0"}
    else:
        monkeypatch.setattr(pdf_renditions, "_record_pending", lambda ids: 1 / 0)
    with pdf_settings(app, **settings):
        event = apply_transition(plan, "approve", world.users["approver"], signing_pin=PIN)
    db.session.expire_all()
    assert event.id and db.session.get(Document, plan.id).state == "approved"
    signed = signatures.approved_signed_file(plan)
    assert signed is not None and _images(signed.id) == []
    rendition = pdf_renditions.of_file(signed.id)
    if broken == "poppler":   # retried, then failed with the reason ("Thử lại" on the pages)
        assert rendition.status == "failed" and rendition.attempts == 2 and "thử nghiệm" in rendition.error
        monkeypatch.undo()
        with pdf_settings(app, PDF_QUEUE="manual"):
            assert pdf_renditions.retry(signed.id)
            assert pdf_renditions.run_pending()[signed.id] == "ready"
        assert len(_images(signed.id)) == 2 * page_images.shown_pages(pdf_renditions.of_file(signed.id).pages)
    elif broken == "redis":   # recorded, and found again by a worker's sweep or a backfill
        assert rendition.status == "pending" and signed.id in pdf_renditions.due_ids()
    else:
        assert rendition is None


def test_the_sealed_pdf_gets_its_pages_too(app, world, tmp_path):
    sign_digitally(world)
    plan, approved = _approved_signed(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "issue", world.users["archivist"])
        sealed = next(f for f in plan.files if f.step == "issued" and signatures.is_signed_pdf(f))
        assert _images(sealed.id) == [] and pdf_renditions.of_file(sealed.id).status == "pending"
        assert pdf_renditions.run_until_settled(sealed.id) == "ready"
    sealed_pdf = db.session.scalar(select(GeneratedFile.content).where(GeneratedFile.id == sealed.id))
    rendition = pdf_renditions.of_file(sealed.id)
    assert rendition.sha256 == sealed.sha256 and rendition.pages == pdf_pages(sealed_pdf, tmp_path)
    png, _ = page_images.image(sealed.id, 1, 900)
    assert png == page_images.shoot(sealed_pdf, limit=1, widths=(900,), last=1).images[(900, 1)]
    # the number, the day and the seal are on page 1: not the approved PDF's page
    assert png != page_images.shoot(approved.content, limit=1, widths=(900,), last=1).images[(900, 1)]


def test_a_missing_page_of_a_signed_pdf_is_made_from_the_file_on_request(app, world):
    sign_digitally(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        _, signed = _approved_signed(world)
        assert pdf_renditions.run_until_settled(signed.id) == "ready"
    db.session.execute(delete(PdfPageImage).where(PdfPageImage.file_id == signed.id))
    db.session.commit()
    png, _ = page_images.image(signed.id, 1, 480)
    assert png_size(png)[0] == 480
    assert png == page_images.shoot(signed.content, limit=1, widths=(480,), last=1).images[(480, 1)]
    assert [(r.width, r.page) for r in _images(signed.id)] == [(480, 1)]


def test_a_signed_pdf_older_than_its_pages_is_recorded_by_a_backfill(app, world):
    sign_digitally(world)
    _, signed = _approved_signed(world)   # PDF_QUEUE off: nothing asked for
    assert pdf_renditions.of_file(signed.id) is None
    with pdf_settings(app, PDF_QUEUE="manual"):
        pdf_renditions.backfill()
        assert pdf_renditions.of_file(signed.id).status == "pending"
        assert pdf_renditions.run_until_settled(signed.id) == "ready"


@pytest.mark.skipif(not redis_up("rq"), reason="no Redis on 127.0.0.1:6379 (or rq is missing)")
def test_a_real_rq_worker_makes_the_pages_of_the_signed_pdf(app, world):
    from redis import Redis
    from rq import Queue
    from rq.registry import FinishedJobRegistry
    sign_digitally(world)
    redis_url = "redis://127.0.0.1:6379/13"   # a database of its own, and a queue of this run's own
    queue_name = f"pdf-test-{uuid.uuid4().hex[:8]}"
    connection = Redis.from_url(redis_url)
    try:
        with pdf_settings(app, PDF_QUEUE="rq", REDIS_URL=redis_url, PDF_QUEUE_NAME=queue_name):
            _, signed = _approved_signed(world)
            queued = pdf_renditions.rq_queue(connection).job_ids
            assert len(queued) >= 2 and pdf_renditions.of_file(signed.id).status == "pending"
            assert _images(signed.id) == []
            pdf_renditions.rq_worker(connection).work(burst=True)
        rendition = pdf_renditions.of_file(signed.id)
        assert rendition.status == "ready" and len(_images(signed.id)) == 2 * page_images.shown_pages(rendition.pages)
    finally:
        queue = Queue(queue_name, connection=connection)
        for job_id in FinishedJobRegistry(queue=queue).get_job_ids():
            for key in connection.scan_iter(f"rq:*{job_id}*"):
                connection.delete(key)
        for key in connection.scan_iter(f"rq:*{queue_name}*"):
            connection.delete(key)
        connection.srem("rq:queues", f"rq:queue:{queue_name}")
        connection.close()
