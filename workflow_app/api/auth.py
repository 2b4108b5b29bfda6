"""Who is calling: a bearer token (scripts, other systems) or the browser session (the web UI).

Token calls are exempt from CSRF, since no browser attaches a bearer header on its own;
session calls that change something must carry the CSRF token (X-CSRFToken), because
the browser sends the session cookie with any cross-site request.
"""
from __future__ import annotations

from flask import current_app, g, jsonify, request
from flask_limiter import RateLimitExceeded
from flask_login import current_user

from ..extensions import csrf, db
from ..services import accounts, tokens
from ..throttling import retry_after_seconds, sign_in_limit
from .blueprint import bp
from .errors import Unauthorized, error_response
from .openapi import UNSAFE_METHODS, operation, operation_of

SIGN_IN_FAILURES_ALLOWED = 10   # the default SIGN_IN_RATE_LIMIT: failures per address and username in 5 minutes


def api_user():
    """The authenticated caller of this request (set by `authenticate`)."""
    return g.api_user


@bp.before_request
def authenticate():
    g.api_user = g.api_token = None
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
        g.api_user, g.api_token = user, token.strip()
    elif current_user.is_authenticated and current_user.is_active:
        if request.method in UNSAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        g.api_user = current_user._get_current_object()
    else:
        raise Unauthorized("Cần đăng nhập: gửi tiêu đề Authorization: Bearer <mã truy cập>.")


@bp.errorhandler(RateLimitExceeded)
def too_many_sign_ins(exc):
    """Flask-Limiter refused the sign-in (throttling.py), or a public check (api/verify.py): the
    API.md error shape."""
    db.session.rollback()
    wait = retry_after_seconds()
    if request.endpoint == "api.issue_token":
        message = f"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {wait} giây."
    else:
        message = f"Quá nhiều yêu cầu; vui lòng thử lại sau {wait} giây."
    return error_response(429, "rate_limited", message, headers={"Retry-After": str(wait)})


@bp.post("/auth/token")
@sign_in_limit
@operation("Lấy mã truy cập (bearer token) bằng tên đăng nhập và mật khẩu", body="TokenRequest",
           public=True, responses={201: "Token"}, errors=(401, 429),
           description="Mã có hiệu lực 12 giờ. Sai tên hoặc mật khẩu: 401; sai quá nhiều lần: 429.")
def issue_token(payload):
    user = accounts.authenticate(payload["username"], payload["password"])
    if user is None:   # counted by sign_in_limit (a 401 is a failed attempt)
        raise Unauthorized("Sai tên đăng nhập hoặc mật khẩu.")
    token, expires_at = tokens.issue(user)
    reply = jsonify(token=token, token_type="Bearer", expires_at=expires_at.isoformat())
    reply.headers["Cache-Control"] = "no-store"   # a credential: no cache may keep it
    return reply, 201


@bp.delete("/auth/token")
@operation("Thu hồi mã truy cập đang dùng", responses={204: None},
           description="Mã gửi trong `Authorization: Bearer` hết hiệu lực ngay (từ đó trả lời 401). "
                       "Phiên đăng nhập trên trình duyệt không thu hồi ở đây: 401.")
def revoke_token():
    if g.api_token is None:
        raise Unauthorized("Cần gửi mã truy cập cần thu hồi: Authorization: Bearer <mã truy cập>.")
    tokens.revoke(g.api_token)
    return "", 204
