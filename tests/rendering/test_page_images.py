"""The preview's page images of a PDF made by real LibreOffice (services/page_images.py): made by
the conversion job with the PDF, one PNG a page at each width, as many as poppler counts pages."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import new_plan
from tests.pdf_support import pdf_pages, pdf_settings
from tests.rendering.libreoffice import skip_without_tools
from tests.web.test_page_preview import png_size
from workflow_app.extensions import db
from workflow_app.models import PdfPageImage
from workflow_app.services import page_images, pdf_renditions
from workflow_app.services.transitions import apply_transition

pytestmark = pytest.mark.libreoffice
skip_without_tools()


def test_the_pages_of_a_converted_plan(app, world, tmp_path):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "submit", world.users["unit_head"])
        ke_hoach = next(f for f in plan.files if f.template_name == "ke-hoach")
        assert pdf_renditions.run_until_settled(ke_hoach.id) == "ready"   # one file: LibreOffice once
    rendition = pdf_renditions.of_file(ke_hoach.id, with_content=True)
    pages = pdf_pages(rendition.content, tmp_path)
    assert rendition.pages == pages >= 1
    rows = db.session.scalars(select(PdfPageImage).where(PdfPageImage.file_id == ke_hoach.id)).all()
    assert sorted((r.width, r.page) for r in rows) == sorted(
        (w, p) for w in page_images.WIDTHS for p in range(1, page_images.shown_pages(pages) + 1))
    for row in rows:
        width, height = png_size(row.content)
        assert width == row.width and height > width   # an upright A4 page
        assert row.pdf_sha256 == rendition.sha256
