"""Security headers on every response, cookie flags, and templates the CSP does not break."""
from __future__ import annotations

import re
from pathlib import Path

from tests.factories import PASSWORD
from tests.web.conftest import Browser
from workflow_app import create_app

TEMPLATES = Path(__file__).resolve().parents[2] / "workflow_app" / "templates"
STATIC_JS = Path(__file__).resolve().parents[2] / "workflow_app" / "static" / "js"


def csp_directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def assert_security_headers(response):
    csp = csp_directives(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and "unsafe" not in csp["script-src"]
    assert csp["style-src"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'self'" and csp["form-action"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")


def test_every_kind_of_response_carries_the_headers(world, app, as_user):
    anonymous = Browser(app)
    drafter = as_user("drafter")
    responses = [
        anonymous.get("/login"), anonymous.get("/"), anonymous.get("/healthz"),
        anonymous.get("/static/css/app.css"), anonymous.get("/nowhere"),
        anonymous.post("/login", {"username": "drafter", "password": "x"}),
        anonymous.get("/api/v1/openapi.json"), anonymous.get("/api/v1/documents"),
        anonymous.get("/api/v1/nowhere"),
        drafter.get("/"), drafter.get("/documents"), drafter.get("/documents/999999"),
        drafter.get("/documents/new/plan"), drafter.get("/workflows/plan"),
    ]
    assert {r.status_code for r in responses} >= {200, 302, 401, 404}
    for response in responses:
        assert_security_headers(response)


def test_templates_have_no_inline_script_or_style():
    """What the CSP (no 'unsafe-inline') would block: inline <script>, <style>, style="",
    on*="" handlers and javascript: URLs."""
    offending = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle\s*=",
                        r"\son[a-z]+\s*=", r"javascript:"):
            offending += [f"{path.name}: {m.group(0)}" for m in re.finditer(pattern, text, re.I)]
    assert not offending, offending
    for script in STATIC_JS.rglob("*.js"):   # no eval-like code the CSP would also refuse
        text = script.read_text()
        assert not re.search(r"\beval\(|new Function\(|setAttribute\(\s*['\"]style", text), script.name


def test_pages_have_no_inline_script_or_style(world, app, as_user):
    drafter = as_user("drafter")
    for url in ("/", "/documents", "/documents/new/plan", "/workflows/plan", "/account/password"):
        html = drafter.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=", html, re.I), url


def _session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, response.headers
    return cookies[-1]


def test_session_cookie_is_httponly_and_samesite_lax(world, app):
    browser = Browser(app)
    browser.get("/login")
    response = browser.post("/login", {"username": "drafter", "password": PASSWORD})
    assert response.status_code == 302
    cookie = _session_cookie(response)
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags and "samesite=lax" in flags
    assert "secure" not in flags   # served over plain HTTP in development


def test_session_cookie_is_secure_when_configured(monkeypatch, tmp_path):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    secure_app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                             "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert secure_app.config["SESSION_COOKIE_SECURE"] is True
    assert secure_app.config["REMEMBER_COOKIE_SECURE"] is True
    client = secure_app.test_client()
    response = client.get("/login", base_url="https://localhost")   # the form stores its CSRF token
    flags = [part.strip().lower() for part in _session_cookie(response).split(";")]
    assert {"secure", "httponly", "samesite=lax"} <= set(flags)
