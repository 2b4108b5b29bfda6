"""Who is calling: a bearer token (scripts, other systems) or the browser session (the web UI).

Token calls are exempt from CSRF, since no browser attaches a bearer header on its own;
session calls that change something must carry the CSRF token (X-CSRFToken), because
the browser sends the session cookie with any cross-site request.
"""
from __future__ import annotations

import threading
import time
from collections import deque

from flask import current_app, g, jsonify, request
from flask_login import current_user

from ..domain.text import clean
from ..extensions import csrf
from ..services import accounts, tokens
from .blueprint import bp
from .errors import RateLimited, Unauthorized
from .openapi import UNSAFE_METHODS, operation, operation_of

SIGN_IN_FAILURES_ALLOWED = 10          # per client address and username ...
SIGN_IN_FAILURE_WINDOW_SECONDS = 300   # ... within this many seconds


def api_user():
    """The authenticated caller of this request (set by `authenticate`)."""
    return g.api_user


@bp.before_request
def authenticate():
    g.api_user = None
    op = operation_of(request.endpoint)
    if op is not None and op.public:
        return
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        user = tokens.user_for(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise Unauthorized("Mã truy cập không hợp lệ hoặc đã hết hạn; hãy lấy mã mới "
                               "ở POST /api/v1/auth/token.")
        g.api_user = user
    elif current_user.is_authenticated and current_user.is_active:
        if request.method in UNSAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        g.api_user = current_user._get_current_object()
    else:
        raise Unauthorized("Cần đăng nhập: gửi tiêu đề Authorization: Bearer <mã truy cập>.")


class FailedSignIns:
    """Failed sign-ins per (client address, username) in a sliding window, in this process.

    Enough to make password guessing slow; with several workers each counts its own.
    """

    def __init__(self, limit: int, window_seconds: int, max_keys: int = 10_000):
        self.limit, self.window, self.max_keys = limit, window_seconds, max_keys
        self._failures: dict[tuple, deque] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: tuple) -> int:
        """Seconds until `key` may try again; 0 when it may now."""
        now = time.monotonic()
        with self._lock:
            times = self._failures.get(key)
            while times and times[0] <= now - self.window:
                times.popleft()
            if not times or len(times) < self.limit:
                return 0
            return max(1, int(times[0] + self.window - now) + 1)

    def failed(self, key: tuple) -> None:
        with self._lock:
            if key not in self._failures and len(self._failures) >= self.max_keys:
                self._failures.clear()   # crude but bounded: a flood of names cannot fill memory
            self._failures.setdefault(key, deque()).append(time.monotonic())

    def succeeded(self, key: tuple) -> None:
        with self._lock:
            self._failures.pop(key, None)


def reset_failed_sign_ins(app) -> None:
    app.extensions["api_failed_sign_ins"] = FailedSignIns(
        app.config.get("API_SIGN_IN_FAILURES_ALLOWED", SIGN_IN_FAILURES_ALLOWED),
        app.config.get("API_SIGN_IN_FAILURE_WINDOW_SECONDS", SIGN_IN_FAILURE_WINDOW_SECONDS))


def failed_sign_ins() -> FailedSignIns:
    return current_app.extensions["api_failed_sign_ins"]


@bp.post("/auth/token")
@operation("Lấy mã truy cập (bearer token) bằng tên đăng nhập và mật khẩu", body="TokenRequest",
           public=True, responses={201: "Token"}, errors=(401, 429),
           description="Mã có hiệu lực 12 giờ. Sai tên hoặc mật khẩu: 401; sai quá nhiều lần: 429.")
def issue_token(payload):
    key = (request.remote_addr or "", clean(payload["username"]).lower())
    wait = failed_sign_ins().retry_after(key)
    if wait:
        raise RateLimited(f"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {wait} giây.", wait)
    user = accounts.authenticate(payload["username"], payload["password"])
    if user is None:
        failed_sign_ins().failed(key)
        raise Unauthorized("Sai tên đăng nhập hoặc mật khẩu.")
    failed_sign_ins().succeeded(key)
    token, expires_at = tokens.issue(user)
    reply = jsonify(token=token, token_type="Bearer", expires_at=expires_at.isoformat())
    reply.headers["Cache-Control"] = "no-store"   # a credential: no cache may keep it
    return reply, 201
