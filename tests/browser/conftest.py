"""Browser tests: the app served on 127.0.0.1 by werkzeug in a thread, driven by Debian's Chromium.

The server uses its own temporary SQLite database with the seed demo. Tests may set up
states through the services (as other people's work) and then act through the browser.
Without /usr/bin/chromium the tests skip, except under CI=true, where that is a failure.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "CangLong@2023"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _require_chromium():
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright (Python) is not installed"
    if reason:
        if IN_CI:
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    import flask_migrate

    from workflow_app import create_app
    from workflow_app.services import seed

    path = tmp_path_factory.mktemp("live") / "live.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "browser-tests",
                      "WTF_CSRF_ENABLED": True, "PDF_QUEUE": "off"})   # no LibreOffice behind the pages
    with app.app_context():
        flask_migrate.upgrade()
        seed.seed_demo(PASSWORD)
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """The base URL of the app, served until the test session ends."""
    _require_chromium()
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium(live_server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def sign_in(chromium, live_server):
    """sign_in("reviewer", width=375) -> a page of a fresh browser context, signed in."""
    contexts = []

    def open_as(username: str | None, width: int = 1280):
        context = chromium.new_context(viewport={"width": width, "height": 900}, accept_downloads=True,
                                       base_url=live_server, locale="vi-VN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto("/login")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            page.click("form button[type=submit]")
            # the worklist, or Quản trị for an administrator with no workflow role (issue 14 §1)
            page.wait_for_url(lambda url: not url.startswith(f"{live_server}/login"))
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def in_app(live_app):
    """Runs a function inside the live app's context (setting up other people's steps)."""
    def run(function, *args, **kwargs):
        with live_app.app_context():
            return function(*args, **kwargs)
    return run


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
