"""Generated files and the outgoing register (public verification: api/verify.py)."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Response, jsonify, request

from ..domain.clock import local_today
from ..domain.errors import Conflict
from ..services import files, pdf_renditions
from ..services.register import entries
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import DOCX, PDF, operation
from .schemas import REGISTER_FILTERS


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the real one as RFC 5987 `filename*`."""
    fallback = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    fallback = "".join(c for c in fallback if c.isascii() and (c.isalnum() or c in "._- ")) or "tep.docx"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@bp.get("/files/<int:file_id>")
@operation("Tải một tệp .docx đã sinh", responses={200: DOCX, 304: None}, errors=(404,),
           headers={200: {"ETag": "sha256 của tệp.",
                          "Content-Disposition": "attachment; filename*=UTF-8''..."}},
           description="Chỉ cho người được xem văn bản. Gửi If-None-Match với ETag đã có: 304.")
def download_file(file_id):
    return _send(files.get_visible_file(file_id, api_user()))


def _send(found):
    response = Response(found.content, mimetype=files.mimetype_of(found))
    response.headers["Content-Disposition"] = content_disposition(found.file_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(found.sha256)
    response.cache_control.private = True
    response.cache_control.no_cache = True   # revalidate: the ETag makes that cheap
    return response.make_conditional(request)


PDF_RETRY_AFTER = "5"


def _pdf_status(rendition) -> tuple:
    """202 with what the rendition waits for (pending, or failed for good)."""
    if rendition is not None and rendition.status == "failed":
        return jsonify(status="failed", attempts=rendition.attempts, error=rendition.error), 202
    attempts = rendition.attempts if rendition is not None else 0
    return jsonify(status="pending", attempts=attempts), 202, {"Retry-After": PDF_RETRY_AFTER}


@bp.get("/files/<int:file_id>/pdf")
@operation("Tải bản PDF của một tệp đã sinh", responses={200: PDF, 202: "PdfStatus", 304: None}, errors=(404,),
           headers={200: {"ETag": "sha256 của bản PDF."}},
           description="Bản PDF (PDF/A-2b với tệp ban hành) được LibreOffice tạo ngoài yêu cầu sau mỗi bước. "
                       "Khi đang tạo: 202 {\"status\": \"pending\"} kèm Retry-After; tạo không được sau mọi lần "
                       "thử: 202 {\"status\": \"failed\"} (POST /pdfs/{file_id}/retry để tạo lại). 404 như với tệp.")
def download_pdf(file_id):
    found = files.get_visible_file(file_id, api_user())
    if files.mimetype_of(found) == files.PDF_MIMETYPE:   # a signed PDF is its own PDF
        return _send(found)
    rendition = pdf_renditions.of_file(found.id, with_content=True)
    if rendition is None:
        pdf_renditions.request_pdfs([found.id])   # a file older than its PDF: ask for it now
        rendition = pdf_renditions.of_file(found.id, with_content=True)
    if rendition is None or rendition.status != "ready":
        return _pdf_status(rendition)
    response = Response(rendition.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = content_disposition(pdf_name(found.file_name))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(rendition.sha256)
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response.make_conditional(request)


@bp.post("/pdfs/<int:file_id>/retry")   # not under /files/: no route writes to a file
@operation("Tạo lại bản PDF không tạo được", responses={202: "PdfStatus"}, errors=(404, 409),
           description="Chỉ với bản PDF đã thất bại (status failed): bắt đầu lại từ đầu → 202 pending. "
                       "Bản đang tạo: 202 như GET; bản đã có: 409.")
def retry_pdf(file_id):
    found = files.get_visible_file(file_id, api_user())
    if files.mimetype_of(found) == files.PDF_MIMETYPE:
        raise Conflict("Tệp này là bản PDF đã ký số.")
    rendition = pdf_renditions.of_file(found.id)
    if rendition is None:
        pdf_renditions.request_pdfs([found.id])
    elif rendition.status == "ready":
        raise Conflict("Bản PDF đã có sẵn.")
    elif rendition.status == "failed":
        pdf_renditions.retry(found.id)
    return _pdf_status(pdf_renditions.of_file(found.id))


def pdf_name(docx_name: str) -> str:
    return (docx_name[:-5] if docx_name.lower().endswith(".docx") else docx_name) + ".pdf"


@bp.get("/register")
@operation("Sổ đăng ký văn bản đi của cơ quan người dùng, theo thứ tự số", query=REGISTER_FILTERS,
           responses={200: "Register"})
def register(query):
    year = query["year"] or local_today().year
    found = entries(api_user(), year, query["series"] or None)
    return jsonify(items=[serialize.register_entry(e) for e in found])
