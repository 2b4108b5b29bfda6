"""The JSON API of shared/API.md (v1)."""
from __future__ import annotations

from flask import Flask


def register_api(app: Flask) -> None:
    """Registers the /api/v1 blueprint (built in issue #5)."""
