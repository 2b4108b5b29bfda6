"""The two workflows of DESIGN.md §3, as data. Change the process here, not in code.

The labels of kinds, states, steps and roles live here only (marked N_ for the translators);
the web, the diagram and the API read them from here.
"""
from __future__ import annotations

from ..i18n import N_
from .model import StateDef, TransitionDef, WorkflowDefinition

STATES = (
    StateDef("draft", N_("Dự thảo")),
    StateDef("submitted", N_("Đã trình")),
    StateDef("reviewed", N_("Đã thẩm định")),
    StateDef("approved", N_("Đã phê duyệt")),
    StateDef("issued", N_("Đã ban hành")),
)


def _common(submit: TransitionDef, review: TransitionDef, approve_generates: tuple[str, ...],
            issue_generates: tuple[str, ...]) -> tuple[TransitionDef, ...]:
    """The steps both kinds share; only what they check and generate differs."""
    return (
        submit,
        TransitionDef("withdraw", "submitted", "draft", N_("Rút lại"), roles=(), scope="creator"),
        review,
        TransitionDef("approve", "reviewed", "approved", N_("Phê duyệt"), roles=("approver",),
                      scope="issuer", not_creator=True, generates=approve_generates),
        TransitionDef("issue", "approved", "issued", N_("Ban hành"), roles=("archivist",),
                      scope="issuer", numbering="issued", generates=issue_generates),
        TransitionDef("return", "submitted", "draft", N_("Trả lại"), roles=("reviewer",),
                      scope="issuer", comment_required=True),
        TransitionDef("return", "reviewed", "draft", N_("Trả lại"), roles=("approver",),
                      scope="issuer", comment_required=True),
        TransitionDef("return", "approved", "draft", N_("Trả lại"), roles=("approver",),
                      scope="issuer", comment_required=True),
    )


PLAN = WorkflowDefinition(
    kind="plan",
    label=N_("Kế hoạch"),
    compose_label=N_("Soạn kế hoạch"),
    type_abbr="KH",
    states=STATES,
    transitions=_common(
        submit=TransitionDef(
            "submit", "draft", "submitted", N_("Trình duyệt"), roles=("drafter",), scope="owner_unit",
            requires=("title", "sections", "recipients"),
            generates=("ke-hoach", "to-trinh-ke-hoach")),
        review=TransitionDef(
            "review", "submitted", "reviewed", N_("Thẩm định"), roles=("reviewer",), scope="issuer",
            generates=("phieu-trinh",)),
        approve_generates=("ke-hoach",),
        issue_generates=("ke-hoach",),
    ),
)

COMMENDATION = WorkflowDefinition(
    kind="commendation",
    label=N_("Đề nghị khen thưởng"),
    compose_label=N_("Soạn tờ trình đề nghị khen thưởng"),
    type_abbr="QĐ",
    states=STATES,
    transitions=_common(
        submit=TransitionDef(
            "submit", "draft", "submitted", N_("Trình duyệt"), roles=("drafter",), scope="owner_unit",
            requires=("title", "nominees_complete", "linked_plan"), numbering="proposal",
            generates=("to-trinh-khen-thuong",)),
        review=TransitionDef(
            "review", "submitted", "reviewed", N_("Thẩm định"), roles=("reviewer",), scope="issuer",
            requires=("nominees_decided",),
            generates=("bien-ban-xet-khen-thuong", "quyet-dinh-khen-thuong")),
        approve_generates=("quyet-dinh-khen-thuong",),
        issue_generates=("quyet-dinh-khen-thuong", "giay-khen"),
    ),
)

# The proposing body's Tờ trình is numbered in its own TTr series.
PROPOSAL_TYPE_ABBR = "TTr"

DEFINITIONS: dict[str, WorkflowDefinition] = {d.kind: d for d in (PLAN, COMMENDATION)}
ROLES = ("drafter", "reviewer", "approver", "archivist", "admin")
ROLE_LABELS = {
    "drafter": N_("Chuyên viên soạn thảo"),
    "reviewer": N_("Thẩm định"),
    "approver": N_("Lãnh đạo phê duyệt"),
    "archivist": N_("Văn thư"),
    "admin": N_("Quản trị"),
}
