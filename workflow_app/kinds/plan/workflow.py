"""The plan's workflow (DESIGN.md §3): drafted by a unit, issued by its own body."""
from __future__ import annotations

from ...domain.i18n import N_
from ...domain.workflows.definitions import STATES, common_steps
from ...domain.workflows.model import TransitionDef, WorkflowDefinition

WORKFLOW = WorkflowDefinition(
    kind="plan",
    label=N_("Kế hoạch"),
    compose_label=N_("Soạn kế hoạch"),
    type_abbr="KH",
    states=STATES,
    transitions=common_steps(
        submit=TransitionDef(
            # The head of the drafting unit (Trưởng phòng) signs its Tờ trình and sends the draft
            # plan to the body; the unit's drafters prepare it.
            "submit", "draft", "submitted", N_("Ký và trình"), roles=(), scope="unit_head",
            requires=("title", "sections", "recipients"), effects=("mark_submitted", "sign_unit_proposal"),
            generates=("ke-hoach", "to-trinh-ke-hoach"),
            done_message=N_("Đã ký và trình tờ trình. Văn bản đang chờ thẩm định.")),
        review=TransitionDef(
            "review", "submitted", "reviewed", N_("Thẩm định"), roles=("reviewer",), scope="issuer",
            generates=("phieu-trinh",),
            done_message=N_("Đã thẩm định. Văn bản đang chờ lãnh đạo phê duyệt.")),
        approve_generates=("ke-hoach",),
        issue_generates=("ke-hoach",),
        issue_effects=("open_rounds",),
    ),
)
