"""The pages of the document a step acts on, as images of its PDF (services/page_images.py):
shown on the document page and on the confirmation pages of review, approve and issue
(templates/documents/_page_preview.html), refreshed in place by static/js/page-preview.js."""
from __future__ import annotations

import io
from typing import NamedTuple

from flask import abort, render_template, request, send_file, url_for
from flask_login import current_user

from ...services import document_pages, files, page_images, pdf_renditions, signatures
from ..auth import safe_next
from . import bp


class PagePreview(NamedTuple):
    file: object            # GeneratedFile
    rendition: object       # PdfRendition | None
    status: str             # ready | pending | failed | none (no PDF asked for yet)
    pages: int              # pages of the PDF
    shown: int              # of them, shown as images
    back: str               # where "Thử lại" returns

    @property
    def more(self) -> int:
        return self.pages - self.shown

    @property
    def signed(self) -> bool:
        """The file is a signed PDF (issue 16): the approver's, or the sealed original."""
        return signatures.is_signed_pdf(self.file)


def _preview(f, rendition, back: str) -> PagePreview:
    status = rendition.status if rendition is not None else "none"
    pages = (rendition.pages or 0) if status == "ready" else 0
    return PagePreview(f, rendition, status, pages, page_images.shown_pages(pages), back)


def context(document, shown) -> dict:
    """`page_previews` for the document's pages: one per file the page's people decide on. A file
    older than the PDFs gets its PDF asked for now (as GET /api/v1/files/{id}/pdf does)."""
    decided = document_pages.decided_files(document, shown.history)
    renditions = pdf_renditions.of_files(f.id for f in decided)
    missing = [f.id for f in decided if f.id not in renditions]
    if missing and pdf_renditions.mode() != "off":
        pdf_renditions.request_pdfs(missing)
        renditions = pdf_renditions.of_files(f.id for f in decided)
    back = safe_next(request.full_path.rstrip("?"))
    return {"page_previews": [_preview(f, renditions.get(f.id), back) for f in decided]}


@bp.get("/files/<int:file_id>/preview")
def page_preview(file_id: int):
    """One file's part of the preview, as it stands (static/js/page-preview.js asks again while
    it is pending and puts the answer in its place)."""
    found = files.get_visible_file(file_id, current_user)
    back = safe_next(request.args.get("back"), url_for("documents.show", document_id=found.document_id))
    preview = _preview(found, pdf_renditions.of_file(found.id), back)
    return render_template("documents/_page_preview_file.html", p=preview)


@bp.get("/files/<int:file_id>/pages/<int:page>.png")
def page_image(file_id: int, page: int):
    """Page `page` of the file's PDF, `w` pixels wide (page_images.WIDTHS): for whoever may see
    the file, 404 for everyone else, for a page past the preview's bound and while no PDF is ready."""
    found = files.get_visible_file(file_id, current_user)
    width = request.args.get("w", type=int) or page_images.DEFAULT_WIDTH
    made = page_images.image(found.id, page, width)
    if made is None:
        abort(404)
    png, etag = made
    return send_file(io.BytesIO(png), mimetype="image/png", etag=etag, max_age=0,
                     download_name=f"{found.document_id}-{found.step}-trang-{page}.png")
