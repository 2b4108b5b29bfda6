"""A lost or unusable database connection answers 503, never a bare 500.

An OperationalError / InterfaceError from the driver (PostgreSQL restarted, the backend
terminated, the network dropped) reaches here after the service has rolled back, so
nothing was saved; the client may retry (the pool's pre-ping replaces dead connections).
Under /api/ the answer is the API's JSON error shape with code `service_unavailable`;
elsewhere the error page. Registered app-wide, so it covers both blueprints.
"""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError

from .extensions import db
from .json_error import error_response

MESSAGE = ("Tạm thời không kết nối được cơ sở dữ liệu; không có thay đổi nào được lưu. "
           "Vui lòng thử lại sau ít phút.")
RETRY_AFTER = "5"


def database_unavailable(exc: Exception):
    try:
        db.session.rollback()
    except Exception:   # the connection is gone; the session is reset on remove()
        pass
    current_app.logger.warning("database unavailable on %s %s: %s", request.method, request.path,
                               exc.__class__.__name__)
    headers = {"Retry-After": RETRY_AFTER}
    if request.path.startswith("/api/"):
        return error_response(503, "service_unavailable", MESSAGE, headers=headers)
    try:
        page = render_template("errors/error.html", status=503, title="Dịch vụ tạm thời gián đoạn",
                               message=MESSAGE)
    except Exception:   # the page itself may need the database (current_user)
        page = f"<!doctype html><title>503</title><p>{MESSAGE}</p>"
    return page, 503, headers


def register(app: Flask) -> None:
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
