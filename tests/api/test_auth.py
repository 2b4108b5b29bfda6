"""Bearer tokens (stored as hashes, expiring), sign-in throttling, and browser sessions with CSRF."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests.api.conftest import Caller, assert_error, browser_session, plan_payload, sign_in
from tests.factories import PASSWORD
from workflow_app.api.auth import SIGN_IN_FAILURES_ALLOWED
from workflow_app.extensions import db
from workflow_app.models import ApiToken, Document
from workflow_app.services import tokens

TOKEN_URL = "/api/v1/auth/token"


def test_sign_in_gives_a_token_that_is_stored_only_as_a_hash(world, client):
    response = client.post(TOKEN_URL, json={"username": " Drafter ", "password": PASSWORD})
    assert response.status_code == 201
    token = response.json["token"]
    expires_at = datetime.fromisoformat(response.json["expires_at"])
    assert timedelta(hours=11, minutes=59) < expires_at - datetime.now(timezone.utc) <= timedelta(hours=12)
    stored = db.session.scalars(select(ApiToken)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    me = Caller(client, token).get("/api/v1/documents?mine=1")
    assert me.status_code == 200 and me.json["total"] == 0


@pytest.mark.parametrize("username,password", [("drafter", "sai-mat-khau"), ("nobody", PASSWORD),
                                               ("drafter", "")])
def test_wrong_credentials_are_unauthorized(world, client, username, password):
    error = assert_error(client.post(TOKEN_URL, json={"username": username, "password": password}),
                         401, "unauthorized")
    assert "Sai tên đăng nhập hoặc mật khẩu" in error["message"]
    assert db.session.scalars(select(ApiToken)).all() == []


def test_malformed_sign_in_requests(world, client):
    assert_error(client.post(TOKEN_URL, json={"username": "drafter"}), 422, "validation", "password")
    assert_error(client.post(TOKEN_URL, json={"username": ["drafter"], "password": PASSWORD}),
                 400, "bad_request", "username")
    assert_error(client.post(TOKEN_URL, data="username=drafter"), 400, "bad_request")


def test_repeated_failures_are_rate_limited_then_forgiven_after_success(world, client):
    for _ in range(SIGN_IN_FAILURES_ALLOWED):
        assert client.post(TOKEN_URL, json={"username": "reviewer", "password": "x"}).status_code == 401
    limited = client.post(TOKEN_URL, json={"username": "reviewer", "password": PASSWORD})
    assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) > 0
    assert client.post(TOKEN_URL, json={"username": "approver", "password": PASSWORD}).status_code == 201


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Basic ZHJhZnRlcjp4",
                                    "Bearer " + "x" * 5000])
def test_no_or_bad_token_is_unauthorized(world, client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/documents", headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_tokens_and_deactivated_users_are_unauthorized(world, client):
    past = datetime.now(timezone.utc) - timedelta(hours=13)
    expired, _ = tokens.issue(world.users["drafter"], now=past)
    assert_error(Caller(client, expired).get("/api/v1/documents"), 401, "unauthorized")
    live, _ = tokens.issue(world.users["reviewer"])
    world.users["reviewer"].active = False
    db.session.commit()
    assert_error(Caller(client, live).get("/api/v1/documents"), 401, "unauthorized")
    # A new token sweeps the user's expired ones away.
    tokens.issue(world.users["drafter"])
    assert len(db.session.scalars(select(ApiToken).where(ApiToken.user_id == world.users["drafter"].id))
               .all()) == 1


def test_public_endpoints_ignore_a_stale_token(world, client):
    stale = Caller(client, "expired-token")
    assert stale.get("/api/v1/openapi.json").status_code == 200
    assert stale.post(TOKEN_URL, json={"username": "drafter", "password": PASSWORD}).status_code == 201


# --- the browser session (the web UI calling the API) ---------------------------------------

def test_a_browser_session_reads_without_csrf_but_writes_only_with_it(app, world, client):
    csrf_token = browser_session(app, client, world.users["drafter"])
    assert client.get("/api/v1/documents").status_code == 200

    error = assert_error(client.post("/api/v1/documents", json=plan_payload()), 400, "bad_request")
    assert "CSRF" in error["message"]
    assert db.session.scalars(select(Document)).all() == []

    created = client.post("/api/v1/documents", json=plan_payload(), headers={"X-CSRFToken": csrf_token})
    assert created.status_code == 201 and created.json["created_by"] == "drafter"


def test_token_calls_need_no_csrf_even_with_a_session_cookie(app, world, client):
    browser_session(app, client, world.users["reviewer"])
    drafter = sign_in(client, "drafter")   # the bearer header decides who is calling
    created = drafter.post("/api/v1/documents", json=plan_payload())
    assert created.status_code == 201 and created.json["created_by"] == "drafter"


# --- revoking a token (API.md, second round) ----------------------------------------------------

def test_delete_token_revokes_exactly_the_presented_token(world, client):
    first, second = sign_in(client, "drafter"), sign_in(client, "drafter")
    assert first.delete(TOKEN_URL).status_code == 204
    assert_error(first.get("/api/v1/documents"), 401, "unauthorized")
    assert_error(first.delete(TOKEN_URL), 401, "unauthorized")   # already gone
    assert second.get("/api/v1/documents").status_code == 200


def test_delete_token_needs_a_bearer_token(app, world, client):
    csrf_token = browser_session(app, client, world.users["drafter"])
    assert_error(client.delete(TOKEN_URL, headers={"X-CSRFToken": csrf_token}), 401, "unauthorized")
    assert client.get("/api/v1/documents").status_code == 200   # the browser session is not touched
    with app.app_context():   # Flask-Login caches the caller in `g`: a context of its own
        assert_error(app.test_client().delete(TOKEN_URL), 401, "unauthorized")
