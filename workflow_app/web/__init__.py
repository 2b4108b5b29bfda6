"""HTML blueprints. For now: health check and the error mapping shared by every page."""
from __future__ import annotations

from flask import Flask

from .health import bp as health_bp


def register_web(app: Flask) -> None:
    app.register_blueprint(health_bp)
