"""Small helpers the document views share."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from ...services import documents


def load(document_id: int):
    """The document if the current user may see it; NotFound (404 page) otherwise."""
    return documents.get_visible(document_id, current_user)


def int_arg(name: str, default: int | None = None, low: int = 1, high: int = 10**6) -> int | None:
    try:
        value = int(request.args.get(name, ""))
    except ValueError:
        return default
    return value if low <= value <= high else default
