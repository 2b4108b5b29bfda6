"""HTML blueprints: sign-in, documents, notices, archive, admin, diagrams, the public check of issued files;
plus i18n and error pages."""
from __future__ import annotations

from flask import Flask

from ..extensions import login_manager
from . import errors, i18n, notices, presenters, security_headers
from .admin import bp as admin_bp
from .archive import bp as archive_bp
from .auth import bp as auth_bp
from .awards import bp as awards_bp
from .council import bp as council_bp
from .diagrams import bp as diagrams_bp
from .documents import bp as documents_bp
from .health import bp as health_bp
from .round_desk import bp as round_desk_bp
from .statistics import bp as statistics_bp
from .verify import bp as verification_bp

# A plan can take longer than Flask-WTF's default hour to write: a token that expired
# meanwhile would throw the text away. The token stays bound to the signed-in session.
CSRF_TIME_LIMIT = 8 * 3600


def register_web(app: Flask) -> None:
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", CSRF_TIME_LIMIT)
    security_headers.register(app)
    app.register_blueprint(health_bp)
    i18n.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = i18n.LOGIN_REQUIRED
    login_manager.login_message_category = "warning"
    for blueprint in (auth_bp, documents_bp, notices.bp, archive_bp, statistics_bp, awards_bp, admin_bp,
                      diagrams_bp, council_bp, round_desk_bp, verification_bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    presenters.register(app)
    notices.register(app)
