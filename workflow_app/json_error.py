"""The one JSON error shape of shared/API.md: `{"error": {"code", "message", "fields"}}`.

Built here only: the API's handlers (api/errors.py), the app-wide fallback for /api/ paths
(web/errors.py) and the database-unavailable answer (unavailable.py) all call error_response().
"""
from __future__ import annotations

from flask import Response, jsonify

# The code of each HTTP status (API.md, "Errors"); others get "http_<status>".
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 414: "too_large",
    415: "bad_request",
    422: "validation", 429: "rate_limited", 500: "internal_error",
}


def code_for(status: int) -> str:
    return CODES.get(status, f"http_{status}")


def error_response(status: int, code: str, message: str, fields: dict | None = None,
                   headers: dict | None = None) -> Response:
    """The error answer. A 401 names the Bearer scheme the API authenticates with."""
    response = jsonify(error={"code": code, "message": message, "fields": fields or {}})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    response.headers.update(headers or {})
    return response
