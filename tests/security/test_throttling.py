"""Sign-in throttling (Flask-Limiter): failed attempts per (client address, username), web and
API counted together; the 11th attempt within the window is refused with 429, another user is not."""
from __future__ import annotations

import uuid

import flask_migrate
import pytest

from tests.factories import PASSWORD
from tests.redis_support import redis_up
from tests.web.conftest import Browser
from workflow_app import create_app
from workflow_app.extensions import limiter

TOKEN_URL = "/api/v1/auth/token"
ALLOWED = 10


def web_attempt(browser: Browser, username: str, password: str = "sai-mat-khau"):
    return browser.post("/login", {"username": username, "password": password})


def api_attempt(client, username: str, password: str = "sai-mat-khau"):
    return client.post(TOKEN_URL, json={"username": username, "password": password})


def test_web_sign_in_is_throttled_per_user(world, app):
    browser = Browser(app)
    browser.get("/login")
    for _ in range(ALLOWED):
        assert web_attempt(browser, "reviewer").status_code == 401
    refused = web_attempt(browser, "reviewer", PASSWORD)   # even the right password, now
    assert refused.status_code == 429
    html = refused.get_data(as_text=True)
    assert "Đăng nhập sai quá nhiều lần" in html and 'name="username"' in html
    assert int(refused.headers["Retry-After"]) > 0
    with app.app_context():   # a refused attempt signs nobody in
        assert browser.get("/").status_code == 302
    # another user from the same address is not affected; nor is a name spelt differently
    # but read the same by the sign-in ("Reviewer ") — that one is the same user, so refused
    assert web_attempt(browser, " Reviewer ", PASSWORD).status_code == 429
    assert web_attempt(Browser(app), "approver", PASSWORD).status_code == 302


def test_api_sign_in_is_throttled_with_the_api_error_shape(world, client):
    for _ in range(ALLOWED):
        assert api_attempt(client, "reviewer").status_code == 401
    refused = api_attempt(client, "reviewer", PASSWORD)
    assert refused.status_code == 429
    error = refused.json["error"]
    assert error["code"] == "rate_limited" and "quá nhiều lần" in error["message"]
    assert int(refused.headers["Retry-After"]) > 0
    assert api_attempt(client, "approver", PASSWORD).status_code == 201


def test_web_and_api_share_one_count(world, app, client):
    browser = Browser(app)
    for _ in range(ALLOWED // 2):
        assert web_attempt(browser, "drafter").status_code == 401
        assert api_attempt(client, "drafter").status_code == 401
    assert api_attempt(client, "drafter", PASSWORD).status_code == 429
    assert web_attempt(browser, "drafter", PASSWORD).status_code == 429


def test_successes_and_the_form_itself_are_not_counted(world, app, client):
    for _ in range(ALLOWED + 2):
        assert api_attempt(client, "drafter", PASSWORD).status_code == 201
    browser = Browser(app)
    for _ in range(ALLOWED + 2):
        assert browser.get("/login").status_code == 200
    assert web_attempt(browser, "drafter", PASSWORD).status_code == 302


def test_other_addresses_are_counted_apart(world, client):
    for _ in range(ALLOWED):
        api_attempt(client, "reviewer")
    assert api_attempt(client, "reviewer", PASSWORD).status_code == 429
    elsewhere = client.post(TOKEN_URL, json={"username": "reviewer", "password": PASSWORD},
                            environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert elsewhere.status_code == 201


def test_storage_is_configured_from_the_environment(monkeypatch, tmp_path):
    from workflow_app.config import config_from_environment
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert config_from_environment(tmp_path)["RATELIMIT_STORAGE_URI"] == "memory://"
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    assert config_from_environment(tmp_path)["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379"


@pytest.mark.skipif(not redis_up(), reason="no Redis on 127.0.0.1:6379 (or the redis package is missing)")
def test_the_same_limits_with_redis_storage(sqlite_app, tmp_path):
    """Throttling through Redis, as in production (RATELIMIT_STORAGE_URI=redis://...)."""
    from tests.factories import build_world
    redis_app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'redis.sqlite3'}",
                            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
                            # this run's keys only, so parallel runs and old counts do not interfere
                            "RATELIMIT_KEY_PREFIX": f"wf-test-{uuid.uuid4().hex[:8]}"})
    try:
        with redis_app.app_context():
            flask_migrate.upgrade()
            build_world()
            client = redis_app.test_client()
            for _ in range(ALLOWED):
                assert api_attempt(client, "reviewer").status_code == 401
            assert api_attempt(client, "reviewer", PASSWORD).status_code == 429
            assert api_attempt(client, "approver", PASSWORD).status_code == 201
            limiter.reset()
    finally:
        # one Limiter object serves every app: give the shared test apps their memory storage back
        limiter._key_prefix = ""
        limiter.init_app(sqlite_app)


def _behind_proxy(client, forwarded_for: str, password: str = "sai-mat-khau"):
    return client.post(TOKEN_URL, json={"username": "reviewer", "password": password},
                       environ_base={"REMOTE_ADDR": "127.0.0.1"},
                       headers={"X-Forwarded-For": forwarded_for})


def test_behind_a_trusted_proxy_the_client_address_is_counted(world, app, monkeypatch):
    """With TRUSTED_PROXIES=1 (nginx in front), two clients behind the same proxy are counted
    apart; without it a forged X-Forwarded-For changes nothing (clients cannot dodge the limit)."""
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})
    with proxied.app_context():
        client = proxied.test_client()
        for _ in range(ALLOWED):
            assert _behind_proxy(client, "203.0.113.7").status_code == 401
        assert _behind_proxy(client, "203.0.113.7", PASSWORD).status_code == 429
        assert _behind_proxy(client, "203.0.113.8", PASSWORD).status_code == 201
    limiter.init_app(app)   # one Limiter serves every app: give the test app its storage back
    client = app.test_client()
    for i in range(ALLOWED):
        assert _behind_proxy(client, f"198.51.100.{i}").status_code == 401
    assert _behind_proxy(client, "198.51.100.99", PASSWORD).status_code == 429


def test_trusted_proxies_come_from_the_environment(monkeypatch, tmp_path):
    from workflow_app.config import config_from_environment
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert config_from_environment(tmp_path)["TRUSTED_PROXIES"] == 0
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    assert config_from_environment(tmp_path)["TRUSTED_PROXIES"] == 1


# --- the storage down, and one address trying many names (issue 12, point 6) --------------------

UNREACHABLE_STORAGE = "redis://127.0.0.1:1"   # nothing listens on port 1: every call is refused


def test_sign_in_works_and_is_still_throttled_while_the_storage_is_down(sqlite_app, tmp_path):
    """With Redis unreachable, sign-in fell over (500) while /healthz said ok. Now the counts fall
    back to this process's memory, sign-in goes on, and /healthz says the storage is degraded."""
    from tests.factories import build_world
    down_app = create_app({"TESTING": True, "SECRET_KEY": "test-secret",
                           "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'down.sqlite3'}",
                           "RATELIMIT_STORAGE_URI": UNREACHABLE_STORAGE})
    try:
        with down_app.app_context():
            flask_migrate.upgrade()
            build_world()
        with down_app.app_context():
            client = down_app.test_client()
            assert api_attempt(client, "reviewer", PASSWORD).status_code == 201
            assert web_attempt(Browser(down_app), "approver", PASSWORD).status_code == 302
            for _ in range(ALLOWED):
                assert api_attempt(client, "drafter").status_code == 401
            assert api_attempt(client, "drafter", PASSWORD).status_code == 429
            health = client.get("/healthz")
            assert health.status_code == 200
            assert health.json == {"status": "ok", "database": "ok", "rate_limit_storage": "degraded"}
    finally:
        # one Limiter object serves every app: give the shared test apps their memory storage back
        limiter.init_app(sqlite_app)
        limiter._storage_dead = False   # Flask-Limiter's fallback switch is per Limiter, not per app
        limiter.reset()


def test_healthz_reports_a_working_storage(world, client):
    assert client.get("/healthz").json["rate_limit_storage"] == "ok"


def test_one_address_trying_many_usernames_is_throttled(world, app, client):
    """One password sprayed over many names: each name stays under its own limit, the address not."""
    per_address = 30
    for i in range(per_address):
        assert api_attempt(client, f"nguoi-dung-{i}", "Matkhau@2023").status_code == 401
    assert api_attempt(client, "reviewer", PASSWORD).status_code == 429
    assert web_attempt(Browser(app), "approver", PASSWORD).status_code == 429   # web and API together
    elsewhere = client.post(TOKEN_URL, json={"username": "reviewer", "password": PASSWORD},
                            environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert elsewhere.status_code == 201
