"""GET /healthz: is the app up, can it reach its database, and are sign-in counts shared?"""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..throttling import storage_reachable

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    # Throttling storage down is degraded service, not an outage: sign-in goes on, counted per process.
    storage = "ok" if storage_reachable() else "degraded"
    if storage != "ok":
        current_app.logger.warning("Sign-in throttling storage unreachable: counting per process in memory")
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable", rate_limit_storage=storage), 503
    return jsonify(status="ok", database="ok", rate_limit_storage=storage)
