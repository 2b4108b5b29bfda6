"""Xác thực văn bản (issue 16, point 5): a public page, no login. Anyone drops or chooses a PDF
(a plain form upload: it works without JavaScript) and reads whether the system issued it and
whether its signatures hold; /xac-thuc/<code> is where the QR on an issued PDF leads (a
verification code, or a file's sha256). Rate-limited per client address like the API's check."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter import RateLimitExceeded
from flask_limiter.util import get_remote_address

from ..extensions import csrf, db, limiter
from ..services import pdf_verification, verification
from ..throttling import retry_after_seconds

bp = Blueprint("verification", __name__, url_prefix="/xac-thuc")

ROLE_LABELS = {
    pdf_verification.APPROVER: _l("Người có thẩm quyền ký"),
    pdf_verification.ORGANIZATION: _l("Cơ quan ban hành (chữ ký số cơ quan)"),
    pdf_verification.OTHER: _l("Chữ ký khác"),
}


def _lookup_limit() -> str:
    return current_app.config.get("VERIFY_RATE_LIMIT", "60 per minute")


def _upload_limit() -> str:
    return current_app.config.get("VERIFY_UPLOAD_RATE_LIMIT", "10 per minute")


def signed_at_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M:%S")
    except ValueError:
        return value


def _page(report=None, error: str | None = None, status: int = 200, code: str | None = None):
    return render_template("verification/check.html", report=report, error=error, code=code,
                           role_labels=ROLE_LABELS, signed_at_label=signed_at_label), status


@bp.errorhandler(RateLimitExceeded)
def too_many(exc):
    db.session.rollback()
    wait = retry_after_seconds()
    return (*_page(error=_l("Quá nhiều yêu cầu xác thực. Vui lòng thử lại sau %(seconds)d giây.",
                            seconds=wait), status=429), {"Retry-After": str(wait)})


@bp.get("")
def form():
    return _page()


# The check changes nothing and knows no user: a CSRF token would only make it fail for a
# visitor whose cookies are off.
@bp.post("")
@csrf.exempt
@limiter.limit(_upload_limit, key_func=get_remote_address, scope="verify-upload")
def check():
    upload = request.files.get("tep")
    data = upload.read() if upload is not None else b""
    if not data:
        return _page(error=_l("Hãy chọn tệp PDF của văn bản cần xác thực."), status=422)
    try:
        report = verification.report_for_pdf(data)
    except pdf_verification.NotAPdf:
        db.session.rollback()
        return _page(error=_l("Tệp đã chọn không phải tệp PDF."), status=422)
    return _page(report)


@bp.get("/<code>")
@limiter.limit(_lookup_limit, key_func=get_remote_address, scope="verify")
def by_code(code):
    if len(code) == 64:
        report = verification.report_for_hash(code)
    else:
        report = verification.report_for_code(code)
    if report is None:
        return _page(error=_l("Không có văn bản ban hành nào ứng với mã xác thực này."), status=404, code=code)
    return _page(report, code=code)
