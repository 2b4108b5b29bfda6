"""Ending sign-ins server-side (issue 12, point 5): a copied session cookie dies with the
sign-out; a password change (own or by an admin) and a deactivation end every browser
session and API token of the user."""
from __future__ import annotations

from tests.api.conftest import Caller, sign_in
from tests.web.conftest import Browser
from workflow_app.extensions import db
from workflow_app.models import User
from workflow_app.services import admin as admin_service

NEW_PASSWORD = "mat-khau-moi-1"


def copy_of(browser: Browser) -> Browser:
    """Another client holding the same session cookie, as a thief who copied it would."""
    thief = Browser(browser.app)
    thief.client.set_cookie("session", browser.client.get_cookie("session").value)
    return thief


def signed_in(browser: Browser) -> bool:
    return browser.get("/").status_code == 200


def test_a_copied_session_cookie_stops_working_at_sign_out(world, as_user):
    drafter = as_user("drafter")
    other_browser = as_user("drafter")
    thief = copy_of(drafter)
    assert signed_in(thief)
    assert drafter.post("/logout").status_code == 302
    assert not signed_in(thief)
    assert not signed_in(drafter)
    assert signed_in(other_browser)   # only that sign-in ended


def test_changing_ones_password_ends_the_other_sessions_and_every_token(world, as_user, app):
    here, elsewhere = as_user("drafter"), as_user("drafter")
    script = sign_in(app.test_client(), "drafter")
    assert script.get("/api/v1/documents").status_code == 200
    here.get("/account/password")
    changed = here.post("/account/password", {"current": "mat-khau-thu-nghiem", "new": NEW_PASSWORD,
                                              "confirm": NEW_PASSWORD})
    assert changed.status_code == 302
    assert signed_in(here)   # the browser that changed it gets a fresh sign-in
    assert not signed_in(elsewhere)
    assert script.get("/api/v1/documents").status_code == 401


def _edit_drafter(world, **changes):
    target = db.session.get(User, world.users["drafter"].id)
    fields = dict(full_name=target.full_name, position=target.position, unit_id=target.unit_id,
                  roles=sorted(target.roles), active=target.active, password=None)
    fields.update(changes)
    admin_service.update_user(world.users["admin"], target, **fields)


def test_a_password_set_by_an_admin_ends_every_session_and_token(world, as_user, app):
    browser = as_user("drafter")
    script = sign_in(app.test_client(), "drafter")
    _edit_drafter(world, password=NEW_PASSWORD)
    assert not signed_in(browser)
    assert script.get("/api/v1/documents").status_code == 401
    assert sign_in(app.test_client(), "drafter", NEW_PASSWORD).get("/api/v1/documents").status_code == 200


def test_deactivation_ends_every_session_and_token_for_good(world, as_user, app):
    browser = as_user("drafter")
    script = sign_in(app.test_client(), "drafter")
    _edit_drafter(world, active=False)
    assert not signed_in(browser)
    assert script.get("/api/v1/documents").status_code == 401
    _edit_drafter(world, active=True)   # reactivating does not bring them back
    assert not signed_in(browser)
    assert script.get("/api/v1/documents").status_code == 401


def test_an_old_style_session_naming_only_the_user_id_is_not_signed_in(world, app):
    browser = Browser(app)
    with browser.client.session_transaction() as session:
        session["_user_id"] = str(world.users["drafter"].id)
        session["_fresh"] = True
    assert not signed_in(browser)


def test_a_revoked_token_is_not_a_browser_session_either(world, app):
    """Keys of the two kinds are not interchangeable: an API token is no cookie session."""
    token = sign_in(app.test_client(), "drafter").token
    browser = Browser(app)
    with browser.client.session_transaction() as session:
        session["_user_id"] = token
    assert not signed_in(browser)
    assert Caller(app.test_client(), token).get("/api/v1/documents").status_code == 200
