"""The commendation proposal's workflow: a body's Tờ trình, decided by the body above."""
from __future__ import annotations

from dataclasses import replace

from ...domain.i18n import N_
from ...domain.workflows.definitions import STATES, common_steps
from ...domain.workflows.model import TransitionDef, WorkflowDefinition

# A proposal taken into its round's one decision goes on there: on its own it is no longer approved,
# issued or returned (guard "not_in_round_decision", kinds/commendation/body.py).
_DECIDED_BY_ROUND = ("approve", "issue", "return")


def _unless_in_round_decision(steps):
    return tuple(replace(t, requires=(*t.requires, "not_in_round_decision"))
                 if t.name in _DECIDED_BY_ROUND and t.source != "submitted" else t for t in steps)


WORKFLOW = WorkflowDefinition(
    kind="commendation",
    label=N_("Đề nghị khen thưởng"),
    compose_label=N_("Soạn tờ trình đề nghị khen thưởng"),
    type_abbr="QĐ",
    states=STATES,
    transitions=_unless_in_round_decision(common_steps(
        submit=TransitionDef(
            # The commune's leader signs its Tờ trình (Chủ tịch, TM.; a Phó Chủ tịch, KT.) and sends
            # it up: the number is given then. Its drafters prepare the draft.
            "submit", "draft", "submitted", N_("Ký và trình"), roles=("approver",), scope="proposer_leader",
            requires=("title", "nominees_complete", "linked_plan", "award_prerequisites", "round_open"),
            numbering="proposal",
            effects=("mark_late", "mark_submitted", "sign_proposal"), generates=("to-trinh-khen-thuong",),
            done_message=N_("Đã ký và trình tờ trình. Văn bản đang chờ thẩm định.")),
        review=TransitionDef(
            "review", "submitted", "reviewed", N_("Thẩm định"), roles=("reviewer",), scope="issuer",
            requires=("nominees_decided", "award_prerequisites"), effects=("record_meeting", "review_decisions"),
            generates=("bien-ban-xet-khen-thuong", "quyet-dinh-khen-thuong"),
            done_message=N_("Đã thẩm định. Văn bản đang chờ lãnh đạo phê duyệt.")),
        approve_generates=("quyet-dinh-khen-thuong",),
        issue_generates=("quyet-dinh-khen-thuong", "giay-khen", "chien-si-thi-dua-co-so"),
        issue_effects=("number_gold_book",),
    )),
)
