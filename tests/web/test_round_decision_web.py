"""The round's one decision on the web (issue 15, point 5.2): the button on the issued plan, the
confirmation page with its proposals, the decision's page and the proposals' link to it."""
from __future__ import annotations

from tests.round_decision_world import round_world
from workflow_app.extensions import db
from workflow_app.models import Document


def test_a_reviewer_makes_the_rounds_decision_from_the_plans_page(world, as_user):
    rw = round_world(world)
    reviewer = as_user("reviewer")
    plan_page = reviewer.get(f"/documents/{rw.plan.id}").get_data(as_text=True)
    assert "Lập quyết định khen thưởng của đợt" in plan_page
    assert f"/rounds/{rw.round.id}/decision" in plan_page
    assert f"/rounds/{rw.round.id}/decision" not in as_user("drafter").get(f"/documents/{rw.plan.id}").get_data(
        as_text=True)

    page = reviewer.get(f"/rounds/{rw.round.id}/decision")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ủy ban nhân dân xã An Trường" in html and "Ủy ban nhân dân xã Huyền Hội" in html
    assert html.count('name="proposal_ids"') == 3 and html.count(" checked") >= 3
    assert 'data-accepted-total>7<' in html      # 3 + 3 + 1 accepted of 8 proposed

    chosen = [rw.proposals[0].id, rw.proposals[1].id]
    made = reviewer.post(f"/rounds/{rw.round.id}/decision", {"proposal_ids": chosen})
    assert made.status_code == 303, made.get_data(as_text=True)[:2000]
    decision = db.session.get(Document, int(made.headers["Location"].rsplit("/", 1)[1]))
    assert (decision.kind, decision.state) == ("decision", "reviewed")
    shown = reviewer.get(made.headers["Location"]).get_data(as_text=True)
    assert "data-round-proposals" in shown and shown.count(f'href="/documents/{rw.proposals[0].id}"') >= 1
    assert "Đơn vị đề nghị: Ủy ban nhân dân xã Huyền Hội" in shown
    assert "Đã lập quyết định khen thưởng của đợt" in shown

    proposal_page = reviewer.get(f"/documents/{rw.proposals[0].id}").get_data(as_text=True)
    assert "Đã đưa vào Quyết định khen thưởng của đợt" in proposal_page
    assert f'href="/documents/{decision.id}"' in proposal_page
    left = reviewer.get(f"/rounds/{rw.round.id}/decision").get_data(as_text=True)
    assert left.count('name="proposal_ids"') == 1 and "data-round-decisions" in left


def test_the_confirmation_page_refuses_others_and_empty_choices(world, as_user):
    rw = round_world(world, proposals=1)
    assert as_user("drafter").get(f"/rounds/{rw.round.id}/decision").status_code == 403
    assert as_user("drafter.antruong").get(f"/rounds/{rw.round.id}/decision").status_code == 403
    assert as_user("reviewer").get("/rounds/999999/decision").status_code == 404
    reviewer = as_user("reviewer")
    reviewer.get(f"/rounds/{rw.round.id}/decision")
    refused = reviewer.post(f"/rounds/{rw.round.id}/decision", {})
    assert refused.status_code == 422 and "Chưa chọn tờ trình nào" in refused.get_data(as_text=True)
    assert db.session.get(Document, rw.proposals[0].id).decision_id is None
    assert as_user("drafter").get("/documents/new/decision").status_code == 404


def test_the_proposing_body_sees_its_proposal_in_the_decision_and_opens_it_once_issued(world, as_user):
    from tests.round_decision_world import advance_decision
    from workflow_app.services import round_decisions

    rw = round_world(world, proposals=2)
    decision = round_decisions.create(rw.round.id, world.users["reviewer"])
    commune = as_user("drafter.antruong")
    page = commune.get(f"/documents/{rw.proposals[0].id}").get_data(as_text=True)
    assert "Đã đưa vào Quyết định khen thưởng của đợt (đang trình ký)." in page
    assert commune.get(f"/documents/{decision.id}").status_code == 404
    db.session.expire_all()
    advance_decision(world, db.session.get(Document, decision.id), "issued")
    page = commune.get(f"/documents/{rw.proposals[0].id}").get_data(as_text=True)
    assert f'href="/documents/{decision.id}"' in page
    shown = commune.get(f"/documents/{decision.id}")
    assert shown.status_code == 200
    html = shown.get_data(as_text=True)
    assert "giay-khen-xa-an-truong.docx" in html and "thong-bao-ket-qua-dot-xa-an-truong.docx" in html
    assert "giay-khen-xa-huyen-hoi.docx" not in html and "bien-ban-xet-khen-thuong-dot.docx" not in html
