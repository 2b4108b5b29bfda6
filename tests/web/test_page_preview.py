"""The preview (issue 16, point 2: sign what you see): the document page and the confirmation pages
of review, approve and issue show the pages of the document decided on as images of its PDF
(services/page_images.py), at most PDF_PREVIEW_MAX_PAGES of them; the images are served to whoever
may see the file and to nobody else. The PDF here is a small hand-made one (poppler reads it):
LibreOffice's own is tested in tests/rendering/test_page_images.py."""
from __future__ import annotations

import re
import struct

import pytest
from sqlalchemy import select

from tests.factories import advance, new_commendation, new_plan
from tests.pdf_support import pdf_settings
from workflow_app.extensions import db
from workflow_app.models import PdfPageImage
from workflow_app.services import page_images, pdf_convert, pdf_renditions
from workflow_app.services.transitions import apply_transition


def blank_pdf(pages: int, landscape_from: int | None = None) -> bytes:
    """A valid PDF of `pages` A4 pages, each with its number written on it."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for n in range(1, pages + 1):
        box = b"[0 0 842 595]" if landscape_from and n >= landscape_from else b"[0 0 595 842]"
        text = b"BT /F1 48 Tf 100 400 Td (Trang %d) Tj ET" % n
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (box, content))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class PagesConverter:
    """Stands in for LibreOffice: every file becomes a PDF of `pages` pages."""

    def __init__(self, pages: int = 3, fail: bool = False):
        self.pages, self.fail = pages, fail

    def convert(self, data, *, pdfa=False):
        if self.fail:
            raise pdf_convert.ConversionError("LibreOffice không chuyển được tệp: thử nghiệm.")
        return blank_pdf(self.pages), "stub"


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", png[16:24])


def _settle_all(monkeypatch, converter) -> None:
    monkeypatch.setattr(pdf_renditions, "converter", lambda: converter)
    for file_id in pdf_renditions.due_ids():
        pdf_renditions.run_until_settled(file_id)


def _image_urls(page: str) -> list[str]:
    return re.findall(r'<img class="wf-page" src="([^"]+)"', page)


def test_images_are_made_with_the_pdf_and_bounded(app, world, monkeypatch):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual", PDF_PREVIEW_MAX_PAGES=4):
        apply_transition(plan, "submit", world.users["unit_head"])
        _settle_all(monkeypatch, PagesConverter(pages=6))
        ke_hoach = next(f for f in plan.files if f.template_name == "ke-hoach")
        rendition = pdf_renditions.of_file(ke_hoach.id)
        assert rendition.status == "ready" and rendition.pages == 6
        rows = db.session.scalars(select(PdfPageImage).where(PdfPageImage.file_id == ke_hoach.id)).all()
        assert sorted((r.width, r.page) for r in rows) == sorted(
            (w, p) for w in page_images.WIDTHS for p in range(1, 5))   # 4 of the 6 pages, at each width
        assert all(r.pdf_sha256 == rendition.sha256 for r in rows)
        png, _ = page_images.image(ke_hoach.id, 2, 900)
        width, height = png_size(png)
        assert width == 900 and abs(height - 1273) <= 1   # A4 upright, 900 px wide
        assert png_size(page_images.image(ke_hoach.id, 1, 480)[0])[0] == 480
        assert page_images.image(ke_hoach.id, 5, 900) is None   # past the bound
        assert page_images.image(ke_hoach.id, 1, 1234) is None  # not a width we make


def test_a_pdf_made_before_the_images_gets_each_page_on_demand(app, world, monkeypatch):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "submit", world.users["unit_head"])
        monkeypatch.setattr(page_images, "shoot_quietly", lambda pdf: None)   # as before this feature
        _settle_all(monkeypatch, PagesConverter(pages=2))
        monkeypatch.undo()
        file_id = plan.files[0].id
        assert page_images.ready_count(file_id, pdf_renditions.of_file(file_id).sha256) == 0
        png, _ = page_images.image(file_id, 2, 480)
        assert png_size(png)[0] == 480
        assert db.session.scalar(select(PdfPageImage.page).where(PdfPageImage.file_id == file_id)) == 2


def test_the_approve_page_shows_the_pages_of_the_reviewed_decision(app, world, as_user, monkeypatch):
    proposal = new_commendation(world)
    with pdf_settings(app, PDF_QUEUE="manual", PDF_PREVIEW_MAX_PAGES=2):
        advance(world, proposal, "reviewed", generate=True)
        quyet_dinh = next(f for f in proposal.files if f.template_name == "quyet-dinh-khen-thuong")
        approver = as_user("approver")
        url = f"/documents/{proposal.id}/transitions/approve"
        pending = approver.get(url).get_data(as_text=True)
        assert "Đang tạo bản xem trước…" in pending and "js/page-preview.js" in pending
        assert f'data-wf-preview-url="/files/{quyet_dinh.id}/preview?back=' in pending
        assert 'data-wf-preview="pending"' in pending
        assert approver.get(f"/files/{quyet_dinh.id}/pages/1.png").status_code == 404   # no PDF yet

        _settle_all(monkeypatch, PagesConverter(pages=3))
        page = approver.get(url).get_data(as_text=True)
        assert _image_urls(page) == [f"/files/{quyet_dinh.id}/pages/{n}.png?w=900" for n in (1, 2)]
        assert f"/files/{quyet_dinh.id}/pages/1.png?w=480 480w" in page
        assert "… và 1 trang nữa —" in page and f'href="/files/{quyet_dinh.id}/pdf"' in page
        # only the decision: not the Biên bản made by the same step, not the proposer's Tờ trình
        assert len(re.findall(r'data-wf-preview="', page)) == 1
        fragment = approver.get(f"/files/{quyet_dinh.id}/preview?back={url}").get_data(as_text=True)
        assert 'data-wf-preview="ready"' in fragment and _image_urls(fragment) == _image_urls(page)
        image = approver.get(f"/files/{quyet_dinh.id}/pages/2.png?w=900")
        assert image.status_code == 200 and image.mimetype == "image/png" and png_size(image.data)[0] == 900
        assert approver.get(f"/files/{quyet_dinh.id}/pages/3.png").status_code == 404   # past the bound

        # the document page shows the same pages
        shown = approver.get(f"/documents/{proposal.id}").get_data(as_text=True)
        assert _image_urls(shown) == _image_urls(page)

    # a user of another body (the proposer sees no draft decision; a body beside sees nothing)
    outsider = as_user("drafter.antruong")
    assert outsider.get(f"/files/{quyet_dinh.id}/pages/1.png").status_code == 404
    with app.test_client() as anonymous:
        assert anonymous.get(f"/files/{quyet_dinh.id}/pages/1.png").status_code == 302   # to /login
    assert outsider.get(f"/files/{quyet_dinh.id}/preview").status_code == 404


@pytest.mark.parametrize("step", ["review", "issue"])
def test_review_and_issue_pages_show_what_they_act_on(app, world, as_user, monkeypatch, step):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        advance(world, plan, "submitted" if step == "review" else "approved", generate=True)
        _settle_all(monkeypatch, PagesConverter(pages=1))
        who = as_user("reviewer" if step == "review" else "archivist")
        page = who.get(f"/documents/{plan.id}/transitions/{step}").get_data(as_text=True)
    newest = max((f for f in plan.files if f.template_name == "ke-hoach"), key=lambda f: f.id)
    assert _image_urls(page) == [f"/files/{newest.id}/pages/1.png?w=900"]   # the Kế hoạch, not the Tờ trình


def test_the_review_of_a_proposal_shows_its_to_trinh(app, world, as_user, monkeypatch):
    proposal = new_commendation(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        advance(world, proposal, "submitted", generate=True)
        _settle_all(monkeypatch, PagesConverter(pages=1))
        page = as_user("reviewer").get(f"/documents/{proposal.id}/transitions/review").get_data(as_text=True)
    to_trinh = [f for f in proposal.files if f.step == "submitted"]
    assert _image_urls(page) == [f"/files/{f.id}/pages/1.png?w=900" for f in to_trinh]


def test_a_failed_preview_says_why_and_thu_lai_comes_back_to_the_page(app, world, as_user, monkeypatch):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual", PDF_MAX_ATTEMPTS=1):
        advance(world, plan, "submitted", generate=True)
        _settle_all(monkeypatch, PagesConverter(fail=True))
        reviewer = as_user("reviewer")
        url = f"/documents/{plan.id}/transitions/review"
        page = reviewer.get(url).get_data(as_text=True)
        assert "Không tạo được bản xem trước." in page and "thử nghiệm" in page
        ke_hoach = next(f for f in plan.files if f.template_name == "ke-hoach")
        assert f'action="/pdfs/{ke_hoach.id}/retry"' in page and f'name="next" value="{url}"' in page
        again = reviewer.post(f"/pdfs/{ke_hoach.id}/retry", {"next": url})
        assert again.status_code == 303 and again.headers["Location"].endswith(url)
        assert pdf_renditions.of_file(ke_hoach.id).status == "pending"
        away = reviewer.post(f"/pdfs/{ke_hoach.id}/retry", {"next": "https://example.com/"})
        assert away.headers["Location"].endswith(f"/documents/{plan.id}#files-heading")


def test_a_draft_has_no_preview(app, world, as_user):
    plan = new_plan(world)
    page = as_user("drafter").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "data-wf-pages" not in page and "page-preview.js" not in page


def test_a_file_older_than_its_pdf_has_it_asked_for_when_its_page_is_shown(app, world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted", generate=True)   # PDF_QUEUE off: no PDF asked for
    ke_hoach = next(f for f in plan.files if f.template_name == "ke-hoach")
    assert pdf_renditions.of_file(ke_hoach.id) is None
    reviewer = as_user("reviewer")
    assert "Tạo bản xem trước" in reviewer.get(f"/documents/{plan.id}").get_data(as_text=True)
    with pdf_settings(app, PDF_QUEUE="manual"):
        page = reviewer.get(f"/documents/{plan.id}").get_data(as_text=True)
        assert "Đang tạo bản xem trước…" in page
        assert pdf_renditions.of_file(ke_hoach.id).status == "pending"
        # the file list below reads the statuses after: it says the same
        assert f'data-wf-pdf="pending" data-wf-file="{ke_hoach.id}"' in page


def test_images_of_an_earlier_pdf_of_the_file_are_made_again(app, world, monkeypatch):
    """A rendition whose PDF changed (e.g. signed in place) does not show the old pages."""
    import hashlib

    from sqlalchemy import update

    from workflow_app.models import PdfRendition
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "submit", world.users["unit_head"])
        _settle_all(monkeypatch, PagesConverter(pages=1))
    file_id = plan.files[0].id
    old, _ = page_images.image(file_id, 1, 900)
    landscape = blank_pdf(1, landscape_from=1)
    new_sha = hashlib.sha256(landscape).hexdigest()
    db.session.execute(update(PdfRendition).where(PdfRendition.file_id == file_id)
                       .values(content=landscape, sha256=new_sha))
    db.session.commit()
    png, etag = page_images.image(file_id, 1, 900)
    width, height = png_size(png)
    assert png != old and width == 900 and height < width and etag.startswith(new_sha[:32])
    row = db.session.scalar(select(PdfPageImage).where(PdfPageImage.file_id == file_id, PdfPageImage.width == 900,
                                                       PdfPageImage.page == 1))
    assert row.pdf_sha256 == new_sha
