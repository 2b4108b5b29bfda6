"""openapi.json against the code: every route described, the refusals every operation declares
(401, 413, CSRF) produced for each, and every documented response produced by some test.

(Every response of every API test is also validated against its documented schema by the
`api_responses_match_the_spec` fixture in conftest.py.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import PRODUCED, assert_error, browser_session
from workflow_app.api.openapi import build_spec, openapi_path

UNSAFE = {"post", "patch", "delete"}


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            concrete = path
            for name in ("{document_id}", "{file_id}", "{round_id}"):
                concrete = concrete.replace(name, "1")
            yield method, concrete, operation


def test_the_description_is_served(app, anonymous):
    response = anonymous.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"] == "3.1.0" and spec["info"]["version"] == "1"
    assert {"Error", "Document", "DocumentPage", "Token", "Register", "Verification"} <= set(
        spec["components"]["schemas"])
    assert spec["paths"]["/api/v1/verify/{sha256}"]["get"]["security"] == []


def test_every_api_route_is_described_and_only_those(app):
    routes = {(method.lower(), openapi_path(rule.rule))
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(method, path) for path, ops in build_spec(app)["paths"].items() for method in ops}
    assert routes == described
    assert all(hasattr(app.view_functions[rule.endpoint], "api_operation")
               for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api."))


def test_every_operation_that_is_not_public_needs_a_token(app, anonymous):
    for method, path, operation in _operations(build_spec(app)):
        if operation.get("security") != []:
            assert_error(anonymous.open(method.upper(), path, json={}), 401, "unauthorized")


def test_every_body_is_size_limited(app, world, caller):
    drafter = caller("drafter")
    for method, path, operation in _operations(build_spec(app)):
        if "requestBody" in operation:
            media_type = next(iter(operation["requestBody"]["content"]))
            if media_type == "application/json":
                body = b"[" + b" " * (3 * 1024 * 1024) + b"]"
            else:   # a file (POST /verify's PDF): bounded by the app's upload limit
                body = b"%PDF-" + b" " * app.config["MAX_CONTENT_LENGTH"]
            response = drafter.open(method.upper(), path, data=body, content_type=media_type)
            assert_error(response, 413, "too_large")


def test_every_unsafe_call_from_a_browser_session_needs_its_csrf_token(app, world, client):
    browser_session(app, client, world.users["drafter"])
    for method, path, operation in _operations(build_spec(app)):
        if method in UNSAFE and operation.get("security") != []:
            error = assert_error(client.open(path, method=method.upper(), json={}), 400, "bad_request")
            assert "CSRF" in error["message"]


def test_every_operation_refuses_an_overlong_url_in_the_error_shape(app, world, client):
    for method, path, _ in _operations(build_spec(app)):
        response = client.open(f"{path}?q={'x' * 5000}", method=method.upper())
        assert_error(response, 414, "too_large")


def test_every_documented_response_was_produced_by_some_test(request, sqlite_app):
    """Runs after every other test of the session (see conftest.py) and reads what they produced."""
    options = request.config.option
    ran = {Path(str(item.path)).name for item in request.session.items}
    everything = {p.name for p in Path(__file__).parent.glob("test_*.py")}
    if not everything <= ran or options.keyword or options.markexpr or getattr(options, "deselect", None):
        pytest.skip("needs the whole of tests/api to have run")
    documented = {(operation["operationId"], status)
                  for _, _, operation in _operations(build_spec(sqlite_app))
                  for status in operation["responses"]}
    assert sorted(documented - PRODUCED) == []


test_every_documented_response_was_produced_by_some_test.runs_last = True
