"""Web tests: the Flask test client on both databases, signed in as one of the world's users."""
from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = _TOKEN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class Browser:
    """A test client that signs in and posts forms with the token its last page carried.

    Each request runs in its own app context, as in production: the `app` fixture holds one
    context open for the whole test, and Flask-Login and Flask-WTF cache the signed-in user
    and the CSRF token in `g`, which would otherwise leak from one client to the next.
    """

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self.token = None

    def _request(self, method, url, **kwargs):
        with self.app.app_context():
            return getattr(self.client, method)(url, **kwargs)

    def get(self, url, **kwargs):
        response = self._request("get", url, **kwargs)
        if response.mimetype == "text/html":
            found = _TOKEN.search(response.get_data(as_text=True))
            if found:
                self.token = found.group(1)
        return response

    def post(self, url, data=None, token=True, **kwargs):
        data = dict(data or {})
        if token:
            if self.token is None:
                self.get("/login")
            data.setdefault("csrf_token", self.token)
        return self._request("post", url, data=data, **kwargs)

    def login(self, username: str, password: str = PASSWORD):
        self.get("/login")
        response = self.post("/login", {"username": username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.get("/")
        return self


@pytest.fixture
def browser(app):
    return Browser(app)


@pytest.fixture
def as_user(app):
    """as_user("reviewer") -> a Browser signed in as that user of the world."""
    def sign_in(username: str) -> Browser:
        return Browser(app).login(username)
    return sign_in
