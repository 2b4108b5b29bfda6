"""Notices (issue 14 §10): who is told of each step, in the step's transaction, and the e-mail for
each, sent to a real SMTP server (aiosmtpd, tests/mail_server.py) after the commit."""
from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import select

from tests.factories import add_user, advance, new_commendation, new_plan, snapshot
from tests.mail_server import PUBLIC_URL, body, free_port, settings
from workflow_app.extensions import db
from workflow_app.models import Notification, User
from workflow_app.services import notices
from workflow_app.services.transitions import apply_transition


def told(document=None) -> list[tuple[str, str]]:
    """(username, reason) of every notice, oldest first."""
    db.session.expire_all()
    query = select(Notification).order_by(Notification.id)
    if document is not None:
        query = query.where(Notification.document_id == document.id)
    return [(n.user.username, n.reason) for n in db.session.scalars(query)]


def with_email(*users):
    for user in users:
        user.email = f"{user.username}@ubnd.example.vn"
    db.session.commit()


def test_submit_tells_the_reviewers_of_the_issuing_body_by_notice_and_email(world, mail_on):
    second = add_user("reviewer2", world.district, ["reviewer"], "NV")
    commune_reviewer = add_user("reviewer.antruong", world.commune, ["reviewer"], "VP")
    with_email(world.users["reviewer"], second, commune_reviewer, world.users["drafter"], world.users["approver"])
    plan = new_plan(world)

    apply_transition(plan, "submit", world.users["unit_head"])

    assert told(plan) == [("reviewer", "awaiting"), ("reviewer2", "awaiting")]
    assert sorted(rcpt for e in mail_on.envelopes for rcpt in e.rcpt_tos) == [
        "reviewer2@ubnd.example.vn", "reviewer@ubnd.example.vn"]
    message = mail_on.to("reviewer@ubnd.example.vn")[0]
    assert message["Subject"].startswith("[Thi đua – Khen thưởng] Chờ bạn xử lý: ")
    assert plan.title in message["Subject"]
    assert message["From"] == "Thi đua – Khen thưởng <no-reply@ubnd.example.vn>"
    text = body(message)
    assert f"{PUBLIC_URL}/documents/{plan.id}" in text and f"{PUBLIC_URL}/notifications" in text
    assert "đang chờ bạn thẩm định" in text and "Lê Văn Trưởng đã ký và trình" in text
    assert {n.email_state for n in db.session.scalars(select(Notification))} == {"sent"}


def test_each_forward_step_tells_who_holds_the_next_one(world, mail_on):
    plan = new_plan(world)
    advance(world, plan, "approved")
    assert told(plan) == [("reviewer", "awaiting"),                           # submitted: review it
                          ("approver", "awaiting"), ("chairman", "awaiting"),  # reviewed: approve it
                          ("archivist", "awaiting")]                           # approved: issue it


def test_return_tells_the_creator_with_the_reason(world, mail_on):
    with_email(world.users["drafter"])
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    before = len(told(plan))

    apply_transition(plan, "return", world.users["approver"], comment="Bổ sung kinh phí thực hiện.")

    # the creator, and the unit head who signed and submitted it
    assert told(plan)[before:] == [("drafter", "returned"), ("truongphong.nv", "returned")]
    message = mail_on.to("drafter@ubnd.example.vn")[0]
    assert message["Subject"].startswith("[Thi đua – Khen thưởng] Bị trả lại: ")
    text = body(message)
    assert "Phạm Minh Tuấn đã trả lại" in text and "Bổ sung kinh phí thực hiện." in text
    assert f"{PUBLIC_URL}/documents/{plan.id}" in text


def test_issue_tells_the_creator_and_the_one_who_submitted(world, mail_on):
    head = world.users["unit_head"]
    with_email(world.users["drafter"], head)
    plan = new_plan(world)                                # written by drafter ...
    apply_transition(plan, "submit", head)                # ... signed and submitted by the unit's head
    for name, role in (("review", "reviewer"), ("approve", "approver")):
        apply_transition(plan, name, world.users[role])
    before = len(told(plan))

    apply_transition(plan, "issue", world.users["archivist"])

    assert told(plan)[before:] == [("drafter", "issued"), ("truongphong.nv", "issued")]
    for address in ("drafter@ubnd.example.vn", "truongphong.nv@ubnd.example.vn"):
        (message,) = mail_on.to(address)
        assert message["Subject"].startswith("[Thi đua – Khen thưởng] Đã ban hành: ")
        assert f"số {plan.number}" in body(message)


def test_a_proposal_tells_the_proposing_body_when_issued_and_the_district_on_the_way(world, mail_on):
    proposal = new_commendation(world)
    advance(world, proposal, "issued")
    assert told(proposal) == [("reviewer", "awaiting"), ("approver", "awaiting"), ("chairman", "awaiting"),
                              ("archivist", "awaiting"), ("drafter.antruong", "issued"),
                              ("approver.antruong", "issued")]   # its creator, and its Chủ tịch who signed it


def test_the_actor_is_never_told_of_their_own_step(world, mail_on):
    both = add_user("deputy", world.district, ["reviewer", "approver"], "NV")
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])
    apply_transition(plan, "review", both)
    assert ("deputy", "awaiting") in told(plan)[:2]      # told when it waited for review ...
    assert [u for u, _ in told(plan)[2:]] == ["approver", "chairman"]   # ... not of their own review


def test_withdrawing_tells_nobody_and_the_reviewers_notice_drops_out(world, mail_on):
    elsewhere = add_user("reviewer.vp", world.district, ["reviewer"], "VP")   # not of the plan's unit
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])
    assert notices.unread_count(elsewhere) == 1
    apply_transition(plan, "withdraw", world.users["drafter"])
    assert told(plan) == [("reviewer", "awaiting"), ("reviewer.vp", "awaiting")]
    # the draft is no longer theirs to see: nor is its notice (the plan's own unit still sees it)
    assert notices.unread_count(elsewhere) == 0
    assert notices.page(elsewhere).items == []
    assert notices.unread_count(world.users["reviewer"]) == 1


def test_inactive_users_are_not_told(world, mail_on):
    world.users["reviewer"].active = False
    db.session.commit()
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])
    assert told(plan) == []


def test_opting_out_keeps_the_notice_but_sends_no_email(world, mail_on):
    reviewer = world.users["reviewer"]
    with_email(reviewer)
    notices.set_email_notifications(reviewer, False)
    plan = new_plan(world)

    apply_transition(plan, "submit", world.users["unit_head"])

    assert told(plan) == [("reviewer", "awaiting")]
    assert db.session.scalar(select(Notification.email_state)) == "none"
    assert mail_on.envelopes == [] and mail_on.connections == 0


def test_without_an_address_no_email_is_attempted(world, mail_on):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])
    assert told(plan) == [("reviewer", "awaiting")]
    assert mail_on.connections == 0


def test_without_mail_server_no_email_is_attempted(world, inbox, mail_config):
    mail_config(**settings(inbox.port, MAIL_SERVER=""))   # everything set but the server
    with_email(world.users["reviewer"])
    plan = new_plan(world)

    apply_transition(plan, "submit", world.users["unit_head"])

    assert told(plan) == [("reviewer", "awaiting")]
    assert db.session.scalar(select(Notification.email_state)) == "none"
    assert inbox.connections == 0 and inbox.envelopes == []
    assert notices.send_waiting() == (0, 0)


def test_smtp_down_the_step_succeeds_and_the_retry_sends_it_later(world, inbox, mail_config):
    mail_config(**settings(free_port()))   # nobody listens there
    with_email(world.users["reviewer"])
    plan = new_plan(world)

    apply_transition(plan, "submit", world.users["unit_head"])

    db.session.expire_all()
    assert plan.state == "submitted"
    notice = db.session.scalar(select(Notification))
    assert (notice.email_state, notice.email_attempts) == ("failed", 1)
    assert "ConnectionRefusedError" in notice.email_error

    mail_config(MAIL_PORT=inbox.port)      # the server is back: `flask notices send`
    assert notices.send_waiting() == (1, 0)
    db.session.expire_all()
    assert (notice.email_state, notice.email_attempts, notice.email_error) == ("sent", 2, "")
    assert [e.rcpt_tos for e in inbox.envelopes] == [["reviewer@ubnd.example.vn"]]
    assert notices.send_waiting() == (0, 0)   # sent once


def test_a_server_that_does_not_answer_costs_the_step_at_most_the_timeout(world, mail_config):
    with socket.socket() as silent:   # accepts the connection (backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        mail_config(**settings(silent.getsockname()[1], MAIL_TIMEOUT=0.5))
        with_email(world.users["reviewer"])
        plan = new_plan(world)
        started = time.monotonic()
        apply_transition(plan, "submit", world.users["unit_head"])
        assert time.monotonic() - started < 5
    db.session.expire_all()
    assert plan.state == "submitted"
    assert db.session.scalar(select(Notification.email_state)) == "failed"


def test_the_retry_gives_up_after_max_attempts(world, mail_config):
    mail_config(**settings(free_port()))
    with_email(world.users["reviewer"])
    apply_transition(new_plan(world), "submit", world.users["unit_head"])
    for _ in range(notices.MAX_ATTEMPTS + 2):
        notices.send_waiting()
    db.session.expire_all()
    assert db.session.scalar(select(Notification.email_attempts)) == notices.MAX_ATTEMPTS


def test_a_step_that_fails_leaves_no_notice(world, mail_on):
    with_email(world.users["reviewer"])
    plan = new_plan(world)
    before = snapshot(plan.id)

    def fail():
        raise RuntimeError("the step's last write failed")

    with pytest.raises(RuntimeError):
        apply_transition(plan, "submit", world.users["unit_head"], before_commit=fail)

    assert snapshot(plan.id) == before
    assert told() == [] and mail_on.connections == 0


def test_marking_read_by_document_and_all(world):
    plan, other = new_plan(world), new_plan(world, title="Kế hoạch thứ hai về công tác thi đua")
    for document in (plan, other):
        apply_transition(document, "submit", world.users["unit_head"])
    reviewer = world.users["reviewer"]
    assert notices.unread_count(reviewer) == 2
    assert [n.document_id for n in notices.page(reviewer).items] == [other.id, plan.id]   # newest first

    assert notices.mark_read(reviewer, plan) == 1
    assert notices.mark_read(reviewer, plan) == 0
    assert notices.unread_count(reviewer) == 1
    assert [n.document_id for n in notices.page(reviewer, unread_only=True).items] == [other.id]
    assert notices.mark_read(reviewer) == 1
    assert notices.unread_count(reviewer) == 0
    assert len(notices.page(reviewer).items) == 2


def test_notify_is_the_hook_for_notices_without_a_step(world, mail_on):
    """Round deadlines will come this way: no event behind the notice."""
    with_email(world.users["drafter"])
    plan = new_plan(world)
    to_mail = notices.notify([world.users["drafter"]], plan, "issued")
    db.session.commit()
    notices.send_mail(to_mail)
    (message,) = mail_on.messages
    assert plan.title in body(message) and f"{PUBLIC_URL}/documents/{plan.id}" in body(message)


def test_flask_notices_send(app, world, inbox, mail_config):
    runner = app.test_cli_runner()
    mail_config(MAIL_SERVER="")
    refused = runner.invoke(args=["notices", "send"])
    assert refused.exit_code != 0 and "MAIL_SERVER" in refused.output

    mail_config(**settings(free_port()))
    with_email(world.users["reviewer"])
    apply_transition(new_plan(world), "submit", world.users["unit_head"])
    mail_config(MAIL_PORT=inbox.port)
    done = runner.invoke(args=["notices", "send"])
    assert done.exit_code == 0 and "Đã gửi 1 thư; 0 thư chưa gửi được" in done.output
    assert len(inbox.envelopes) == 1


def test_the_demo_history_leaves_nothing_unread(app):
    from workflow_app.models import User
    from workflow_app.services import seed
    seed.seed_demo("mat-khau-demo-dai")
    assert told()   # its 2023 history told people ...
    assert all(notices.unread_count(user) == 0 for user in db.session.scalars(select(User)))   # ... long ago


def test_an_issued_round_decision_tells_the_bodies_whose_proposals_it_decides(world):
    """Issue 15: the proposing bodies read their round's decision once issued; they are told, and
    the notice stays in their list (they see the decision through its proposals, not its body)."""
    from tests.round_decision_world import round_world
    from workflow_app.services import round_decisions
    rw = round_world(world)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    apply_transition(decision, "approve", world.users["approver"], generate=False)
    assert not [who for who, _ in told(decision) if who in ("drafter.antruong", "approver.antruong", "drafter.hh")]
    apply_transition(decision, "issue", world.users["archivist"], generate=False)
    issued = {who for who, reason in told(decision) if reason == "issued"}
    commune = {world.users["commune_drafter"].username, world.users["commune_approver"].username}
    assert commune | {"drafter.hh", "approver.hh"} <= issued
    assert world.users["archivist"].username not in issued
    for username in ("drafter.hh", world.users["commune_drafter"].username):
        user = db.session.scalar(select(User).where(User.username == username))
        listed = notices.page(user)
        assert decision.id in {n.document_id for n in listed.items} and listed.unread >= 1
