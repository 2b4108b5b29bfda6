"""One shape for every refusal under /api/: `{"error": {"code", "message", "fields"}}` (json_error.py).

Domain refusals (WorkflowError) keep their own status, code and Vietnamese message;
HTTP-level ones (routing, size, CSRF) get the code and message of their status.
Every handler rolls the session back first, so a refused request leaves nothing behind.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import RequestRedirect

from ..domain.errors import WorkflowError
from ..extensions import db
from ..json_error import CODES, code_for, error_response
from ..services.api_steps import SavedButUnread
from ..unavailable import RETRY_AFTER

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần xác thực: thiếu mã truy cập hoặc mã không hợp lệ, đã hết hạn.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy.",
    405: "Địa chỉ này không hỗ trợ phương thức yêu cầu.",
    409: "Văn bản đã thay đổi hoặc không ở trạng thái cho phép thao tác này.",
    413: "Dữ liệu gửi lên vượt quá giới hạn cho phép.",
    414: "Địa chỉ yêu cầu (URL) quá dài.",
    415: "Dữ liệu gửi lên phải là JSON (Content-Type: application/json).",
    422: "Dữ liệu chưa hợp lệ.",
    429: "Thử quá nhiều lần; vui lòng đợi rồi thử lại.",
    500: "Lỗi hệ thống; vui lòng thử lại sau.",
}
CSRF_MESSAGE = "Thiếu hoặc sai mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken."


class Unauthorized(WorkflowError):
    status, code = 401, "unauthorized"


class TooLarge(WorkflowError):
    status, code = 413, "too_large"


class RateLimited(WorkflowError):
    status, code = 429, "rate_limited"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def _workflow_error(exc: WorkflowError) -> Response:
    db.session.rollback()
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    return error_response(exc.status, exc.code, exc.message, exc.fields, headers)


def _saved_but_unread(exc: SavedButUnread) -> Response:
    """A committed step whose answer could not be read back: 503, saying that it was saved (the
    service rolled the session back already)."""
    return error_response(503, "service_unavailable", exc.message, headers={"Retry-After": RETRY_AFTER})


def http_error(exc: HTTPException) -> Response:
    db.session.rollback()
    status = exc.code or 500
    message = MESSAGES.get(status, exc.name)
    if isinstance(exc, CSRFError):
        message = CSRF_MESSAGE
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    return error_response(status, code_for(status), message, headers=headers)


def _internal_error(exc: InternalServerError) -> Response:
    # An unexpected exception, wrapped by Flask (unless PROPAGATE_EXCEPTIONS re-raises it, as in tests).
    current_app.logger.error("API error on %s %s", request.method, request.path,
                             exc_info=exc.original_exception)
    return http_error(InternalServerError())


def register_error_handlers(bp: Blueprint) -> None:
    bp.register_error_handler(WorkflowError, _workflow_error)
    bp.register_error_handler(SavedButUnread, _saved_but_unread)
    bp.register_error_handler(HTTPException, http_error)
    # Flask prefers a handler for the status code, even the app's, to a blueprint's handler
    # for the class: claim each code the web UI may render as HTML.
    for status in CODES:
        bp.register_error_handler(status, _internal_error if status == 500 else http_error)

    @bp.before_app_request
    def _routing_errors_as_json():
        """Unknown paths and wrong methods under /api/ never reach the blueprint's handlers
        (no endpoint matched), and the web UI answers them with HTML: answer them here."""
        exc = request.routing_exception
        if (exc is not None and request.path.startswith("/api/")
                and isinstance(exc, HTTPException) and not isinstance(exc, RequestRedirect)):
            return http_error(exc)
        return None
