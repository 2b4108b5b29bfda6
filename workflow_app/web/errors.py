"""Error pages in Vietnamese for people; the API's JSON shape for anything under /api/.

A refusal from the services (WorkflowError) that a view did not handle itself still
becomes a page with its message and status, never a 500.
"""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..domain.errors import WorkflowError
from ..extensions import db
from ..json_error import code_for, error_response

API_PREFIX = "/api/"


def _titles() -> dict[int, str]:
    return {
        400: _("Yêu cầu không hợp lệ"), 403: _("Không có quyền truy cập"),
        404: _("Không tìm thấy trang"), 405: _("Thao tác không được hỗ trợ"),
        409: _("Xung đột dữ liệu"), 413: _("Tệp quá lớn"), 422: _("Dữ liệu chưa hợp lệ"),
        500: _("Lỗi hệ thống"),
    }


def _default_messages() -> dict[int, str]:
    return {
        400: _("Yêu cầu gửi lên không đúng. Vui lòng thử lại."),
        403: _("Bạn không có quyền thực hiện thao tác này."),
        404: _("Trang hoặc văn bản bạn tìm không tồn tại, hoặc bạn không có quyền xem."),
        405: _("Thao tác này không được hỗ trợ tại địa chỉ này."),
        413: _("Tệp tải lên vượt quá dung lượng cho phép."),
        500: _("Đã có lỗi ngoài ý muốn. Không có thay đổi nào được lưu; vui lòng thử lại sau."),
    }


def _is_api() -> bool:
    return request.path.startswith(API_PREFIX)


def _api_error(status: int, message: str, fields: dict | None = None):
    return error_response(status, code_for(status), message, fields)


def error_page(status: int, message: str | None = None):
    status = status if status in _titles() else 500
    message = message or _default_messages().get(status, "")
    return render_template("errors/error.html", status=status, title=_titles()[status],
                           message=message), status


def _handle_http(exc: HTTPException):
    status = exc.code or 500
    if _is_api():
        return _api_error(status, exc.description or "")
    if isinstance(exc, CSRFError):
        return error_page(400, _("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ (thiếu mã CSRF). "
                                 "Vui lòng tải lại trang và thử lại."))
    return error_page(status)


def _handle_workflow(exc: WorkflowError):
    db.session.rollback()
    if _is_api():
        return _api_error(exc.status, exc.message, exc.fields)
    return error_page(exc.status, exc.message)


def _handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return _handle_http(exc)
    db.session.rollback()
    original = getattr(exc, "original_exception", exc)
    if not isinstance(original, InternalServerError):
        current_app.logger.error("unhandled error on %s %s", request.method, request.path, exc_info=original)
    if _is_api():
        return _api_error(500, "Lỗi hệ thống.")
    return error_page(500)


def register(app: Flask) -> None:
    for status in (400, 403, 404, 405, 409, 413, 422):
        app.register_error_handler(status, _handle_http)
    app.register_error_handler(WorkflowError, _handle_workflow)
    app.register_error_handler(500, _handle_unexpected)
