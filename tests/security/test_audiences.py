"""What each audience of a document sees (issue #12, point 9).

- The issuing body sees everything: every step, comment, actor and file.
- The proposing body (a commune, for its proposal) sees its own steps and what concerns it:
  submit, withdraw, the return with its reason, the issue; its own Tờ trình and the issued papers.
  Not the issuer's internal papers (Biên bản, Phiếu trình, the approved draft) or opinions.
- Bodies below that an issued plan addresses see the issued text only: no history of how the
  issuer made it, no intermediate draft, no Phiếu trình.
- A body's outgoing register: its văn thư and admins read every row; anyone else the rows of
  the documents they may open.
"""
from __future__ import annotations

from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.services.transitions import apply_transition


def _issued_plan(world):
    plan = new_plan(world)
    advance(world, plan, "issued", generate=True)
    return plan


def _issued_proposal(world, plan):
    proposal = new_commendation(world, plan)
    apply_transition(proposal, "submit", world.users["commune_approver"])
    apply_transition(proposal, "return", world.users["reviewer"], comment="Bổ sung thành tích của tập thể.")
    for name, role in (("submit", "proposal_signer"), ("review", "reviewer"), ("approve", "approver"),
                       ("issue", "archivist")):
        apply_transition(proposal, name, world.actor_for("commendation", role))
    return proposal


def test_the_issuer_sees_every_step_and_file(world, caller):
    plan = _issued_plan(world)
    seen = caller("archivist").get(f"/api/v1/documents/{plan.id}").json
    assert [h["transition"] for h in seen["history"]] == ["submit", "review", "approve", "issue"]
    assert {f["step"] for f in seen["files"]} == {"submitted", "reviewed", "approved", "issued"}


def test_a_body_below_sees_only_the_issued_plan(world, caller, as_user):
    plan = _issued_plan(world)
    commune = caller("commune_drafter")
    seen = commune.get(f"/api/v1/documents/{plan.id}").json
    assert [(h["transition"], h["comment"]) for h in seen["history"]] == [("issue", "")]
    assert [f["step"] for f in seen["files"]] == ["issued"]
    assert seen["history"][0]["file_ids"] == [f["id"] for f in seen["files"]]
    internal = [f for f in plan.files if f.step != "issued"]
    assert internal
    for f in internal:
        assert commune.get(f"/api/v1/files/{f.id}").status_code == 404
        assert as_user("drafter.antruong").get(f"/files/{f.id}").status_code == 404
    page = as_user("drafter.antruong").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "phieu-trinh.docx" not in page and "to-trinh-ke-hoach.docx" not in page


def test_the_proposing_body_sees_its_steps_the_return_reason_and_the_issued_papers(world, caller):
    proposal = _issued_proposal(world, _issued_plan(world))
    seen = caller("commune_drafter").get(f"/api/v1/documents/{proposal.id}").json
    assert [h["transition"] for h in seen["history"]] == ["submit", "return", "submit", "issue"]
    assert seen["history"][1]["comment"] == "Bổ sung thành tích của tập thể."
    assert {f["step"] for f in seen["files"]} == {"submitted", "issued"}
    for f in proposal.files:
        status = caller("commune_drafter").get(f"/api/v1/files/{f.id}").status_code
        assert status == (200 if f.step in ("submitted", "issued") else 404), f.template_name
    district = caller("reviewer").get(f"/api/v1/documents/{proposal.id}").json
    assert [h["transition"] for h in district["history"]] == ["submit", "return", "submit", "review",
                                                              "approve", "issue"]


def test_the_register_shows_a_row_to_who_may_open_its_document_and_to_the_body_s_clerk(world, caller):
    proposal = new_commendation(world)
    apply_transition(proposal, "submit", world.users["commune_approver"])
    year = proposal.proposal_entry.year
    colleague = add_user("chuyenvien.antruong", world.commune, ["drafter"], None)
    clerk = add_user("vanthu.antruong", world.commune, ["archivist"], "VP", "Văn thư")
    assert caller(colleague).get(f"/api/v1/register?year={year}").json["items"] == []
    rows = caller(clerk).get(f"/api/v1/register?year={year}").json["items"]
    assert [r["document_id"] for r in rows] == [proposal.id]
    creator_rows = caller("commune_drafter").get(f"/api/v1/register?year={year}").json["items"]
    assert [r["document_id"] for r in creator_rows] == [proposal.id]
