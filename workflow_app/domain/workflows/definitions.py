"""What the workflows of DESIGN.md §3 share, as data: the states, the common steps, the roles.

Each kind's own workflow is in its package (workflow_app/kinds/<kind>/workflow.py).

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
    StateDef("cancelled", N_("Đã hủy"), stopped=True),
)


def common_steps(submit: TransitionDef, review: TransitionDef, approve_generates: tuple[str, ...],
                 issue_generates: tuple[str, ...], issue_effects: tuple[str, ...] = ()) -> tuple[TransitionDef, ...]:
    """The steps the built-in kinds share; only what they check and generate differs."""
    return (
        submit,
        TransitionDef("withdraw", "submitted", "draft", N_("Rút lại"), roles=(), scope="creator",
                      done_message=N_("Đã rút lại; văn bản trở về dự thảo.")),
        # A draft once submitted is no longer deleted (its Tờ trình number is taken): its
        # creator cancels it instead; the number stays in the register, marked unused.
        TransitionDef("cancel", "draft", "cancelled", N_("Hủy"), roles=(), scope="creator",
                      requires=("ever_submitted",), effects=("void_numbers",),
                      done_message=N_("Đã hủy văn bản; số đã cấp được ghi là không sử dụng.")),
        review,
        TransitionDef("approve", "reviewed", "approved", N_("Phê duyệt"), roles=("approver",),
                      scope="issuer", excludes=("authors", "submitter", "reviewer"), effects=("sign", "sign_digitally"),
                      generates=approve_generates,
                      done_message=N_("Đã phê duyệt. Văn bản đang chờ văn thư cho số và ban hành.")),
        TransitionDef("issue", "approved", "issued", N_("Ban hành"), roles=("archivist",),
                      scope="issuer", excludes=("signer",), numbering="issued", effects=("issue_date", *issue_effects),
                      generates=issue_generates,
                      done_message=N_("Đã ban hành văn bản số %(number)s.")),
        *(TransitionDef("return", source, "draft", N_("Trả lại"), roles=(role,), scope="issuer",
                        comment_required=True, effects=("forget_signature",),
                        done_message=N_("Đã trả lại văn bản cho người soạn thảo."))
          for source, role in (("submitted", "reviewer"), ("reviewed", "approver"), ("approved", "approver"))),
    )


# The proposing body's Tờ trình is numbered in its own TTr series.
PROPOSAL_TYPE_ABBR = "TTr"

# Every registered kind's workflow, kept by domain/kinds.py (register / unregister).
DEFINITIONS: dict[str, WorkflowDefinition] = {}
ROLES = ("drafter", "reviewer", "approver", "archivist", "admin")
ROLE_LABELS = {
    "drafter": N_("Chuyên viên soạn thảo"),
    "reviewer": N_("Thẩm định"),
    "approver": N_("Lãnh đạo phê duyệt"),
    "archivist": N_("Văn thư"),
    "admin": N_("Quản trị"),
}
