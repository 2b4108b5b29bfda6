"""Small helpers the document views share."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from ...domain.text import clean
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


def text_arg(name: str, max_length: int) -> str | None:
    """A text query parameter cleaned as the API cleans its own (domain.text.clean: no control
    characters reach a query, PostgreSQL refuses NUL) and cut to `max_length`; None when empty."""
    return clean(request.args.get(name))[:max_length].strip() or None
