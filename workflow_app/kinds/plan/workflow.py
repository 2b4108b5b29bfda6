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
            "submit", "draft", "submitted", N_("Trình duyệt"), roles=("drafter",), scope="owner_unit",
            requires=("title", "sections", "recipients"), effects=("mark_submitted",),
            generates=("ke-hoach", "to-trinh-ke-hoach"),
            done_message=N_("Đã trình duyệt. Văn bản đang chờ thẩm định.")),
        review=TransitionDef(
            "review", "submitted", "reviewed", N_("Thẩm định"), roles=("reviewer",), scope="issuer",
            generates=("phieu-trinh",),
            done_message=N_("Đã thẩm định. Văn bản đang chờ lãnh đạo phê duyệt.")),
        approve_generates=("ke-hoach",),
        issue_generates=("ke-hoach",),
        issue_effects=("open_rounds",),
    ),
)
