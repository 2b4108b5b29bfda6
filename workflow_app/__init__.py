"""Plan and commendation workflows for Vietnamese People's Committees (Flask app factory)."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from . import kinds  # noqa: F401  (registers the built-in document kinds: domain/kinds.py)
from .config import config_from_environment
from .extensions import close_session_quietly, configure_sqlite, csrf, db, limiter, login_manager, migrate

event.listen(Engine, "connect", configure_sqlite)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    instance_path = Path(app.instance_path)
    instance_path.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config_from_environment(instance_path))
    if config:
        app.config.update(config)
    if app.config.get("TESTING") and "PDF_QUEUE" not in (config or {}):
        app.config["PDF_QUEUE"] = "off"   # tests convert only when they ask to (services/pdf_renditions.py)

    if app.config.get("TRUSTED_PROXIES"):
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    db.init_app(app)
    app.teardown_appcontext(close_session_quietly)   # runs before Flask-SQLAlchemy's own
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from . import models  # noqa: F401  (registers the tables with the metadata)

    # The session cookie names a browser sign-in (services/tokens.py), not just the user, so that
    # it can be ended server-side; User.sign_in_key gives it to Flask-Login at login_user().
    from .services import tokens
    login_manager.id_attribute = "sign_in_key"
    login_manager.user_loader(tokens.browser_user)

    from .cli import register_cli
    register_cli(app)
    from .web import register_web
    register_web(app)
    from .api import register_api
    register_api(app)
    from .services import pdf_renditions
    pdf_renditions.init_app(app)
    from .services import signatures, verification
    # the CAs stored for signing (seed-demo's DEMO CA, roots an admin added) are trusted by the
    # public verification too, beside SIGNING_TRUST_ROOTS
    verification.add_trust_root_provider(app, signatures.trust_roots)
    from . import unavailable
    unavailable.register(app)
    from . import request_limits
    request_limits.register(app)
    return app
