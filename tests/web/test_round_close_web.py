"""The pages of a closed round (issue 15 loose ends): the desk says "Đã kết thúc — Quyết định số …"
with a link and offers no reminder; a round decision's page shows another body's rows without
their council votes."""
from __future__ import annotations

from tests.factories import issued_plan
from tests.round_decision_world import _nominees, advance_decision, proposal, round_world, second_commune
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import round_decisions


def test_the_desk_of_a_closed_round(world, as_user):
    rw = round_world(world, proposals=1)     # the second commune has not proposed
    reviewer = as_user("reviewer")
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    page = reviewer.get(f"/rounds/{rw.round.id}/desk")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Đã kết thúc" in html and f"Quyết định số {decision.number}" in html
    assert f'href="/documents/{decision.id}"' in html
    assert "data-remind-all" not in html and 'name="addressee"' not in html and "data-days-left" not in html
    refused = reviewer.post(f"/rounds/{rw.round.id}/desk/remind", data={"addressee": "all"})
    assert refused.status_code in (400, 409)


def test_a_round_decision_page_hides_other_bodies_votes(world, as_user):
    plan = issued_plan(world)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    _other, other_users = second_commune(world)
    proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"],
             _nominees("An Trường", 1), votes=(7, 9))
    proposal(world, round_, other_users["drafter"], other_users["approver"], _nominees("Huyền Hội", 2),
             votes=(8, 11))
    decision = round_decisions.create(round_.id, world.users["reviewer"])
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")
    page = as_user(world.users["commune_drafter"].username).get(f"/documents/{decision.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Biểu quyết: 7/9" in html and "Biểu quyết: 8/11" not in html
    assert "Biểu quyết: 8/11" in as_user("reviewer").get(f"/documents/{decision.id}").get_data(as_text=True)


def test_a_draft_of_a_closed_round_opens_in_the_editor_and_goes_on_without_the_round(world, as_user):
    from tests.api.test_rounds import _proposal
    from tests.web.test_proposal_editor_fixes import filled_row, proposal_form
    from workflow_app.services import documents
    rw = round_world(world, proposals=1)
    draft = documents.create(world.users["commune_drafter"], _proposal(rw.round.id))
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")
    drafter = as_user("drafter.antruong")
    assert drafter.get(f"/documents/{draft.id}/edit").status_code == 200
    db.session.expire_all()
    draft = db.session.get(Document, draft.id)
    saved = drafter.post(f"/documents/{draft.id}/edit", {**proposal_form(rw.plan, **filled_row(0)),
                                                          "round_id": "", "version": draft.version})
    assert saved.status_code == 303, saved.get_data(as_text=True)[-2000:]
    db.session.expire_all()
    assert db.session.get(Document, draft.id).body.get("round_id") is None


def test_the_worklist_lists_a_closed_round_after_the_open_ones_with_its_decision(world, as_user):
    rw = round_world(world, proposals=1)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    html = as_user("reviewer").get("/").get_data(as_text=True)
    section = html[html.index('id="desk-rounds"'):]
    section = section[:section.index("</section>")]
    closed_at = section.index(f'data-desk-round="{rw.round.id}"')
    open_ids = [r.id for r in rw.plan.rounds if r.id != rw.round.id]
    assert all(0 <= section.index(f'data-desk-round="{i}"') < closed_at for i in open_ids)
    closed = section[closed_at:]
    assert "data-round-closed" in closed and "Đã kết thúc" in closed
    assert f"Quyết định số {decision.number}" in closed
    assert f'href="/rounds/{rw.round.id}/desk"' in closed and f'href="/documents/{decision.id}"' in closed
    assert "data-round-closed" not in section[:closed_at]
