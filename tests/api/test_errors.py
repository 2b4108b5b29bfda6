"""The HTTP-level refusals: one JSON error shape under /api/ for routing, size, malformed
bodies and unexpected failures; never a 500 for bad input."""
from __future__ import annotations

import pytest

from tests.api.conftest import assert_error, plan_payload
from tests.factories import new_plan
from workflow_app.extensions import db
from workflow_app.models import Document

MIB = 1024 * 1024


def test_unknown_paths_under_api_are_json_404s(world, caller, anonymous):
    for path in ("/api/v1/nothing-here", "/api/v1/documents/abc", "/api/v2/documents", "/api/"):
        assert_error(anonymous.get(path), 404, "not_found")
    assert_error(caller("drafter").post("/api/v1/nothing-here", json={}), 404, "not_found")


def test_a_wrong_method_is_405_with_allow(world, caller):
    response = caller("drafter").open("PUT", "/api/v1/documents", json={})
    assert_error(response, 405, "method_not_allowed")
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_bodies_over_the_api_limit_are_too_large(world, caller):
    huge = {**plan_payload(), "title": "x" * (2 * MIB)}
    assert_error(caller("drafter").post("/api/v1/documents", json=huge), 413, "too_large")
    assert db.session.query(Document).count() == 0


def test_urls_over_the_limit_are_too_long_in_the_error_shape(world, caller):
    """request_limits.py answers 414 before any work; openapi.json documents it on every operation."""
    response = caller("drafter").get("/api/v1/documents?q=" + "x" * 5000)
    assert_error(response, 414, "too_large")


def test_the_app_limit_applies_when_smaller(app, world, caller):
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = caller("drafter").post("/api/v1/documents", json=plan_payload())
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit
    assert_error(response, 413, "too_large")


@pytest.mark.parametrize("data,content_type", [
    (b"{not json", "application/json"),
    (b"", "application/json"),
    (b'{"kind": "plan", "title": NaN}', "application/json"),
    (b'{"kind": "plan", "title": "\\ud800"}', "application/json"),
    (b'{"kind": "plan", "title": "\xff\xfe"}', "application/json"),
    (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    (b'["plan"]', "application/json"),
    (b'"plan"', "application/json"),
    (b"kind=plan&title=x", "application/x-www-form-urlencoded"),
])
def test_malformed_bodies_are_bad_requests(world, caller, data, content_type):
    response = caller("drafter").post("/api/v1/documents", data=data, content_type=content_type)
    assert_error(response, 400, "bad_request")
    assert db.session.query(Document).count() == 0


def test_an_unexpected_failure_is_a_json_500_and_changes_nothing(app, world, caller, monkeypatch):
    plan = new_plan(world)
    from workflow_app.api import documents as api_documents

    def broken(document, user, payload):
        document.title = "half-done"
        raise RuntimeError("boom")

    monkeypatch.setattr(api_documents.documents, "update", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = caller("drafter").patch(f"/api/v1/documents/{plan.id}", json={"version": 1, "title": "x"})
    assert "thử lại sau" in assert_error(response, 500, "internal_error")["message"]
    db.session.expire_all()
    assert db.session.get(Document, plan.id).title != "half-done"
