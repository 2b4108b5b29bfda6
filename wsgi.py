"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""
from workflow_app import create_app

app = create_app()
