"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app` (README) and tests/concurrency/live.py.

gunicorn answers what it refuses itself (a request line or header over its limits) with its
own HTML page, before the app can answer in the API's JSON error shape. The request line limit
is therefore the largest bounded value gunicorn accepts (8190; 0 would be unbounded), above
the app's own MAX_URL_LENGTH (workflow_app/request_limits.py: 4096), so a long URL reaches the
app and gets `414 {"error": {"code": "too_large", ...}}` under /api/. Only a request line over
8190 bytes still gets gunicorn's page.
"""
limit_request_line = 8190
limit_request_fields = 100         # gunicorn's default, stated: headers per request
limit_request_field_size = 8190    # gunicorn's default, stated: bytes per header
timeout = 30                       # a worker silent this long is killed; work is bounded well below
graceful_timeout = 30
