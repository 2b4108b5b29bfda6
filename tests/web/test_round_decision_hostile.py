"""Hostile input on the round decision page (issue 15, point 5.2)."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.round_decision_world import round_world
from workflow_app.extensions import db
from workflow_app.models import Document


def test_digits_python_reads_as_digits_but_int_does_not_are_no_500(world, as_user):
    """"²".isdigit() is true and int("²") fails: such a value is no proposal id (422, nothing made)."""
    rw = round_world(world)
    before = db.session.scalar(select(func.count()).select_from(Document))
    refused = as_user("reviewer").post(f"/rounds/{rw.round.id}/decision", {"proposal_ids": ["²", "٣"]})
    assert refused.status_code == 422
    assert "Chưa chọn tờ trình nào" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Document)) == before


def test_the_proposal_editor_takes_no_plan_or_round_id_int_cannot_read(world, as_user):
    """The commendation editor's hidden plan_id / round_id: "²" or a number beyond any row is no
    plan (a draft without one, or the form again), not a 500."""
    from tests.factories import issued_plan
    from tests.web.test_proposal_editor_fixes import NEW, filled_row, proposal_form
    plan = issued_plan(world)
    drafter = as_user("drafter.antruong")
    for bad in ({"plan_id": "²"}, {"round_id": "²"}, {"plan_id": "9" * 30}):
        page = drafter.post(NEW, {**proposal_form(plan, **filled_row(0)), **bad})
        assert page.status_code in (303, 422), (bad, page.status_code)
        if page.status_code == 303:
            made = db.session.get(Document, int(page.headers["Location"].rsplit("/", 1)[1]))
            assert made.body.get("plan_id") in (None, plan.id) and made.body.get("round_id") is None
