"""The two workflows of DESIGN.md §3, as data. Change the process here, not in code."""
from __future__ import annotations

from .model import StateDef, TransitionDef, WorkflowDefinition

STATES = (
    StateDef("draft", "Dự thảo"),
    StateDef("submitted", "Đã trình"),
    StateDef("reviewed", "Đã thẩm định"),
    StateDef("approved", "Đã phê duyệt"),
    StateDef("issued", "Đã ban hành"),
)


def _common(submit: TransitionDef, review: TransitionDef, approve_generates: tuple[str, ...],
            issue_generates: tuple[str, ...]) -> tuple[TransitionDef, ...]:
    """The steps both kinds share; only what they check and generate differs."""
    return (
        submit,
        TransitionDef("withdraw", "submitted", "draft", "Rút lại", roles=(), scope="creator"),
        review,
        TransitionDef("approve", "reviewed", "approved", "Phê duyệt", roles=("approver",),
                      scope="issuer", not_creator=True, generates=approve_generates),
        TransitionDef("issue", "approved", "issued", "Ban hành", roles=("archivist",),
                      scope="issuer", numbering="issued", generates=issue_generates),
        TransitionDef("return", "submitted", "draft", "Trả lại", roles=("reviewer",),
                      scope="issuer", comment_required=True),
        TransitionDef("return", "reviewed", "draft", "Trả lại", roles=("approver",),
                      scope="issuer", comment_required=True),
        TransitionDef("return", "approved", "draft", "Trả lại", roles=("approver",),
                      scope="issuer", comment_required=True),
    )


PLAN = WorkflowDefinition(
    kind="plan",
    label="Kế hoạch",
    type_abbr="KH",
    states=STATES,
    transitions=_common(
        submit=TransitionDef(
            "submit", "draft", "submitted", "Trình duyệt", roles=("drafter",), scope="owner_unit",
            requires=("title", "sections", "recipients"),
            generates=("ke-hoach", "to-trinh-ke-hoach")),
        review=TransitionDef(
            "review", "submitted", "reviewed", "Thẩm định", roles=("reviewer",), scope="issuer",
            generates=("phieu-trinh",)),
        approve_generates=("ke-hoach",),
        issue_generates=("ke-hoach",),
    ),
)

COMMENDATION = WorkflowDefinition(
    kind="commendation",
    label="Đề nghị khen thưởng",
    type_abbr="QĐ",
    states=STATES,
    transitions=_common(
        submit=TransitionDef(
            "submit", "draft", "submitted", "Trình duyệt", roles=("drafter",), scope="owner_unit",
            requires=("title", "nominees_complete", "linked_plan"), numbering="proposal",
            generates=("to-trinh-khen-thuong",)),
        review=TransitionDef(
            "review", "submitted", "reviewed", "Thẩm định", roles=("reviewer",), scope="issuer",
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
    "drafter": "Chuyên viên soạn thảo",
    "reviewer": "Thẩm định",
    "approver": "Lãnh đạo phê duyệt",
    "archivist": "Văn thư",
    "admin": "Quản trị",
}
