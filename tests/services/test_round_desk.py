"""The round's desk (issue 15, point 6): who has proposed, counts by state and award, days left,
reminders (the desk's action and `flask rounds remind`), and the rounds on a worklist."""
from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest
import time_machine
from sqlalchemy import func, select

from tests.factories import add_user, advance, issued_plan
from workflow_app.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from workflow_app.extensions import db
from workflow_app.models import Document, Notification, Organization, RoundReminder
from workflow_app.services import demo_data, documents, notices, round_desk

# 26/10/2025 09:00 in Vietnam: five days before the first round's deadline (31/10/2025)
FIVE_DAYS_BEFORE = datetime(2025, 10, 26, 2, 0, tzinfo=timezone.utc)
THREE_DAYS_AFTER = datetime(2025, 11, 3, 2, 0, tzinfo=timezone.utc)


def proposal(world, round_id: int, user_key: str = "commune_drafter", nominees=None) -> Document:
    body = {**demo_data.COMMENDATION_BODY, "round_id": round_id}
    body.pop("period", None)
    return documents.create(world.users[user_key], {
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": body,
        "nominees": copy.deepcopy(demo_data.NOMINEES[:4] if nominees is None else nominees)})


@pytest.fixture
def setup(world):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        plan = issued_plan(world)
    return world, plan, plan.rounds[0]


def second_commune(world) -> Organization:
    other = Organization(**{**demo_data.COMMUNE, "code": "UBND-TA", "name": "Ủy ban nhân dân xã Tân An"},
                         parent=world.district)
    db.session.add(other)
    db.session.commit()
    return other


def test_the_issuer_sees_who_proposed_who_not_counts_and_days_left(setup):
    world, plan, round_ = setup
    second_commune(world)
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        sent = proposal(world, round_.id)
        advance(world, sent, "submitted")
        proposal(world, round_.id)                      # a draft is not a proposal yet
        desk = round_desk.desk(round_.id, world.users["reviewer"])
    assert desk.left == "Còn 5 ngày" and not desk.overdue
    assert [e.name for e in desk.proposed] == ["Ủy ban nhân dân xã An Trường"]
    assert [e.name for e in desk.not_proposed] == ["Ủy ban nhân dân xã Tân An", "Văn phòng HĐND và UBND huyện",
                                                   "Phòng Nội vụ", "Phòng Giáo dục và Đào tạo"]
    assert desk.proposed[0].proposals[0].document.id == sent.id
    assert desk.by_state == [("submitted", 1)]
    assert [(p.nominees, p.accepted) for p in desk.proposals] == [(4, 0)]
    assert sum(a.nominees for a in desk.awards) == 4 == desk.total.nominees
    assert {t.label for t in desk.kind_totals} <= {"Cá nhân", "Tập thể", "Hộ gia đình"}
    assert desk.can_remind
    with time_machine.travel(THREE_DAYS_AFTER, tick=False):
        assert round_desk.desk(round_.id, world.users["reviewer"]).left == "Hết hạn 3 ngày trước"


def test_the_counts_are_a_fixed_number_of_queries(setup):
    world, plan, round_ = setup
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        for _ in range(3):
            advance(world, proposal(world, round_.id), "submitted")
    statements = []

    def count(*args, **kwargs):
        statements.append(1)
    from sqlalchemy import event
    engine = db.engine
    db.session.expire_all()
    event.listen(engine, "before_cursor_execute", count)
    try:
        round_desk.desk(round_.id, world.users["reviewer"])
        few = len(statements)
        with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
            for _ in range(3):
                event.remove(engine, "before_cursor_execute", count)
                advance(world, proposal(world, round_.id), "submitted")
                event.listen(engine, "before_cursor_execute", count)
        db.session.expire_all()
        statements.clear()
        round_desk.desk(round_.id, world.users["reviewer"])
        assert len(statements) == few
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_body_below_sees_only_its_own(setup):
    world, plan, round_ = setup
    other = second_commune(world)
    tanan = add_user("drafter.tanan", other, ["drafter"], "VP")
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        advance(world, proposal(world, round_.id), "submitted")
        mine = round_desk.desk(round_.id, world.users["commune_drafter"])
    assert [e.name for e in mine.expected] == ["Ủy ban nhân dân xã An Trường"] and mine.expected[0].proposed
    assert not mine.can_remind and not mine.issuer_side
    theirs = round_desk.desk(round_.id, tanan)
    assert theirs.proposals == [] and [e.proposed for e in theirs.expected] == [False]


def test_someone_of_another_body_finds_no_round(setup, world):
    _, plan, round_ = setup
    stranger_body = Organization(**{**demo_data.DISTRICT, "code": "UBND-X", "name": "Ủy ban nhân dân huyện Khác"})
    db.session.add(stranger_body)
    db.session.commit()
    stranger = add_user("stranger", stranger_body, ["reviewer"], "NV")
    with pytest.raises(NotFound):
        round_desk.desk(round_.id, stranger)
    with pytest.raises(NotFound):
        round_desk.desk(10**9, world.users["reviewer"])


def test_a_reminder_tells_the_body_records_it_and_not_twice_a_day(setup):
    world, plan, round_ = setup
    reviewer = world.users["reviewer"]
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        done = round_desk.remind(round_.id, reviewer, f"org-{world.commune.id}")
        assert done.sent == [("Ủy ban nhân dân xã An Trường", 2)]   # its drafter and its approver
        told = db.session.scalars(select(Notification).where(Notification.reason == "deadline")).all()
        assert {n.user_id for n in told} == {world.users["commune_drafter"].id, world.users["commune_approver"].id}
        assert all(n.document_id == plan.id and n.event_id is None for n in told)
        text = notices.sentence(told[0])
        assert "Sơ kết giai đoạn 2023 - 2025" in text and "31/10/2025" in text and "còn 5 ngày" in text
        # the commune's users see it in their list
        assert notices.page(world.users["commune_drafter"]).total == 1
        desk = round_desk.desk(round_.id, reviewer)
        reminded = next(e for e in desk.expected if e.key == f"org-{world.commune.id}")
        assert reminded.reminded_today and reminded.reminder.sent_by == reviewer.full_name
        again = round_desk.remind(round_.id, reviewer, f"org-{world.commune.id}")
        assert again.sent == [] and again.skipped == ["Ủy ban nhân dân xã An Trường"]
        everyone = round_desk.remind(round_.id, reviewer)
        assert [name for name, _ in everyone.sent] == ["Văn phòng HĐND và UBND huyện", "Phòng Nội vụ",
                                                        "Phòng Giáo dục và Đào tạo"]
        assert everyone.skipped == ["Ủy ban nhân dân xã An Trường"]
    assert db.session.scalar(select(func.count()).select_from(RoundReminder)) == 4
    with time_machine.travel(THREE_DAYS_AFTER, tick=False):   # another day: again
        assert round_desk.remind(round_.id, reviewer, f"org-{world.commune.id}").sent


def test_reminders_are_refused_with_a_reason(setup):
    world, plan, round_ = setup
    with pytest.raises(Forbidden):
        round_desk.remind(round_.id, world.users["drafter"], f"org-{world.commune.id}")
    with pytest.raises(Forbidden):
        round_desk.remind(round_.id, world.users["commune_approver"], f"org-{world.commune.id}")
    with pytest.raises(ValidationFailed):
        round_desk.remind(round_.id, world.users["reviewer"], "org-999999")
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        advance(world, proposal(world, round_.id), "submitted")
    with pytest.raises(Conflict):
        round_desk.remind(round_.id, world.users["reviewer"], f"org-{world.commune.id}")
    assert db.session.scalar(select(func.count()).select_from(RoundReminder)) == 0
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.reason == "deadline")) == 0


def test_the_scheduled_reminder_runs_on_the_configured_days_once(setup):
    world, plan, round_ = setup
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        assert round_desk.remind_due({7, 3, 1}) == []
    three_days_before = datetime(2025, 10, 28, 1, 0, tzinfo=timezone.utc)
    with time_machine.travel(three_days_before, tick=False):
        done = round_desk.remind_due({7, 3, 1})
        assert [(r.id, len(x.sent)) for r, x in done] == [(round_.id, 4)]
        again = round_desk.remind_due({7, 3, 1})
        assert [(len(x.sent), len(x.skipped)) for _, x in again] == [(0, 4)]
    reminder = db.session.scalars(select(RoundReminder)).first()
    assert reminder.sent_by_id is None


def test_the_worklist_shows_the_round_until_the_body_proposes(setup):
    world, plan, round_ = setup
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        due = round_desk.due_for(world.users["commune_drafter"])
        assert [(d.round.id, d.left) for d in due][0] == (round_.id, "Còn 5 ngày")
        assert [d.unit for d in round_desk.due_for(world.users["drafter"])][:1] == ["Phòng Nội vụ"]
        advance(world, proposal(world, round_.id), "submitted")
        assert round_.id not in [d.round.id for d in round_desk.due_for(world.users["commune_approver"])]
        assert round_.id in [d.round.id for d in round_desk.due_for(world.users["drafter"])]
        assert round_.id in [d.round.id for d in round_desk.desk_rounds(world.users["reviewer"])]
        assert round_desk.desk_rounds(world.users["commune_drafter"]) == []


def test_flask_rounds_remind_uses_the_configured_days(setup, app):
    world, plan, round_ = setup
    runner = app.test_cli_runner()
    three_days_before = datetime(2025, 10, 28, 1, 0, tzinfo=timezone.utc)
    with time_machine.travel(three_days_before, tick=False):
        app.config["ROUND_REMINDER_DAYS"] = "2"
        try:
            nothing = runner.invoke(args=["rounds", "remind"])
        finally:
            app.config["ROUND_REMINDER_DAYS"] = "7,3,1"
        assert nothing.exit_code == 0 and "Không có đợt nào cần nhắc" in nothing.output
        first = runner.invoke(args=["rounds", "remind"])
        assert first.exit_code == 0, first.output
        said = "Đã nhắc Ủy ban nhân dân xã An Trường (đợt “Sơ kết giai đoạn 2023 - 2025”, 2 người nhận)."
        assert said in first.output
        second = runner.invoke(args=["rounds", "remind", "--days", "3"])
        assert "Bỏ qua Ủy ban nhân dân xã An Trường" in second.output and "Đã nhắc" not in second.output
        bad = runner.invoke(args=["rounds", "remind", "--days", "ba"])
        assert bad.exit_code != 0 and "Số ngày nhắc không hợp lệ" in bad.output
    assert db.session.scalar(select(func.count()).select_from(RoundReminder)) == 4


def test_flask_rounds_remind_refuses_days_past_the_calendar_saying_so(app):
    """A typo of a number of days (or ROUND_REMINDER_DAYS) is refused in words, not a traceback of
    date.fromordinal's OverflowError."""
    runner = app.test_cli_runner()
    for days in ("99999999999", "3000000", "7,100000000", "367"):
        refused = runner.invoke(args=["rounds", "remind", "--days", days])
        assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit), (days, refused.exception)
        assert "Số ngày nhắc không hợp lệ" in refused.output, (days, refused.output)
    assert runner.invoke(args=["rounds", "remind", "--days", "366"]).exit_code == 0


def test_the_scheduled_reminder_outlives_a_reviewer_reminding_the_same_body_meanwhile(setup, monkeypatch):
    """The desk's "Nhắc" and `flask rounds remind` at the same moment: the one that commits second
    hit the unique (round, addressee, day) and raised Conflict out of remind_due, a traceback that
    left the other addressees (and later rounds) unreminded that day. It tries the round again,
    without the addressee just reminded."""
    world, plan, round_ = setup
    three_days_before = datetime(2025, 10, 28, 1, 0, tzinfo=timezone.utc)
    real = round_desk._recipients
    calls = []

    def meanwhile(targets):
        if not calls:   # another process reminds the first addressee, and commits, before this run does
            with db.engine.begin() as other:
                other.execute(RoundReminder.__table__.insert().values(
                    round_id=round_.id, addressee=targets[0].key, sent_on=datetime(2025, 10, 28).date(),
                    sent_at=three_days_before, organization_id=world.commune.id, recipients=0))
        calls.append([t.key for t in targets])
        return real(targets)

    monkeypatch.setattr(round_desk, "_recipients", meanwhile)
    with time_machine.travel(three_days_before, tick=False):
        done = round_desk.remind_due({3})
    assert len(calls) == 2 and calls[1] == calls[0][1:]
    assert [(r.id, len(x.sent), len(x.skipped)) for r, x in done] == [(round_.id, 3, 1)]
    assert db.session.scalar(select(func.count()).select_from(RoundReminder)) == 4
