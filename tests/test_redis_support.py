"""The one Redis probe the tests that need a real Redis skip on (tests/redis_support.py)."""
from __future__ import annotations

import socket

from tests.redis_support import redis_up


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]   # free once closed: nothing listens there


def test_nothing_listening_is_down():
    assert redis_up(port=_closed_port()) is False


def test_a_missing_client_package_is_down():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert redis_up("no_such_package_for_redis", port=port) is False
        assert redis_up(port=port) is True     # listening, and the redis package is installed
