"""Separation of duties in the services (issue 12, point 4): who wrote a draft is recorded, and the
worklist, its totals and the buttons agree with the refusal, with and without the relaxation."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from tests.factories import add_user, advance, new_plan
from tests.services.test_scope import _one_of_each
from workflow_app.domain.errors import Forbidden, ValidationFailed
from workflow_app.domain.workflows import DEFINITIONS
from workflow_app.domain.workflows.model import TransitionDef
from workflow_app.extensions import db
from workflow_app.models import DocumentEditor
from workflow_app.services import documents, worklist
from workflow_app.services.transitions import apply_transition


def authors(document) -> list[int]:
    return sorted(db.session.scalars(select(DocumentEditor.user_id)
                                     .where(DocumentEditor.document_id == document.id)))


def test_every_user_who_saves_a_drafts_content_is_an_author(world):
    drafter = world.users["drafter"]
    colleague = add_user("nv2", world.district, ["drafter"], "NV")
    plan = new_plan(world)
    assert authors(plan) == [drafter.id]
    documents.update(plan, colleague, {"version": plan.version, "title": "Kế hoạch đã sửa"})
    documents.update(plan, colleague, {"version": plan.version, "title": "Kế hoạch sửa lần hai"})
    documents.update(plan, drafter, {"version": plan.version, "title": "Kế hoạch sửa lần ba"})
    assert authors(plan) == sorted([drafter.id, colleague.id])


def test_a_refused_edit_makes_no_author(world):
    plan = new_plan(world)
    colleague = add_user("nv2", world.district, ["drafter"], "NV")
    with pytest.raises(ValidationFailed):
        documents.update(plan, colleague, {"version": plan.version, "title": ""})
    db.session.rollback()
    assert authors(plan) == [world.users["drafter"].id]


def test_deleting_a_draft_deletes_its_authors(world):
    plan = new_plan(world)
    documents.delete(plan, world.users["drafter"])
    assert db.session.scalars(select(DocumentEditor)).all() == []


def test_the_approver_may_always_return_what_they_may_not_approve(world):
    both = add_user("both", world.district, ["drafter", "approver"], "NV", "Phó Chủ tịch", heads_unit=True)
    plan = documents.create(both, {"kind": "plan", "title": "Kế hoạch", "body": new_plan(world).body})
    apply_transition(plan, "submit", both, generate=False)
    apply_transition(plan, "review", world.users["reviewer"], generate=False)
    assert documents.available_transitions(plan, both) == ["return"]
    with pytest.raises(Forbidden, match="Bạn đã soạn và trình văn bản này nên không thể phê duyệt"):
        apply_transition(plan, "approve", both, generate=False)
    apply_transition(plan, "return", both, comment="Tôi không tự phê duyệt.", generate=False)
    assert plan.state == "draft"


def _participants(world):
    """Users who hold several roles, each having taken part in some documents."""
    users = dict(world.users)
    users["omni"] = add_user("omni", world.district, ["drafter", "reviewer", "approver", "archivist"], "NV",
                             "Phó Chủ tịch", heads_unit=True)   # heads NV: signs and submits its Tờ trình
    users["signer"] = add_user("signer", world.district, ["approver", "archivist"], None, "Phó Chủ tịch")
    docs = _one_of_each(world)
    for state in ("submitted", "reviewed", "approved", "issued"):
        plan = new_plan(world)
        documents.update(plan, users["omni"], {"version": plan.version, "title": f"Kế hoạch {state}"})
        apply_transition(plan, "submit", users["omni"], generate=False)
        steps = [("review", "omni"), ("approve", "approver"), ("issue", "archivist")]
        for name, who in steps[:["submitted", "reviewed", "approved", "issued"].index(state)]:
            apply_transition(plan, name, users[who], generate=False)
        signed = new_plan(world)
        advance(world, signed, "reviewed")
        apply_transition(signed, "approve", users["signer"], generate=False)
        docs += [plan, signed]
    return users, docs


def assert_worklists_agree(users, docs):
    db.session.expire_all()
    for user in users.values():
        expected = {d.id for d in docs if documents.available_transitions(d, user)}
        found = documents.search(user, actionable=True, per_page=200)
        assert {d.id for d in found.items} == expected, user.username
        assert found.total == len(expected), user.username
        # the web's worklist: a step forward; "Đang theo dõi": only a step back (issue 14 §1)
        forward = {d.id for d in docs if d.id in expected and any(
            DEFINITIONS[d.kind].is_forward(DEFINITIONS[d.kind].transition_from(name, d.state))
            for name in documents.available_transitions(d, user))}
        assert sum(c.count for c in worklist.counts(user)) == len(forward), user.username
        assert worklist.following_count(user) == len(expected - forward), user.username
        for desk, ids in (("waiting", forward), ("following", expected - forward)):
            items, page = worklist.items(user, per_page=200, desk=desk)   # the page's duties found at once
            assert {i.document.id: i.transitions for i in items} == {
                d.id: documents.available_transitions(d, user) for d in docs if d.id in ids}, (user.username, desk)
            assert page.total == len(ids), (user.username, desk)
        for kind in DEFINITIONS:
            assert documents.search(user, actionable=True, kind=kind).total == len(
                [d for d in docs if d.id in expected and d.kind == kind]), (user.username, kind)


@pytest.mark.parametrize("relaxed", [False, True], ids=["rule", "combined duties allowed"])
def test_worklist_totals_and_buttons_agree(world, relaxed):
    world.district.allow_combined_duties = relaxed
    db.session.commit()
    users, docs = _participants(world)
    assert_worklists_agree(users, docs)


def test_where_excluded_steps_are_the_only_ones_the_worklist_leaves_them_out(world, monkeypatch):
    """With the definitions as they are an approver may always return, so a step that excludes
    someone never empties their worklist. Without those returns it does, and the totals, counted
    partly on the documents, stay exact."""
    plan_definition = DEFINITIONS["plan"]
    kept = tuple(t for t in plan_definition.transitions if not (t.name == "return" and t.source != "submitted"))
    # and a step in another scope from the same state, so that terms of both kinds match one document
    late_withdraw = TransitionDef("withdraw", "approved", "draft", "Rút lại", roles=(), scope="creator")
    monkeypatch.setitem(DEFINITIONS, "plan", dataclasses.replace(plan_definition,
                                                                 transitions=(*kept, late_withdraw)))
    users, docs = _participants(world)
    own = documents.create(users["omni"], {"kind": "plan", "title": "Kế hoạch của omni", "body": docs[0].body})
    apply_transition(own, "submit", users["omni"], generate=False)
    apply_transition(own, "review", world.users["reviewer"], generate=False)
    apply_transition(own, "approve", world.users["approver"], generate=False)
    docs.append(own)   # omni may issue it and (as its creator) withdraw it: counted once
    omni_reviewed = [d for d in docs if d.state == "reviewed" and users["omni"].id in authors(d)]
    assert omni_reviewed
    assert_worklists_agree(users, docs)
    omni_list = {d.id for d in documents.search(users["omni"], actionable=True, per_page=200).items}
    assert not omni_list & {d.id for d in omni_reviewed}
    signer_list = {d.id for d in documents.search(users["signer"], actionable=True, per_page=200).items}
    signed = [d for d in docs if d.state == "approved" and d.approved_by_id == users["signer"].id]
    assert signed and not signer_list & {d.id for d in signed}
