"""Public verification of issued files (API.md "Verification" and "Signed PDF"): by hash, or by
sending the PDF itself. No authentication; rate-limited per client address (VERIFY_RATE_LIMIT,
VERIFY_UPLOAD_RATE_LIMIT); the upload is bounded by MAX_CONTENT_LENGTH (413) and the checking
by services/pdf_verification.py's bounds."""
from __future__ import annotations

from flask import current_app, jsonify, request
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import RequestEntityTooLarge

from ..extensions import db, limiter
from ..json_error import error_response
from ..services import pdf_verification, verification
from .blueprint import bp
from .openapi import operation

PDF_MIMETYPE = "application/pdf"


def _lookup_limit() -> str:
    return current_app.config.get("VERIFY_RATE_LIMIT", "60 per minute")


def _upload_limit() -> str:
    return current_app.config.get("VERIFY_UPLOAD_RATE_LIMIT", "10 per minute")


def _date(value):
    return value.isoformat() if value is not None else None


def report_json(report: verification.Report) -> dict:
    """A .docx found by its hash answers as it always did; a PDF adds its signatures, the reasons
    and whether it was changed after signing."""
    answer = {"authentic": report.authentic, "number": report.number, "issued_on": _date(report.issued_on),
              "organization": report.organization, "title": report.title}
    if report.signatures is not None:
        answer["signatures"] = [{"signer": s.signer, "role": s.role, "signed_at": s.signed_at, "valid": s.valid,
                                 "timestamped_at": s.timestamped_at} for s in report.signatures]
        answer["reasons"] = report.reasons
        answer["altered"] = report.altered
    return answer


@bp.get("/verify/<sha256>")
@limiter.limit(_lookup_limit, key_func=get_remote_address, scope="verify")
@operation("Xác thực một tệp đã ban hành theo mã sha256", public=True,
           responses={200: "Verification", 404: "NotAuthentic"}, errors=(429,),
           path={"sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}},
           description="Không cần đăng nhập. Tệp .docx ban hành, bản PDF của nó hoặc bản PDF đã ký số: "
                       "với PDF có thêm danh sách chữ ký (người ký, vai trò, thời điểm, hợp lệ). Dự thảo "
                       "và mã lạ đều là 404.")
def verify(sha256):
    report = verification.report_for_hash(sha256)
    if report is None:
        return jsonify(authentic=False, error={
            "code": "not_found", "fields": {},
            "message": "Không có văn bản ban hành nào có mã này."}), 404
    return jsonify(report_json(report))


@bp.post("/verify")
@limiter.limit(_upload_limit, key_func=get_remote_address, scope="verify-upload")
@operation("Xác thực một tệp PDF gửi lên", public=True, responses={200: "Verification"}, raw_body=PDF_MIMETYPE,
           errors=(413, 415, 422, 429),
           description="Gửi chính tệp PDF làm nội dung yêu cầu (Content-Type: application/pdf), không cần "
                       "đăng nhập. 200 kèm authentic: true khi đúng tệp hệ thống đã ban hành và mọi chữ ký "
                       "số hợp lệ; authentic: false kèm reasons (tệp lạ, đã bị thay đổi sau khi ký, chứng "
                       "thư không tin cậy). Không phải PDF: 422; sai Content-Type: 415; quá lớn: 413.")
def verify_upload():
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()   # whatever its type; a body without a length stops at the limit when read
    mimetype = (request.mimetype or "").lower()
    if mimetype != PDF_MIMETYPE:
        return error_response(415, "bad_request", "Gửi tệp PDF với Content-Type: application/pdf.",
                              {"Content-Type": "Phải là application/pdf."})
    data = request.get_data(cache=False)
    if not data:
        return error_response(422, "validation", "Chưa có tệp PDF trong nội dung yêu cầu.",
                              {"body": "Nội dung rỗng."})
    try:
        report = verification.report_for_pdf(data)
    except pdf_verification.NotAPdf as exc:
        db.session.rollback()
        return error_response(422, "validation", "Tệp gửi lên không phải PDF.", {"body": str(exc)})
    return jsonify(report_json(report))
