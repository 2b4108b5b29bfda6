"""Creating, editing, deleting and finding documents."""
import pytest

from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.domain.errors import BadRequest, Conflict, Forbidden, ValidationFailed
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import documents


def test_create_cleans_text(world):
    plan = new_plan(world, title="Ke\u0302\u0301 hoa\u0323ch\x00 thi đua  ", body={})
    assert plan.title == "Kế hoạch thi đua"
    assert plan.search_text == "ke hoach thi dua"


@pytest.mark.parametrize("payload,error,field", [
    ({"kind": "plan", "title": 5}, BadRequest, "title"),
    ({"kind": "plan", "title": "x", "body": []}, BadRequest, "body"),
    ({"kind": "plan", "title": "x", "body": {"sections": "abc"}}, BadRequest, "body.sections"),
    ({"kind": "plan", "title": ""}, ValidationFailed, "title"),
    ({"kind": "plan", "title": "x" * 1001}, ValidationFailed, "title"),
    ({"kind": "plan", "title": "x", "body": {"sections": [{"heading": "", "paragraphs": []}]}},
     ValidationFailed, "body.sections[0].heading"),
    ({"kind": "plan", "title": "x", "body": {"milestones": [{"name": "Sơ kết", "due": "31/12/2025"}]}},
     ValidationFailed, "body.milestones[0].due"),
    ({"kind": "memo", "title": "x"}, ValidationFailed, "kind"),
])
def test_bad_input_is_refused_with_the_field_named(world, payload, error, field):
    with pytest.raises(error) as exc:
        documents.create(world.users["drafter"], payload)
    assert field in exc.value.fields
    assert db.session.query(Document).count() == 0


def test_a_20000_character_paragraph_is_kept(world):
    long = "Học tập suốt đời " * 1250
    plan = new_plan(world, body={"sections": [{"heading": "NỘI DUNG", "paragraphs": [long]}],
                                 "recipients": ["UBND các xã"]})
    assert plan.body["sections"][0]["paragraphs"][0] == long.strip()


def test_nominee_award_must_be_in_the_bodys_list(world):
    with pytest.raises(ValidationFailed) as exc:
        new_commendation(world, nominees=[{"kind": "individual", "full_name": "Lê Hoàng Phúc",
                                           "award": "huan_chuong", "achievement": "x"}])
    assert "nominees[0].award" in exc.value.fields


def test_proposal_must_cite_an_issued_plan(world):
    draft_plan = new_plan(world)
    with pytest.raises(ValidationFailed) as exc:
        new_commendation(world, plan=draft_plan)
    assert "body.plan_id" in exc.value.fields


def test_proposal_goes_up_to_the_parent_body(world):
    proposal = new_commendation(world)
    assert proposal.issuer_id == world.district.id
    assert proposal.proposer_id == world.commune.id


def test_only_drafters_create(world):
    with pytest.raises(Forbidden):
        documents.create(world.users["reviewer"], {"kind": "plan", "title": "x"})


def test_update_with_version(world):
    plan = new_plan(world)
    v = plan.version
    documents.update(plan, world.users["drafter"], {"version": v, "title": "Kế hoạch mới"})
    assert plan.title == "Kế hoạch mới" and plan.version == v + 1
    assert plan.body["sections"]   # untouched fields stay
    with pytest.raises(Conflict):
        documents.update(plan, world.users["drafter"], {"version": v, "title": "cũ"})
    with pytest.raises(ValidationFailed):
        documents.update(plan, world.users["drafter"], {"title": "thiếu version"})
    with pytest.raises(Forbidden):
        documents.update(plan, world.users["reviewer"], {"version": plan.version, "title": "x"})
    advance(world, plan, "submitted")
    with pytest.raises(Conflict):
        documents.update(plan, world.users["drafter"], {"version": plan.version, "title": "x"})
    db.session.expire_all()
    assert plan.title == "Kế hoạch mới"


def test_delete_only_never_submitted_drafts(world):
    plan = new_plan(world)
    with pytest.raises(Forbidden):
        documents.delete(plan, add_user("nv2", world.district, ["drafter"], "NV"))
    documents.delete(plan, world.users["drafter"])
    assert db.session.get(Document, plan.id) is None
    returned = new_plan(world)
    advance(world, returned, "submitted")
    from workflow_app.services.transitions import apply_transition
    apply_transition(returned, "withdraw", world.users["drafter"], generate=False)
    with pytest.raises(Conflict):
        documents.delete(returned, world.users["drafter"])


def test_search_is_accent_insensitive_and_paged(world):
    for i in range(7):
        new_plan(world, title=f"Kế hoạch xây dựng xã hội học tập số {i}", body={})
    new_plan(world, title="Kế hoạch chuyển đổi số", body={})
    drafter = world.users["drafter"]
    page = documents.search(drafter, q="xa hoi hoc tap", per_page=5)
    assert (page.total, len(page.items)) == (7, 5)
    assert documents.search(drafter, q="XÃ HỘI", per_page=5, page=2).items.__len__() == 2
    assert documents.search(drafter, q="100%").total == 0
    assert documents.search(drafter, q="chuyen doi").total == 1
    assert documents.search(drafter, kind="commendation").total == 0
    assert documents.search(drafter, per_page=10_000).per_page == documents.MAX_PER_PAGE


def test_issued_number_is_searchable(world):
    plan = new_plan(world)
    advance(world, plan, "issued")
    assert [d.id for d in documents.search(world.users["drafter"], q="01/KH-UBND").items] == [plan.id]
