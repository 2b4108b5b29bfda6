"""The rules around transitions: each refusal names its reason and changes nothing."""
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.factories import add_user, advance, new_commendation, new_plan, snapshot
from workflow_app.domain.clock import local_today
from workflow_app.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from workflow_app.domain.workflows import engine_for
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services.transitions import apply_transition


def refused(document, error, name, actor, **kwargs):
    before = snapshot(document.id)
    with pytest.raises(error) as exc:
        apply_transition(document, name, actor, generate=False, **kwargs)
    assert snapshot(document.id) == before
    assert exc.value.message
    return exc.value


def test_four_eyes_the_creator_cannot_approve(world):
    """Its creator, even one who neither edited, submitted nor reviewed it (separation of duties:
    tests/services/test_separation_of_duties.py, tests/api/test_separation_of_duties.py)."""
    both = add_user("drafter.approver", world.district, ["drafter", "approver"], "NV", "Phó Chủ tịch")
    plan = new_plan(world)
    plan.created_by_id = both.id
    db.session.commit()
    advance(world, plan, "reviewed")
    err = refused(plan, Forbidden, "approve", both)
    assert err.message == ("Bạn đã soạn văn bản này nên không thể phê duyệt: người phê duyệt không được là "
                           "người soạn, người trình hay người thẩm định văn bản "
                           "(nguyên tắc tách bạch nhiệm vụ).")
    apply_transition(plan, "approve", world.users["approver"], generate=False)
    assert plan.state == "approved"


@pytest.mark.parametrize("comment", ["", "   ", None, "\x00\x07"])
@pytest.mark.parametrize("state,role", [("submitted", "reviewer"), ("reviewed", "approver"),
                                        ("approved", "approver")])
def test_return_requires_a_comment(world, state, role, comment):
    plan = new_plan(world)
    advance(world, plan, state)
    err = refused(plan, ValidationFailed, "return", world.users[role], comment=comment)
    assert "comment" in err.fields


def test_return_with_a_comment_goes_back_to_draft_and_forgets_the_signature(world):
    plan = new_plan(world)
    advance(world, plan, "approved")
    assert plan.signer_name == "Phạm Minh Tuấn" and plan.signer_form == "KT"
    event = apply_transition(plan, "return", world.users["approver"], comment="Sửa mục II.", generate=False)
    assert (plan.state, event.comment, plan.signer_name) == ("draft", "Sửa mục II.", None)


def test_withdraw_only_before_review(world):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    refused(plan, Conflict, "withdraw", world.users["drafter"])
    other = new_plan(world)
    advance(world, other, "submitted")
    apply_transition(other, "withdraw", world.users["drafter"], generate=False)
    assert other.state == "draft"


def test_only_the_creator_withdraws(world):
    colleague = add_user("drafter2", world.district, ["drafter"], "NV")
    plan = new_plan(world)
    advance(world, plan, "submitted")
    err = refused(plan, Forbidden, "withdraw", colleague)
    assert "người tạo" in err.message


def test_stale_version_is_a_conflict(world):
    plan = new_plan(world)
    stale = plan.version
    advance(world, plan, "submitted")
    err = refused(plan, Conflict, "review", world.users["reviewer"], version=stale)
    assert "tải lại" in err.message
    apply_transition(plan, "review", world.users["reviewer"], version=plan.version, generate=False)
    assert plan.state == "reviewed"


def test_concurrent_writer_loses_with_a_conflict(world):
    """Another session moved the row on: our flush finds no row with our version."""
    plan = new_plan(world)
    advance(world, plan, "submitted")
    refused_before = plan.version      # loaded in our session ...
    with db.engine.connect() as other:  # ... then another connection commits a change
        other.execute(db.update(Document.__table__).where(Document.id == plan.id)
                      .values(version=Document.version + 1))
        other.commit()
    # our UPDATE ... WHERE version = ? matches nothing
    with pytest.raises(Conflict):
        apply_transition(plan, "review", world.users["reviewer"], generate=False)
    db.session.expire_all()
    assert plan.state == "submitted" and plan.version == refused_before + 1


@pytest.mark.parametrize("name", ["to_issued", "publish", "", 42, None])
def test_unknown_transition(world, name):
    plan = new_plan(world)
    refused(plan, ValidationFailed, name, world.users["drafter"])


def test_unknown_kind(world):
    plan = new_plan(world)
    plan.kind = "memo"   # not flushed: the refusal rolls it back
    with pytest.raises(NotFound):
        apply_transition(plan, "submit", world.users["unit_head"], generate=False)
    db.session.expire_all()
    assert plan.kind == "plan" and plan.state == "draft"


def test_submit_guards_name_what_is_missing(world):
    plan = new_plan(world, body={"sections": [], "recipients": []})
    err = refused(plan, ValidationFailed, "submit", world.users["unit_head"])
    assert set(err.fields) == {"body.sections", "body.recipients"}


def test_commendation_needs_nominees_to_submit(world):
    proposal = new_commendation(world, nominees=[])
    err = refused(proposal, ValidationFailed, "submit", world.users["commune_approver"])
    assert "nominees" in err.fields


def test_review_records_decisions_and_needs_one_accepted(world):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reject_all = [{"id": n.id, "status": "rejected", "note": "Chưa đủ tiêu chuẩn"} for n in proposal.nominees]
    err = refused(proposal, ValidationFailed, "review", world.users["reviewer"], nominees=reject_all)
    assert "nominees" in err.fields
    err = refused(proposal, ValidationFailed, "review", world.users["reviewer"],
                  nominees=[{"id": proposal.nominees[0].id, "status": "rejected", "note": ""}])
    assert "nominees[0].note" in err.fields
    apply_transition(proposal, "review", world.users["reviewer"], generate=False,
                     nominees=[{"id": proposal.nominees[1].id, "status": "rejected", "note": "Trùng"}])
    statuses = [n.review_status for n in proposal.nominees]
    assert statuses == ["accepted", "rejected", "accepted", "accepted", "accepted", "accepted"]


def test_review_refuses_a_nominee_of_another_proposal(world):
    first = new_commendation(world)
    second = new_commendation(world, plan=db.session.get(Document, first.body["plan_id"]))
    advance(world, first, "submitted")
    refused(first, ValidationFailed, "review", world.users["reviewer"],
            nominees=[{"id": second.nominees[0].id, "status": "rejected", "note": "x"}])


def test_signer_form_follows_the_position_unless_given(world):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    apply_transition(plan, "approve", world.users["chairman"], generate=False)
    assert (plan.signer_name, plan.signer_form) == ("Nguyễn Văn Chủ", "")
    other = new_plan(world)
    advance(world, other, "reviewed")
    refused(other, ValidationFailed, "approve", world.users["approver"], signer_form="XYZ")


def test_issue_date_rules(world):
    plan = new_plan(world)
    advance(world, plan, "approved")
    archivist = world.users["archivist"]
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    assert "issued_on" in refused(plan, ValidationFailed, "issue", archivist, issued_on=yesterday).fields
    assert "issued_on" in refused(plan, ValidationFailed, "issue", archivist, issued_on=tomorrow).fields
    assert "issued_on" in refused(plan, ValidationFailed, "issue", archivist, issued_on="30/5/2023").fields
    apply_transition(plan, "issue", archivist, generate=False)
    assert plan.issued_on == local_today()
    assert plan.number == "01/KH-UBND"


def test_official_dates_are_vietnamese_calendar_days(world):
    """At 20:00 UTC it is already the next day in Vietnam: that day may be the issue date."""
    evening_utc = datetime(2024, 1, 1, 20, 0, tzinfo=timezone.utc)   # 2024-01-02 03:00 in Hà Nội
    plan = new_plan(world)
    advance(world, plan, "approved", at=evening_utc - timedelta(hours=1))
    apply_transition(plan, "issue", world.users["archivist"], generate=False, at=evening_utc)
    assert plan.issued_on == date(2024, 1, 2)
    other = new_plan(world)
    advance(world, other, "approved", at=evening_utc)
    apply_transition(other, "issue", world.users["archivist"], generate=False, at=evening_utc,
                     issued_on="2024-01-02")
    assert other.number_entry.year == 2024


def test_unexpected_extra_data_is_refused(world):
    plan = new_plan(world)
    err = refused(plan, ValidationFailed, "submit", world.users["unit_head"], number=99)
    assert "number" in err.fields


def test_history_is_complete_and_replays_to_the_state(world):
    plan = new_plan(world)
    steps = [("submit", "unit_head", ""), ("return", "reviewer", "Bổ sung"), ("submit", "unit_head", ""),
             ("withdraw", "drafter", ""), ("submit", "unit_head", ""), ("review", "reviewer", "Đồng ý"),
             ("approve", "approver", ""), ("issue", "archivist", "")]
    for name, role, comment in steps:
        apply_transition(plan, name, world.users[role], comment=comment, generate=False)
    db.session.expire_all()
    events = plan.events
    assert [(e.transition, e.actor.username, e.comment) for e in events] == \
        [(n, world.users[r].username, c) for n, r, c in steps]
    engine = engine_for("plan")

    class Replay:
        state = "draft"
    replay = Replay()
    for e in events:
        assert e.from_state == replay.state
        engine.fire(replay, e.transition)
        assert replay.state == e.to_state
    assert replay.state == plan.state == "issued"
    assert [e.version for e in events] == sorted({e.version for e in events})
    assert events[-1].version == plan.version
    assert all(e.at.tzinfo is not None for e in events)


def test_history_rows_are_append_only(world):
    plan = new_plan(world)
    event = apply_transition(plan, "submit", world.users["unit_head"], generate=False)
    event.comment = "sửa lịch sử"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(PermissionError):
        db.session.delete(db.session.get(type(event), event.id))
        db.session.flush()
    db.session.rollback()
