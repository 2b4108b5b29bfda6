"""Security headers on every response, pages and API alike.

The UI has no inline scripts, styles or style attributes (tests/security checks the
templates), so the policy allows scripts and styles from this site only.

Nothing is stored by a browser or proxy cache (`Cache-Control: no-store`: pages, downloads and
API answers hold what only their user may see, and forms their CSRF token), except what is
the same for everyone: the static assets and the public check of an issued file.
"""
from __future__ import annotations

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


CACHEABLE_ENDPOINTS = {"static", "api.verify"}


def add_security_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint not in CACHEABLE_ENDPOINTS:
        response.headers["Cache-Control"] = "no-store"   # replaces send_file's "no-cache"
    return response


def register(app: Flask) -> None:
    app.after_request(add_security_headers)
