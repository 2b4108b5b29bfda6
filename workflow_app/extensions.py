"""Flask extensions, created unbound and initialised in create_app()."""
import logging

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints so that Alembic can alter them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()   # every browser POST; the API exempts only token-authenticated calls
# No default limits: only the sign-in endpoints are throttled (throttling.py). Storage from
# RATELIMIT_STORAGE_URI (memory:// by default; redis://... shared by several workers).
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def close_session_quietly(_exc: BaseException | None = None) -> None:
    """Each app context's end (registered after Flask-SQLAlchemy's teardown, so it runs first):
    close the session; if its connection died after the request's last commit, log that instead
    of raising. What the request wrote is committed (or rolled back) by then: an error here would
    only turn the answer already built, a committed step's, into a bare 500."""
    try:
        db.session.remove()
    except Exception:
        logging.getLogger(__name__).warning("closing the database session failed", exc_info=True)
        db.session.registry.clear()   # drop the broken session; its connection is invalidated


def configure_sqlite(dbapi_connection, connection_record) -> None:
    """SQLite as an embedded production database: enforce foreign keys, wait for locks instead
    of failing at once, and use a write-ahead log so a commit does not wait for an fsync."""
    import sqlite3
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
