"""Sign what you see, where people decide (issue 16): when the issuing body signs digitally, the issue
confirmation page shows the pages of the approver's signed PDF (what the archivist numbers and
seals), not the unsigned rendition of the .docx; the document page shows that PDF between approve
and issue, and the sealed original's pages once issued. Pending, failed and "Thử lại" as for any
preview (tests/web/test_page_preview.py); a body that signs on paper is unchanged there."""
from __future__ import annotations

import re

from sqlalchemy import select

from tests.factories import advance, new_plan
from tests.pdf_support import pdf_settings
from tests.signing_support import PIN, sign_digitally
from tests.web.test_page_preview import png_size
from workflow_app.extensions import db
from workflow_app.models import GeneratedFile
from workflow_app.services import page_images, pdf_renditions, signatures
from workflow_app.services.transitions import apply_transition


def _image_urls(page: str) -> list[str]:
    return re.findall(r'<img class="wf-page" src="([^"]+)"', page)


def _previewed(page: str) -> list[str]:
    return re.findall(r'id="pages-of-(\d+)"', page)


def _first_page(pdf: bytes, width: int = 900) -> bytes:
    return page_images.shoot(pdf, limit=1, widths=(width,), last=1).images[(width, 1)]


def _approved(app, world):
    """A plan approved with the approver's signature; its PDFs asked for (manual queue)."""
    sign_digitally(world)
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "approve", world.users["approver"], signing_pin=PIN)
    return plan, signatures.approved_signed_file(plan)


def test_the_issue_page_shows_the_pages_of_the_approvers_signed_pdf(app, world, as_user):
    plan, signed = _approved(app, world)
    archivist = as_user("archivist")
    url = f"/documents/{plan.id}/transitions/issue"
    with pdf_settings(app, PDF_QUEUE="manual"):
        pending = archivist.get(url).get_data(as_text=True)
        assert _previewed(pending) == [str(signed.id)]   # the signed PDF, not the .docx it was made of
        assert "Đang tạo bản xem trước…" in pending and 'data-wf-preview="pending"' in pending
        assert f'data-wf-preview-url="/files/{signed.id}/preview?back=' in pending and "js/page-preview.js" in pending
        assert archivist.get(f"/files/{signed.id}/pages/1.png").status_code == 404   # not made yet
        assert pdf_renditions.run_until_settled(signed.id) == "ready"

        page = archivist.get(url).get_data(as_text=True)
    count = page_images.shown_pages(pdf_renditions.of_file(signed.id).pages)
    assert count >= 1
    assert _image_urls(page) == [f"/files/{signed.id}/pages/{n}.png?w=900" for n in range(1, count + 1)]
    assert f"/files/{signed.id}/pages/1.png?w=480 480w" in page and signed.file_name in page
    assert f'href="/files/{signed.id}/pdf"' in page   # "Mở bản PDF": the signed PDF itself
    assert page.count("data-wf-signed") == 1   # its heading says it is signed
    fragment = archivist.get(f"/files/{signed.id}/preview?back={url}").get_data(as_text=True)
    assert 'data-wf-preview="ready"' in fragment and _image_urls(fragment) == _image_urls(page)

    image = archivist.get(f"/files/{signed.id}/pages/1.png?w=900")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert png_size(image.data)[0] == 900
    assert image.data == _first_page(signed.content)   # a page of the signed PDF, as poppler draws it
    assert png_size(archivist.get(f"/files/{signed.id}/pages/1.png?w=480").data)[0] == 480

    # the document page between approve and issue: the same pages
    shown = archivist.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert _image_urls(shown) == _image_urls(page)
    # who may not see the document sees no page of it
    assert as_user("drafter.antruong").get(f"/files/{signed.id}/pages/1.png").status_code == 404


def test_once_issued_the_document_page_shows_the_sealed_originals_pages(app, world, as_user):
    plan, approved = _approved(app, world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "issue", world.users["archivist"])
        sealed = next(f for f in plan.files if f.step == "issued" and signatures.is_signed_pdf(f))
        assert pdf_renditions.run_until_settled(sealed.id) == "ready"
        drafter = as_user("drafter")
        shown = drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert _previewed(shown) == [str(sealed.id)]
    assert _image_urls(shown)[0] == f"/files/{sealed.id}/pages/1.png?w=900"
    sealed_pdf = db.session.scalar(select(GeneratedFile.content).where(GeneratedFile.id == sealed.id))
    image = drafter.get(f"/files/{sealed.id}/pages/1.png?w=900").data
    assert image == _first_page(sealed_pdf) != _first_page(approved.content)   # number, day, seal


def test_a_failed_preview_of_the_signed_pdf_says_why_and_thu_lai_makes_it_again(app, world, as_user, monkeypatch):
    plan, signed = _approved(app, world)

    def unreadable(pdf, **options):
        raise page_images.PagesFailed("pdftoppm không đọc được PDF: thử nghiệm.")

    archivist = as_user("archivist")
    url = f"/documents/{plan.id}/transitions/issue"
    with pdf_settings(app, PDF_QUEUE="manual", PDF_MAX_ATTEMPTS=1):
        monkeypatch.setattr(page_images, "shoot", unreadable)
        assert pdf_renditions.run_until_settled(signed.id) == "failed"
        monkeypatch.undo()
        page = archivist.get(url).get_data(as_text=True)
        assert "Không tạo được bản xem trước." in page and "thử nghiệm" in page
        assert f'action="/pdfs/{signed.id}/retry"' in page and f'name="next" value="{url}"' in page
        again = archivist.post(f"/pdfs/{signed.id}/retry", {"next": url})
        assert again.status_code == 303 and again.headers["Location"].endswith(url)
        assert pdf_renditions.of_file(signed.id).status == "pending"
        assert "Đang tạo lại bản xem trước." in archivist.get(url).get_data(as_text=True)
        assert pdf_renditions.run_until_settled(signed.id) == "ready"
        assert _image_urls(archivist.get(url).get_data(as_text=True))[0] == f"/files/{signed.id}/pages/1.png?w=900"
        # a ready signed PDF has nothing to make again: its PDF opens
        done = archivist.post(f"/pdfs/{signed.id}/retry", {"next": url})
        assert done.status_code == 303 and done.headers["Location"].endswith(f"/files/{signed.id}/pdf")


def test_a_signed_pdf_older_than_its_pages_has_them_asked_for_when_its_page_is_shown(app, world, as_user):
    sign_digitally(world)
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    apply_transition(plan, "approve", world.users["approver"], signing_pin=PIN)   # PDF_QUEUE off
    signed = signatures.approved_signed_file(plan)
    assert pdf_renditions.of_file(signed.id) is None
    with pdf_settings(app, PDF_QUEUE="manual"):
        page = as_user("archivist").get(f"/documents/{plan.id}/transitions/issue").get_data(as_text=True)
        assert _previewed(page) == [str(signed.id)] and "Đang tạo bản xem trước…" in page
        assert pdf_renditions.of_file(signed.id).status == "pending"


def test_a_body_that_signs_on_paper_previews_the_approved_docx(app, world, as_user):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        advance(world, plan, "approved", generate=True)
        page = as_user("archivist").get(f"/documents/{plan.id}/transitions/issue").get_data(as_text=True)
    newest = max((f for f in plan.files if f.template_name == "ke-hoach"), key=lambda f: f.id)
    assert newest.step == "approved" and _previewed(page) == [str(newest.id)]
    assert "data-wf-signed" not in page
