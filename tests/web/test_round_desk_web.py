"""The round's desk on the web (issue 15, point 6): the page for the issuing body and for a body
below, "Nhắc nộp hồ sơ" (CSRF, who may, once a day, the e-mail to a real SMTP server), the link
from the plan's page, and the rounds on the worklist with "Lập tờ trình đề nghị"."""
from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import func, select

from tests.factories import advance, issued_plan
from tests.mail_server import PUBLIC_URL, body
from tests.services.test_round_desk import FIVE_DAYS_BEFORE, proposal
from workflow_app.extensions import db
from workflow_app.models import Notification, RoundReminder


@pytest.fixture
def round_(world):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        plan = issued_plan(world)
    return plan.rounds[0]


def test_the_desk_shows_who_has_not_proposed_and_the_days_left(world, as_user, round_):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        sent = proposal(world, round_.id)
        advance(world, sent, "submitted")
        reviewer = as_user("reviewer")
        page = reviewer.get(f"/rounds/{round_.id}/desk")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        plan_page = reviewer.get(f"/documents/{round_.plan_id}").get_data(as_text=True)
        worklist = reviewer.get("/").get_data(as_text=True)
    assert "Sơ kết giai đoạn 2023 - 2025" in html and "Còn 5 ngày" in html
    assert "Chưa nộp" in html and "Đã nộp" in html and f'href="/documents/{sent.id}"' in html
    assert f'data-addressee="org-{world.commune.id}" data-proposed="1"' in html
    assert "Nhắc nộp hồ sơ" in html and "Nhắc tất cả" in html
    assert 'id="award-counts"' in html and "Tổng cộng" in html
    assert f'href="/rounds/{round_.id}/desk"' in plan_page
    assert f'data-desk-round="{round_.id}"' in worklist


def test_a_body_below_sees_its_own_and_no_reminder_button(world, as_user, round_):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        html = as_user("drafter.antruong").get(f"/rounds/{round_.id}/desk").get_data(as_text=True)
    assert "Ủy ban nhân dân xã An Trường" in html and "Phòng Giáo dục và Đào tạo" not in html
    assert "Nhắc nộp hồ sơ" not in html and "Lập tờ trình đề nghị" in html


def test_remind_sends_records_and_refuses_twice_a_day(world, as_user, round_):
    addressee = f"org-{world.commune.id}"
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        reviewer = as_user("reviewer")
        reviewer.get(f"/rounds/{round_.id}/desk")
        no_token = reviewer.post(f"/rounds/{round_.id}/desk/remind", {"addressee": addressee}, token=False)
        assert no_token.status_code == 400
        done = reviewer.post(f"/rounds/{round_.id}/desk/remind", {"addressee": addressee})
        assert done.status_code == 303
        html = reviewer.get(f"/rounds/{round_.id}/desk").get_data(as_text=True)
        assert "Đã nhắc Ủy ban nhân dân xã An Trường nộp hồ sơ (2 người nhận)." in html
        assert "Đã nhắc lúc 26/10/2025 09:00, bởi" in html and "Đã nhắc hôm nay" in html
        again = reviewer.post(f"/rounds/{round_.id}/desk/remind", {"addressee": addressee})
        assert again.status_code == 303
        assert "đã được nhắc hôm nay; không gửi lại" in reviewer.get(f"/rounds/{round_.id}/desk").get_data(as_text=True)
        unknown = reviewer.post(f"/rounds/{round_.id}/desk/remind", {"addressee": "unit-999999"})
        assert unknown.status_code == 422 and "không thuộc danh sách" in unknown.get_data(as_text=True)
        empty = reviewer.post(f"/rounds/{round_.id}/desk/remind", {})
        assert empty.status_code == 422
        drafter = as_user("drafter")
        drafter.get(f"/rounds/{round_.id}/desk")
        refused = drafter.post(f"/rounds/{round_.id}/desk/remind", {"addressee": addressee})
        assert refused.status_code == 403 and "Chỉ cán bộ thẩm định" in refused.get_data(as_text=True)
        commune = as_user("drafter.antruong")
        notices = commune.get("/notifications").get_data(as_text=True)
        assert "Nhắc nộp hồ sơ đề nghị khen thưởng đợt “Sơ kết giai đoạn 2023 - 2025”" in notices
    assert db.session.scalar(select(func.count()).select_from(RoundReminder)) == 1


def test_a_stranger_gets_404(world, as_user, round_, app):
    from tests.factories import add_user
    from workflow_app.models import Organization
    from workflow_app.services import demo_data
    other = Organization(**{**demo_data.DISTRICT, "code": "UBND-X", "name": "Ủy ban nhân dân huyện Khác"})
    db.session.add(other)
    db.session.commit()
    add_user("stranger", other, ["reviewer"], "NV")
    stranger = as_user("stranger")
    assert stranger.get(f"/rounds/{round_.id}/desk").status_code == 404
    stranger.get("/")
    assert stranger.post(f"/rounds/{round_.id}/desk/remind", {"addressee": "all"}).status_code == 404


def test_the_reminder_email_reaches_the_commune_over_smtp(world, as_user, round_, mail_on):
    for key in ("commune_drafter", "commune_approver"):
        world.users[key].email = f"{world.users[key].username}@xa.example.vn"
    db.session.commit()
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        reviewer = as_user("reviewer")
        reviewer.get(f"/rounds/{round_.id}/desk")
        assert reviewer.post(f"/rounds/{round_.id}/desk/remind",
                             {"addressee": f"org-{world.commune.id}"}).status_code == 303
    assert sorted(r for e in mail_on.envelopes for r in e.rcpt_tos) == [
        "approver.antruong@xa.example.vn", "drafter.antruong@xa.example.vn"]
    message = mail_on.to("drafter.antruong@xa.example.vn")[0]
    assert message["Subject"].startswith("[Thi đua – Khen thưởng] Nhắc nộp hồ sơ: ")
    text = body(message)
    assert "đợt “Sơ kết giai đoạn 2023 - 2025”" in text and "hạn nộp 31/10/2025 (còn 5 ngày)" in text
    assert f"{PUBLIC_URL}/documents/{round_.plan_id}" in text and f"{PUBLIC_URL}/rounds/{round_.id}/desk" in text
    assert {n.email_state for n in db.session.scalars(select(Notification).where(
        Notification.reason == "deadline"))} == {"sent"}


def test_without_a_mail_server_the_reminder_is_a_notice_only(world, as_user, round_, inbox, mail_config):
    mail_config(MAIL_SERVER="")
    world.users["commune_drafter"].email = "drafter@xa.example.vn"
    db.session.commit()
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        reviewer = as_user("reviewer")
        reviewer.get(f"/rounds/{round_.id}/desk")
        assert reviewer.post(f"/rounds/{round_.id}/desk/remind", {"addressee": "all"}).status_code == 303
    assert inbox.connections == 0
    assert {n.email_state for n in db.session.scalars(select(Notification))} == {"none"}
    assert db.session.scalar(select(func.count()).select_from(RoundReminder)) == 4


def test_the_worklist_shows_the_deadline_until_the_body_proposes(world, as_user, round_):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        commune = as_user("drafter.antruong")
        html = commune.get("/").get_data(as_text=True)
        assert "Đợt Sơ kết giai đoạn 2023 - 2025 — còn 5 ngày để nộp hồ sơ" in html
        create = f'href="/documents/new/commendation?round_id={round_.id}"'
        assert create in html
        editor = commune.get(f"/documents/new/commendation?round_id={round_.id}").get_data(as_text=True)
        assert f'<option selected value="{round_.id}">' in editor or f'<option value="{round_.id}" selected>' in editor
        draft = proposal(world, round_.id)
        html = commune.get("/").get_data(as_text=True)
        assert f'href="/documents/{draft.id}" data-draft-for-round' in html and create not in html
        advance(world, draft, "submitted")
        assert f'data-due-round="{round_.id}"' not in commune.get("/").get_data(as_text=True)
