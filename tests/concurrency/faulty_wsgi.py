"""gunicorn entry point for the fault tests only: the production app (wsgi.py) plus the fault
points that WORKFLOW_TEST_FAULTS arms (tests/concurrency/faults.py, SQLAlchemy session events)."""
from tests.concurrency import faults
from wsgi import app

faults.install_from_environment()

__all__ = ["app"]
