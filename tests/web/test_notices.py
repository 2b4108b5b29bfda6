"""The notices in the web UI (issue 14 §10): the count in the top bar, the Thông báo page, reading
them, the e-mail switch, and the admin's e-mail field."""
from __future__ import annotations

import re

from sqlalchemy import select

from tests.factories import new_plan
from tests.mail_server import PUBLIC_URL, body
from workflow_app.extensions import db
from workflow_app.models import User
from workflow_app.services.transitions import apply_transition

COUNT = re.compile(r'id="notices-count">(\d+)<')


def top_bar_count(html: str) -> int:
    found = COUNT.search(html)
    return int(found.group(1)) if found else 0


def test_the_top_bar_counts_unread_notices_and_opening_the_document_reads_them(world, as_user):
    reviewer = as_user("reviewer")
    assert top_bar_count(reviewer.get("/").get_data(as_text=True)) == 0
    first, second = new_plan(world), new_plan(world, title="Kế hoạch tổ chức Hội nghị điển hình tiên tiến")
    for plan in (first, second):
        apply_transition(plan, "submit", world.users["unit_head"])

    home = reviewer.get("/").get_data(as_text=True)
    assert top_bar_count(home) == 2
    assert 'href="/notifications"' in home

    page = reviewer.get("/notifications").get_data(as_text=True)
    assert page.index(second.title) < page.index(first.title)   # newest first
    assert f'href="/documents/{first.id}"' in page
    assert "đang chờ bạn thẩm định" in page and "Lê Văn Trưởng đã ký và trình" in page
    assert page.count('data-unread="1"') == 2

    reviewer.get(f"/documents/{first.id}")   # opening the document reads its notice
    page = reviewer.get("/notifications").get_data(as_text=True)
    assert top_bar_count(page) == 1 and page.count('data-unread="1"') == 1

    marked = reviewer.post("/notifications/read")
    assert marked.status_code == 303
    page = reviewer.get("/notifications").get_data(as_text=True)
    assert top_bar_count(page) == 0 and 'data-unread="1"' not in page
    assert "Đã đánh dấu mọi thông báo là đã đọc." in page


def test_the_creator_reads_why_it_was_returned(world, as_user):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])
    apply_transition(plan, "return", world.users["reviewer"], comment="Thiếu kinh phí thực hiện.")
    page = as_user("drafter").get("/notifications").get_data(as_text=True)
    assert "Bị trả lại" in page and "Thiếu kinh phí thực hiện." in page
    assert top_bar_count(page) == 1


def test_a_step_taken_in_the_browser_sends_the_email_with_the_link(world, as_user, mail_on):
    world.users["reviewer"].email = "truongphong.nv@canglong.example.vn"
    db.session.commit()
    plan = new_plan(world)
    head = as_user("truongphong.nv")   # the unit's head signs and submits
    head.get(f"/documents/{plan.id}")
    response = head.post(f"/documents/{plan.id}/transitions/submit", {"version": plan.version, "comment": ""})
    assert response.status_code == 303
    (message,) = mail_on.to("truongphong.nv@canglong.example.vn")
    assert f"{PUBLIC_URL}/documents/{plan.id}" in body(message)


def test_the_link_takes_the_requests_address_without_public_url(world, as_user, mail_on, mail_config):
    mail_config(PUBLIC_URL="")
    world.users["reviewer"].email = "truongphong.nv@canglong.example.vn"
    db.session.commit()
    plan = new_plan(world)
    head = as_user("truongphong.nv")
    head.get(f"/documents/{plan.id}")
    head.post(f"/documents/{plan.id}/transitions/submit", {"version": plan.version, "comment": ""})
    (message,) = mail_on.messages
    assert f"http://localhost/documents/{plan.id}" in body(message)


def test_turning_the_emails_off_and_on(world, as_user):
    reviewer = as_user("reviewer")
    page = reviewer.get("/notifications").get_data(as_text=True)
    assert "Gửi thư điện tử cho tôi khi có thông báo mới" in page and 'checked' in page
    assert "Bạn chưa có địa chỉ thư điện tử" in page
    assert "chưa cấu hình máy chủ thư" in page

    response = reviewer.post("/notifications/settings", {})   # the box unticked
    assert response.status_code == 303
    db.session.expire_all()
    assert world.users["reviewer"].email_notifications is False
    page = reviewer.get("/notifications").get_data(as_text=True)
    assert "Đã tắt thư điện tử thông báo" in page

    reviewer.post("/notifications/settings", {"email_notifications": "y"})
    db.session.expire_all()
    assert world.users["reviewer"].email_notifications is True


def test_the_settings_need_the_csrf_token(world, as_user):
    reviewer = as_user("reviewer")
    reviewer.post("/notifications/settings", {}, token=False)
    db.session.expire_all()
    assert world.users["reviewer"].email_notifications is True


def test_signed_out_visitors_go_to_the_sign_in(browser):
    response = browser.get("/notifications")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_page_in_english(world, as_user):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])
    reviewer = as_user("reviewer")
    reviewer.get("/language/en")
    page = reviewer.get("/notifications").get_data(as_text=True)
    assert "Notifications" in page and "Mark as read" in page and "is waiting for you to review" in page


def test_the_admin_gives_a_user_an_email_address(world, as_user):
    admin = as_user("admin")
    target = world.users["reviewer"]
    form = admin.get(f"/admin/users/{target.id}").get_data(as_text=True)
    assert 'name="email"' in form
    data = {"full_name": target.full_name, "position": target.position, "unit_id": target.unit_id,
            "roles": ["reviewer"], "active": "y"}
    bad = admin.post(f"/admin/users/{target.id}", {**data, "email": "truong phong@canglong"})
    assert bad.status_code == 422 and "Địa chỉ thư điện tử không hợp lệ." in bad.get_data(as_text=True)
    good = admin.post(f"/admin/users/{target.id}", {**data, "email": " truongphong.nv@canglong.example.vn "})
    assert good.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, target.id).email == "truongphong.nv@canglong.example.vn"

    admin.get("/admin/users/new")
    created = admin.post("/admin/users/new", {
        "username": "vanthu2", "full_name": "Lê Văn Thư", "position": "Văn thư", "organization_id": world.district.id,
        "unit_id": 0, "roles": ["archivist"], "password": "mat-khau-dai-1", "email": "vanthu2@canglong.example.vn"})
    assert created.status_code == 303
    assert db.session.scalar(select(User.email).where(User.username == "vanthu2")) == "vanthu2@canglong.example.vn"
