"""gunicorn entry point for the fault tests only: the app with TESTING on, so that
workflow_app.services.faults acts on WORKFLOW_TEST_FAULTS. Errors are still handled
as in production (PROPAGATE_EXCEPTIONS off)."""
from workflow_app import create_app

app = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False})
