"""What a signed-in user sees is never stored by a browser or proxy cache (issue 12, point 10):
every page, download and API answer carries `Cache-Control: no-store`, except the public
assets and the public check of an issued file (/api/v1/verify)."""
from __future__ import annotations

from tests.factories import advance, new_plan
from tests.web.conftest import Browser
from workflow_app.services import tokens
from workflow_app.services.transitions import apply_transition


def api(app, token: str | None):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return lambda method, url, **kw: getattr(client, method)(url, headers=headers, **kw)


def test_signed_in_pages_downloads_and_api_answers_are_not_stored(world, app, as_user):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])   # its draft files
    file_id = plan.files[0].id
    drafter = as_user("drafter")
    token, _ = tokens.issue(world.users["drafter"])
    call, anonymous_api = api(app, token), api(app, None)
    responses = {
        "worklist": drafter.get("/"), "list": drafter.get("/documents"),
        "document": drafter.get(f"/documents/{plan.id}"), "editor": drafter.get("/documents/new/plan"),
        "file": drafter.get(f"/files/{file_id}"), "register": drafter.get("/archive/register"),
        "register.xlsx": drafter.get("/archive/register.xlsx"), "not found": drafter.get("/documents/999999"),
        "login page": Browser(app).get("/login"),
        "api list": call("get", "/api/v1/documents"), "api document": call("get", f"/api/v1/documents/{plan.id}"),
        "api file": call("get", f"/api/v1/files/{file_id}"), "api register": call("get", "/api/v1/register"),
        "api 404": call("get", "/api/v1/documents/999999"),
        "api 401": anonymous_api("get", "/api/v1/documents"),
        "token": app.test_client().post("/api/v1/auth/token", json={"username": "drafter", "password": "x"}),
    }
    for name, response in responses.items():
        assert response.status_code < 500, name
        assert response.headers.get("Cache-Control") == "no-store", (name, response.headers.get("Cache-Control"))


def test_public_assets_and_the_public_verification_may_be_cached(world, app):
    plan = new_plan(world)
    advance(world, plan, "issued", generate=True)
    issued = next(f for f in plan.files if f.step == "issued")
    client = app.test_client()
    for url in ("/static/css/app.css", f"/api/v1/verify/{issued.sha256}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in (response.headers.get("Cache-Control") or ""), url
