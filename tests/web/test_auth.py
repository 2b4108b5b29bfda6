"""Sign-in, sign-out, own password, language; CSRF on every POST."""
from __future__ import annotations

from tests.factories import PASSWORD
from tests.web.conftest import Browser
from workflow_app.extensions import db
from workflow_app.models import User


def test_login_page_is_vietnamese_and_signs_in(world, browser):
    page = browser.get("/login")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="vi">' in html
    assert 'name="username"' in html and 'name="password"' in html and "Đăng nhập" in html
    response = browser.post("/login", {"username": "drafter", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = browser.get("/").get_data(as_text=True)
    assert "Việc cần xử lý" in home and "Trần Thị Thu Hà" in home


def test_wrong_password_is_refused_with_a_message(world, browser):
    browser.get("/login")
    response = browser.post("/login", {"username": "drafter", "password": "sai-mat-khau"})
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_pages_need_sign_in(world, browser):
    response = browser.get("/documents")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


def test_login_without_csrf_token_is_refused(world, browser):
    response = browser.post("/login", {"username": "drafter", "password": PASSWORD}, token=False)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_next_never_leaves_the_site(world, browser):
    browser.get("/login")
    response = browser.post("/login", {"username": "drafter", "password": PASSWORD, "next": "//evil.example/x"})
    assert response.headers["Location"] == "/"


def test_logout_is_a_post_with_token(world, as_user):
    drafter = as_user("drafter")
    assert drafter.post("/logout", token=False).status_code == 400
    assert drafter.get("/").status_code == 200            # still signed in
    assert drafter.post("/logout").status_code == 302
    assert drafter.get("/").status_code == 302            # signed out


def test_change_own_password(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/account/password")
    wrong = drafter.post("/account/password",
                         {"current": "khong-dung", "new": "mat-khau-moi-1", "confirm": "mat-khau-moi-1"})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng." in wrong.get_data(as_text=True)
    short = drafter.post("/account/password", {"current": PASSWORD, "new": "ngan", "confirm": "ngan"})
    assert short.status_code == 422 and "Ít nhất 8 ký tự." in short.get_data(as_text=True)
    ok = drafter.post("/account/password", {"current": PASSWORD, "new": "mat-khau-moi-1", "confirm": "mat-khau-moi-1"})
    assert ok.status_code == 302
    fresh = Browser(drafter.app)   # the new password works, the old one no longer
    fresh.get("/login")
    assert fresh.post("/login", {"username": "drafter", "password": PASSWORD}).status_code == 401
    assert fresh.post("/login", {"username": "drafter", "password": "mat-khau-moi-1"}).status_code == 302


def test_english_is_available(world, as_user):
    drafter = as_user("drafter")
    response = drafter.get("/language/en?next=/documents")
    assert response.status_code == 302 and response.headers["Location"] == "/documents"
    html = drafter.get("/documents").get_data(as_text=True)
    assert '<html lang="en">' in html and "Documents" in html
    drafter.get("/language/vi")
    assert '<html lang="vi">' in drafter.get("/documents").get_data(as_text=True)


def test_inactive_user_cannot_sign_in(world, browser):
    user = db.session.get(User, world.users["drafter"].id)
    user.active = False
    db.session.commit()
    browser.get("/login")
    assert browser.post("/login", {"username": "drafter", "password": PASSWORD}).status_code == 401


def _input(html: str, name: str) -> str:
    import re
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    return match.group(0)


def test_empty_sign_in_fields_are_named_in_words_not_colour_only(world, browser):
    """Issue 14 §8: each empty field gets its message, and the first one the focus."""
    browser.get("/login")
    response = browser.post("/login", {"username": "", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nhập tên đăng nhập." in html and "Nhập mật khẩu." in html
    assert "autofocus" in _input(html, "username") and "autofocus" not in _input(html, "password")


def test_sign_in_fields_help_the_browser_and_keep_the_focus(world, browser):
    """Issue 14 §8: autocomplete names the fields; the username has the focus, and after a wrong
    password the username stays filled in and the password has it."""
    html = browser.get("/login").get_data(as_text=True)
    username, password = _input(html, "username"), _input(html, "password")
    assert 'autocomplete="username"' in username and "autofocus" in username
    assert 'autocomplete="current-password"' in password and "autofocus" not in password
    wrong = browser.post("/login", {"username": "drafter", "password": "sai-mat-khau"}).get_data(as_text=True)
    username, password = _input(wrong, "username"), _input(wrong, "password")
    assert 'value="drafter"' in username and "autofocus" not in username
    assert "autofocus" in password and "Tên đăng nhập hoặc mật khẩu không đúng." in wrong


def test_password_page_names_its_fields_for_the_browser(world, as_user):
    drafter = as_user("drafter")
    html = drafter.get("/account/password").get_data(as_text=True)
    assert 'autocomplete="current-password"' in _input(html, "current")
    assert 'autocomplete="new-password"' in _input(html, "new")
    assert 'autocomplete="new-password"' in _input(html, "confirm")
    assert "autofocus" in _input(html, "current")
    empty = drafter.post("/account/password", {"current": "", "new": "", "confirm": ""}).get_data(as_text=True)
    assert "Nhập mật khẩu hiện tại." in empty and "Nhập mật khẩu mới." in empty
