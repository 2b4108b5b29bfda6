"""Generated files, the outgoing register, and public verification of issued files."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import Response, jsonify, request

from ..domain.clock import local_today
from ..services import files
from ..services.register import entries
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import DOCX, operation
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
    found = files.get_visible_file(file_id, api_user())
    response = Response(found.content, mimetype=files.DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(found.file_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(found.sha256)
    response.cache_control.private = True
    response.cache_control.no_cache = True   # revalidate: the ETag makes that cheap
    return response.make_conditional(request)


@bp.get("/register")
@operation("Sổ đăng ký văn bản đi của cơ quan người dùng, theo thứ tự số", query=REGISTER_FILTERS,
           responses={200: "Register"})
def register(query):
    year = query["year"] or local_today().year
    found = entries(api_user(), year, query["series"] or None)
    return jsonify(items=[serialize.register_entry(e) for e in found])


@bp.get("/verify/<sha256>")
@operation("Xác thực một tệp đã ban hành theo mã sha256", public=True,
           responses={200: "Verification", 404: "NotAuthentic"},
           path={"sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}},
           description="Không cần đăng nhập. Chỉ tệp ban hành chính thức được xác nhận; dự thảo "
                       "và mã lạ đều là 404.")
def verify(sha256):
    found = files.verify(sha256)
    if found is None:
        return jsonify(authentic=False, error={
            "code": "not_found", "fields": {},
            "message": "Không có văn bản ban hành nào có mã này."}), 404
    return jsonify(serialize.verification(found))
