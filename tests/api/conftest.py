"""API test helpers: callers with a token per role, and a check that every API response in
every test matches what openapi.json documents for it (status, body schema)."""
from __future__ import annotations

import json

import jsonschema_rs
import pytest
from flask import request as flask_request
from flask import request_finished
from flask import session as flask_session
from flask_wtf.csrf import generate_csrf

from tests.factories import PASSWORD
from workflow_app.api.openapi import build_spec, openapi_path
from workflow_app.services import demo_data, tokens


class Caller:
    """A test client that sends one identity's credentials (or none) with every request."""

    def __init__(self, client, token: str | None = None):
        self.client, self.token = client, token

    def _headers(self, extra):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra or {})
        return headers

    def open(self, method: str, path: str, headers=None, **kwargs):
        return self.client.open(path, method=method, headers=self._headers(headers), **kwargs)

    def get(self, path, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.open("POST", path, json=json, **kwargs)

    def patch(self, path, json=None, **kwargs):
        return self.open("PATCH", path, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.open("DELETE", path, **kwargs)

    def fire(self, document: dict, transition: str, **fields):
        body = {"transition": transition, "version": document["version"], **fields}
        return self.post(f"/api/v1/documents/{document['id']}/transitions", json=body)


@pytest.fixture
def anonymous(client) -> Caller:
    return Caller(client)


@pytest.fixture
def caller(client, world):
    """caller("reviewer") or caller(user) -> a Caller holding a fresh token of that user (no
    password hashing: the sign-in endpoint has its own tests)."""
    def make(who) -> Caller:
        token, _ = tokens.issue(world.users[who] if isinstance(who, str) else who)
        return Caller(client, token)
    return make


def sign_in(client, username: str, password: str = PASSWORD) -> Caller:
    """A Caller holding a token got through POST /api/v1/auth/token, as a script would."""
    response = client.post("/api/v1/auth/token", json={"username": username, "password": password})
    assert response.status_code == 201, response.json
    return Caller(client, response.json["token"])


def browser_session(app, client, user) -> str:
    """Signs `user` into the client's cookie session, as the web UI's login would; returns the
    CSRF token a page would embed for its scripts."""
    with app.test_request_context():
        csrf_token = generate_csrf()
        raw = flask_session["csrf_token"]
    with client.session_transaction() as browser:
        browser["_user_id"] = tokens.issue(user, kind=tokens.BROWSER)[0]
        browser["_fresh"] = True
        browser["csrf_token"] = raw
    return csrf_token


def plan_payload(**overrides) -> dict:
    return {"kind": "plan", "title": demo_data.PLAN_TITLE, "body": demo_data.PLAN_BODY, **overrides}


def commendation_payload(plan_id: int, **overrides) -> dict:
    return {"kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
            "body": {**demo_data.COMMENDATION_BODY, "plan_id": plan_id},
            "nominees": demo_data.NOMINEES, **overrides}


def assert_error(response, status: int, code: str, *fields: str) -> dict:
    """The response is the API.md error shape with this status and code, naming these fields."""
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.json["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and not error["message"].isascii()   # Vietnamese text
    for field in fields:
        assert field in error["fields"], error["fields"]
    return error


# --- every response against the spec ------------------------------------------------------

# (operationId, status) of every documented response some test has produced in this run.
PRODUCED: set[tuple[str, str]] = set()


def pytest_collection_modifyitems(session, config, items):
    """A test marked `runs_last` reads what all the others produced."""
    last = [item for item in items if getattr(getattr(item, "function", None), "runs_last", False)]
    items[:] = [item for item in items if item not in last] + last


class SpecChecker:
    """Validates API responses against openapi.json: status documented, JSON body valid."""

    def __init__(self, spec: dict):
        self.spec, self.validators, self.failures = spec, {}, []

    def _validator(self, schema: dict):
        key = json.dumps(schema, sort_keys=True)
        if key not in self.validators:
            self.validators[key] = jsonschema_rs.Draft202012Validator(
                {**schema, "components": self.spec["components"]}, validate_formats=True)
        return self.validators[key]

    def check(self, method: str, rule: str, response) -> None:
        operation = self.spec["paths"].get(openapi_path(rule), {}).get(method.lower())
        if operation is None or response.status_code >= 500:
            return   # HEAD/OPTIONS answered by Flask itself; a 5xx is a bug, not part of the contract
        documented = operation["responses"].get(str(response.status_code))
        where = f"{method} {rule} -> {response.status_code}"
        if documented is None:
            self.failures.append(f"{where}: status not documented")
            return
        PRODUCED.add((operation["operationId"], str(response.status_code)))
        schema = documented.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None:
            errors = [e.message for e in self._validator(schema).iter_errors(response.get_json())]
            if errors:
                self.failures.append(f"{where}: {errors[:3]}")
        for header in documented.get("headers", {}):
            if header not in response.headers:
                self.failures.append(f"{where}: header {header} missing")


@pytest.fixture(autouse=True)
def api_responses_match_the_spec(request):
    """Every API call any test here makes is checked against the published description."""
    if "app" not in request.fixturenames:
        yield None
        return
    app = request.getfixturevalue("app")
    checker = SpecChecker(build_spec(app))

    def on_response(sender, response, **_):
        rule = flask_request.url_rule
        if rule is not None and rule.endpoint.startswith("api."):
            checker.check(flask_request.method, rule.rule, response)

    with request_finished.connected_to(on_response, app):
        yield checker
    assert not checker.failures, "\n".join(checker.failures)
