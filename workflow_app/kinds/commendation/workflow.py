"""The commendation proposal's workflow: a body's Tờ trình, decided by the body above."""
from __future__ import annotations

from ...domain.i18n import N_
from ...domain.workflows.definitions import STATES, common_steps
from ...domain.workflows.model import TransitionDef, WorkflowDefinition

WORKFLOW = WorkflowDefinition(
    kind="commendation",
    label=N_("Đề nghị khen thưởng"),
    compose_label=N_("Soạn tờ trình đề nghị khen thưởng"),
    type_abbr="QĐ",
    states=STATES,
    transitions=common_steps(
        submit=TransitionDef(
            "submit", "draft", "submitted", N_("Trình duyệt"), roles=("drafter",), scope="owner_unit",
            requires=("title", "nominees_complete", "linked_plan"), numbering="proposal",
            effects=("mark_late", "mark_submitted"), generates=("to-trinh-khen-thuong",),
            done_message=N_("Đã trình duyệt. Văn bản đang chờ thẩm định.")),
        review=TransitionDef(
            "review", "submitted", "reviewed", N_("Thẩm định"), roles=("reviewer",), scope="issuer",
            requires=("nominees_decided",), effects=("review_decisions",),
            generates=("bien-ban-xet-khen-thuong", "quyet-dinh-khen-thuong"),
            done_message=N_("Đã thẩm định. Văn bản đang chờ lãnh đạo phê duyệt.")),
        approve_generates=("quyet-dinh-khen-thuong",),
        issue_generates=("quyet-dinh-khen-thuong", "giay-khen", "chien-si-thi-dua-co-so"),
        issue_effects=("number_gold_book",),
    ),
)
