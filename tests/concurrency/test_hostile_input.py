"""Hostile input against the live deployment (gunicorn -c gunicorn.conf.py -w 4, PostgreSQL):
issue 12, points 2 and 10.

Four drafters uploading the probe's .xlsx (339k sparse rows) at once took all four workers
down for 30 s; now each upload is refused in under 2 s while /healthz and an API call are
answered normally. A URL longer than any real one under /api/ is answered by the app in the
API's error shape, not by gunicorn's HTML page."""
from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories import PASSWORD, new_commendation
from tests.web.xlsx import hostile_sparse_sheet
from workflow_app.extensions import db

from .live import request
from .world import load_world

pytestmark = pytest.mark.concurrency

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class WebSession:
    """A browser's session against the live server: cookies, CSRF tokens, multipart uploads."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = None

    def open(self, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode("utf-8", "replace")
        found = _CSRF.search(body)
        if found:
            self.token = found.group(1)
        return status, body

    def sign_in(self, username: str) -> "WebSession":
        self.open("/login")
        form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrf_token": self.token})
        status, body = self.open("/login", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and "Đăng xuất" in body, (status, body[:300])
        return self

    def upload(self, path: str, fields: dict, file_name: str, content: bytes) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in {**fields, "csrf_token": self.token}.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.open(path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


@pytest.fixture(scope="module")
def proposal(live_db):
    _, app = live_db
    with app.app_context():
        document = new_commendation(load_world())
        found = (document.id, document.version)
        db.session.remove()
    return found


def test_four_hostile_uploads_at_once_are_refused_quickly_and_the_service_keeps_answering(live_server, proposal):
    hostile = hostile_sparse_sheet()
    document_id, version = proposal
    sessions = []
    for _ in range(4):
        session = WebSession(live_server.port).sign_in("drafter.antruong")
        session.open(f"/documents/{document_id}/import")
        sessions.append(session)

    def upload(session):
        started = time.perf_counter()
        status, body = session.upload(f"/documents/{document_id}/import", {"version": version}, "ds.xlsx", hostile)
        return status, body, time.perf_counter() - started

    def meanwhile():
        time.sleep(0.3)   # while the uploads are being read
        return [request(live_server.port, "GET", "/healthz", timeout=10),
                live_server.call("GET", "/api/v1/documents?per_page=5", "drafter", timeout=10)]

    with ThreadPoolExecutor(max_workers=5) as pool:
        uploads = [pool.submit(upload, s) for s in sessions]
        others = pool.submit(meanwhile)
        results = [u.result(timeout=120) for u in uploads]
        health, listing = others.result(timeout=120)

    for status, body, seconds in results:
        assert status == 422, (status, body[-500:])
        assert "Danh sách nhiều nhất 5000 dòng" in body
        assert seconds < 2.0, seconds
    assert health[0] == 200 and health[2] < 2.0, health
    assert listing[0] == 200 and listing[2] < 2.0, listing[:1] + listing[2:]


@pytest.mark.parametrize("path", ["/api/v1/documents?q=", "/api/v1/nowhere/", "/api/v1/verify/"])
def test_a_long_url_under_the_api_gets_the_api_error_shape(live_server, path):
    status, body, _ = live_server.call("GET", path + "x" * 6000, "drafter")
    assert status == 414, (status, str(body)[:300])
    assert body == {"error": {"code": "too_large", "message": "Địa chỉ yêu cầu (URL) quá dài.", "fields": {}}}


def test_a_long_web_url_is_refused_in_vietnamese(live_server):
    status, body, _ = request(live_server.port, "GET", "/documents?q=" + "x" * 6000)
    assert status == 414 and "Địa chỉ yêu cầu (URL) quá dài." in body
