"""Sign-in throttling with Flask-Limiter, the same limits for the web form and the API token endpoint.

Only failed attempts count (the answer is 401), per client address and username, and the
web and API share the count, so a guesser gains nothing by switching between them. The
limit is SIGN_IN_RATE_LIMIT (default "10 per 5 minutes"); SIGN_IN_ADDRESS_RATE_LIMIT ("30 per
5 minutes") counts an address's failures over all usernames. The storage is RATELIMIT_STORAGE_URI
(memory:// counts per process, so N workers allow N times the limit; redis://host:6379 shares
the counts). If the storage is unreachable each process counts in memory (config.py) and
/healthz says so.
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


def _address_limit() -> str:
    return current_app.config.get("SIGN_IN_ADDRESS_RATE_LIMIT", "30 per 5 minutes")


def _address_key() -> str:
    return request.remote_addr or "-"


# Applied to the web login and the API token views; methods=["POST"]: showing the form is free.
_per_user = limiter.shared_limit(_sign_in_limit, scope=SIGN_IN_SCOPE, key_func=sign_in_key,
                                 deduct_when=_failed, methods=["POST"])
# Every failure from one address, whatever the name: one password tried against many users.
_per_address = limiter.shared_limit(_address_limit, scope=SIGN_IN_SCOPE + "-address",
                                    key_func=_address_key, deduct_when=_failed, methods=["POST"])


def sign_in_limit(view):
    return _per_address(_per_user(view))


def storage_reachable() -> bool:
    """For /healthz: False while the shared counts cannot be reached (then each process counts
    on its own, in memory: Flask-Limiter's in-memory fallback)."""
    try:
        return bool(limiter.storage.check())
    except Exception:   # any storage error means: not reachable
        return False


def retry_after_seconds() -> int:
    """Seconds until the limit just breached lets this client try again (at least 1)."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))
