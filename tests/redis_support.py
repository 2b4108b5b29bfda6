"""Is there a Redis the tests may use? One probe for every test that needs a real Redis (Flask-
Limiter's storage, the rq worker) and skips without one."""
from __future__ import annotations

import importlib
import socket

HOST, PORT = "127.0.0.1", 6379


def redis_up(*packages: str, host: str = HOST, port: int = PORT) -> bool:
    """A server listens on host:port and the client packages a test needs import: `redis`
    always, plus `packages` (e.g. "rq")."""
    for name in ("redis", *packages):
        try:
            importlib.import_module(name)
        except ImportError:
            return False
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
