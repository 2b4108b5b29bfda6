"""A numbered Tờ trình is signed (issue 13, point 5).

A Tờ trình leaves its body only once its leader signs it: the commune's by its Chủ tịch (or a
Phó Chủ tịch, KT.), a plan's by the head of the drafting unit (Trưởng phòng Nội vụ). Signing is
the `submit` step; the Tờ trình is numbered then, and its register row names the signer.
Drafters prepare the draft; they do not submit it.
"""
from datetime import datetime, timezone

import pytest

from tests.domain.document_samples import text
from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.domain.errors import Forbidden, ValidationFailed
from workflow_app.extensions import db
from workflow_app.models import RegisterEntry
from workflow_app.services.transitions import apply_transition

AT = datetime(2023, 6, 5, 2, tzinfo=timezone.utc)
UNSIGNED = "(Chưa ký)"


def _to_trinh(document, template="to-trinh-khen-thuong"):
    return text(next(f for f in reversed(document.files) if f.template_name == template).content)


def test_the_communes_numbered_to_trinh_carries_its_chairmans_signature(world):
    proposal = new_commendation(world)
    chairman = world.users["commune_approver"]
    apply_transition(proposal, "submit", chairman, at=AT)
    paper = _to_trinh(proposal)
    assert "Số: 01/TTr-UBND" in paper
    assert UNSIGNED not in paper
    lines = paper.splitlines()
    at = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[at + 1] == "CHỦ TỊCH" and chairman.full_name in lines[at + 2:at + 12]
    assert (proposal.proposal_signer_name, proposal.proposal_signer_position,
            proposal.proposal_signer_form) == (chairman.full_name, "Chủ tịch", "")


def test_the_register_row_of_the_to_trinh_names_its_signer(world):
    proposal = new_commendation(world)
    chairman = world.users["commune_approver"]
    apply_transition(proposal, "submit", chairman, at=AT)
    entry = db.session.query(RegisterEntry).filter_by(document_id=proposal.id, purpose="proposal").one()
    assert entry.signer == f"{chairman.full_name} (Chủ tịch)"


def test_a_drafter_does_not_submit_and_is_told_who_signs(world):
    proposal = new_commendation(world)
    with pytest.raises(Forbidden) as refused:
        apply_transition(proposal, "submit", world.users["commune_drafter"], at=AT)
    assert "Chủ tịch" in str(refused.value) and "ký" in str(refused.value)
    assert proposal.state == "draft" and proposal.proposal_entry is None


def test_an_approver_of_another_body_does_not_sign_the_communes_to_trinh(world):
    proposal = new_commendation(world)
    with pytest.raises(Forbidden):
        apply_transition(proposal, "submit", world.users["approver"], at=AT)   # the district's


def test_a_deputy_chairman_signs_kt(world):
    deputy = add_user("pct.antruong", world.commune, ["approver"], None, "Phó Chủ tịch",
                      full_name="Kim Văn Sơn")
    proposal = new_commendation(world)
    with pytest.raises(ValidationFailed) as refused:   # a deputy never signs in the head's own name
        apply_transition(proposal, "submit", deputy, at=AT, signer_form="")
    assert "signer_form" in refused.value.fields
    apply_transition(proposal, "submit", deputy, at=AT, signer_form="KT")
    lines = _to_trinh(proposal).splitlines()
    at = lines.index("TM. ỦY BAN NHÂN DÂN")
    assert lines[at + 1:at + 3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "Kim Văn Sơn" in lines[at + 3:at + 12] and UNSIGNED not in lines
    entry = proposal.proposal_entry
    assert entry.signer == "Kim Văn Sơn (Phó Chủ tịch)"


def test_the_chairman_signs_in_his_own_name_only(world):
    proposal = new_commendation(world)
    with pytest.raises(ValidationFailed):
        apply_transition(proposal, "submit", world.users["commune_approver"], at=AT, signer_form="KT")


def test_the_plans_to_trinh_is_signed_by_the_head_of_the_drafting_unit(world):
    plan = new_plan(world)
    head = world.users["unit_head"]   # Trưởng phòng Nội vụ, head of NV
    with pytest.raises(Forbidden) as refused:
        apply_transition(plan, "submit", world.users["drafter"], at=AT)
    assert "Trưởng phòng" in str(refused.value)
    other = add_user("cv2", world.district, ["drafter", "reviewer"], "NV", "Chuyên viên")
    with pytest.raises(Forbidden):
        apply_transition(plan, "submit", other, at=AT)
    apply_transition(plan, "submit", head, at=AT)
    lines = _to_trinh(plan, "to-trinh-ke-hoach").splitlines()
    at = lines.index("TRƯỞNG PHÒNG")
    assert head.full_name in lines[at + 1:at + 12] and UNSIGNED not in lines
    assert plan.proposal_signer_name == head.full_name


def test_the_unit_head_signs_directly(world):
    plan = new_plan(world)
    with pytest.raises(ValidationFailed) as refused:
        apply_transition(plan, "submit", world.users["unit_head"], at=AT, signer_form="KT")
    assert "signer_form" in refused.value.fields


def test_resubmitting_signs_again_and_keeps_the_number(world):
    proposal = new_commendation(world)
    apply_transition(proposal, "submit", world.users["commune_approver"], at=AT)
    apply_transition(proposal, "withdraw", world.users["commune_drafter"], at=AT)
    deputy = add_user("pct.antruong", world.commune, ["approver"], None, "Phó Chủ tịch", full_name="Kim Văn Sơn")
    apply_transition(proposal, "submit", deputy, at=AT, signer_form="KT")
    paper = _to_trinh(proposal)
    assert "Số: 01/TTr-UBND" in paper and "Kim Văn Sơn" in paper and UNSIGNED not in paper


@pytest.mark.parametrize("kind", ["plan", "commendation"])
def test_nothing_numbered_ever_prints_unsigned(world, kind):
    """Every master rendered at every step: once its number is given, it carries a signer."""
    document = new_plan(world) if kind == "plan" else new_commendation(world)
    advance(world, document, "issued", generate=True)
    seen = 0
    for f in document.files:
        if f.template_name == "giay-khen" or not f.file_name.endswith(".docx"):
            continue
        paper = text(f.content)
        number_lines = [line for line in paper.splitlines() if line.startswith("Số:")]
        if number_lines and any(ch.isdigit() for ch in number_lines[0].split("/")[0]):
            seen += 1
            assert UNSIGNED not in paper, (f.step, f.template_name)
    assert seen >= (1 if kind == "plan" else 2)   # the issued paper; a proposal's Tờ trình too
