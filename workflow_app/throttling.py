"""Sign-in throttling with Flask-Limiter, one limit for the web form and the API token endpoint.

Only failed attempts count (the answer is 401), per client address and username, and the
web and API share the count, so a guesser gains nothing by switching between them. The
limit is SIGN_IN_RATE_LIMIT (default "10 per 5 minutes"); the storage RATELIMIT_STORAGE_URI
(memory:// in one process; redis://host:6379 so that several workers share the counts).
"""
from __future__ import annotations

import math
import time

from flask import current_app, request

from .domain.text import clean
from .extensions import limiter

SIGN_IN_SCOPE = "sign-in"


def _attempted_username() -> str:
    if request.is_json:
        body = request.get_json(silent=True)
        name = body.get("username") if isinstance(body, dict) else None
    else:
        name = request.form.get("username")
    return clean(name).lower()[:200] if isinstance(name, str) else ""


def sign_in_key() -> str:
    """(client address, username as authenticate() reads it)."""
    return f"{request.remote_addr or '-'}|{_attempted_username()}"


def _sign_in_limit() -> str:
    return current_app.config.get("SIGN_IN_RATE_LIMIT", "10 per 5 minutes")


def _failed(response) -> bool:
    return response.status_code == 401


# Applied to the web login and the API token views; methods=["POST"]: showing the form is free.
sign_in_limit = limiter.shared_limit(_sign_in_limit, scope=SIGN_IN_SCOPE, key_func=sign_in_key,
                                     deduct_when=_failed, methods=["POST"])


def retry_after_seconds() -> int:
    """Seconds until the limit just breached lets this client try again (at least 1)."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))
