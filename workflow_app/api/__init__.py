"""The JSON API of shared/API.md (v1), under /api/v1."""
from __future__ import annotations

from flask import Flask

from ..extensions import csrf

# each adds its routes to the blueprint
from . import auth, awards, council, documents, files, notices, openapi, rounds, statistics, verify  # noqa: F401
from .blueprint import bp
from .errors import register_error_handlers

register_error_handlers(bp)
# Token calls need no CSRF token; session calls are checked in auth.authenticate instead.
csrf.exempt(bp)


def register_api(app: Flask) -> None:
    app.register_blueprint(bp)
