"""The UI speaks the civil servants' words, not IT's (issue 14 §9)."""
from __future__ import annotations

import re

from tests.factories import advance, new_plan
from workflow_app.domain.workflows import DEFINITIONS
from workflow_app.services.transitions import apply_transition


def _text(html: str) -> str:
    """The words a reader sees: tags out, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_next_step_says_who_takes_it_and_where(world, as_user):
    plan = new_plan(world)
    drafter = as_user("drafter")
    advance(world, plan, "submitted")
    text = _text(drafter.get(f"/documents/{plan.id}").get_data(as_text=True))
    assert "Thẩm định (Thẩm định)" not in text
    assert ("Bước tiếp theo: Thẩm định — do người có vai trò Thẩm định ở Phòng Nội vụ, "
            "Ủy ban nhân dân huyện Càng Long") in text
    apply_transition(plan, "review", world.users["reviewer"], generate=False)
    text = _text(drafter.get(f"/documents/{plan.id}").get_data(as_text=True))
    # the approvers have no unit: the body alone says where they sit
    assert ("Bước tiếp theo: Phê duyệt — do người có vai trò Lãnh đạo phê duyệt ở "
            "Ủy ban nhân dân huyện Càng Long") in text


def test_next_step_of_a_draft_names_its_unit(world, as_user):
    plan = new_plan(world)
    text = _text(as_user("reviewer").get(f"/documents/{plan.id}").get_data(as_text=True))
    assert ("Bước tiếp theo: Ký và trình — do Lê Văn Trưởng (Trưởng phòng Nội vụ) ký, ở Phòng Nội vụ, "
            "Ủy ban nhân dân huyện Càng Long") in text


def test_diagram_page_speaks_plainly_and_keeps_mermaid_for_it_staff(world, as_user):
    drafter = as_user("drafter")
    for kind in DEFINITIONS:
        html = drafter.get(f"/workflows/{kind}").get_data(as_text=True)
        assert "bốn mắt" not in html
        if any(t.excludes for t in DEFINITIONS[kind].transitions):
            assert "(tách bạch nhiệm vụ)" in html
        summary = re.search(r"<summary[^>]*>(.*?)</summary>\s*<pre[^>]*wf-mermaid", html, re.S)
        assert summary and "cán bộ công nghệ thông tin" in summary.group(1)
        assert "Mô tả dạng Mermaid" not in html


def test_file_list_calls_the_hash_a_check_code(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "submitted", generate=True)
    html = as_user("drafter").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "SHA-256" not in _text(html) and "Mã kiểm tra tệp" in html
