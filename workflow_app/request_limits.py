"""Requests the app refuses before doing anything: URLs longer than any page or API call needs.

gunicorn refuses a request line longer than its `limit_request_line` itself, in HTML (see
gunicorn.conf.py). It is set to the largest bounded value there, so that everything between
MAX_URL_LENGTH and that limit reaches the app and is answered here: under /api/ in the API's
error shape (status 414, code `too_large`), elsewhere as a short Vietnamese text.
"""
from __future__ import annotations

from flask import Flask, request

from .api.errors import MESSAGES, error_response

MAX_URL_LENGTH = 4096   # path and query string; the longest legitimate one is a few hundred
URL_TOO_LONG = MESSAGES[414]


def _refuse_long_urls():
    length = len(request.environ.get("RAW_URI") or request.full_path)
    if length <= MAX_URL_LENGTH:
        return None
    if request.path.startswith("/api/"):
        return error_response(414, "too_large", URL_TOO_LONG)
    return URL_TOO_LONG + "\n", 414, {"Content-Type": "text/plain; charset=utf-8"}


def register(app: Flask) -> None:
    # first of all: before routing errors, sign-in checks or any query
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_long_urls)
