"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""
import gc

from workflow_app import create_app

app = create_app()
# Everything imported and built so far lives as long as the process: move it out of the
# garbage collector's reach, so a worker's full collections (tens of ms each) do not walk it
# again and again, and pre-forked workers share those pages instead of copying them.
gc.freeze()
