"""The round decision's workflow: made by the standing office from a round's reviewed proposals,
then approved, issued or returned like any decision.

It has no draft anyone writes: POST /api/v1/rounds/{id}/decision (services/round_decisions.py)
creates it and takes its first step, `compile`, in one transaction, which leaves it `reviewed` with
its Tờ trình, Biên bản and draft Quyết định. Returned (Trả lại) it is cancelled and its proposals
are free again for another decision of the round: what the head of the body refused is made anew
from the proposals as they then stand, not edited in place.
"""
from __future__ import annotations

from ...domain.i18n import N_
from ...domain.workflows.definitions import STATES
from ...domain.workflows.model import TransitionDef, WorkflowDefinition

DRAFT_MASTERS = ("to-trinh-khen-thuong-dot", "bien-ban-xet-khen-thuong-dot", "quyet-dinh-khen-thuong-dot")

WORKFLOW = WorkflowDefinition(
    kind="decision",
    label=N_("Quyết định khen thưởng của đợt"),
    compose_label="",                 # never composed: made from a round (services/round_decisions.py)
    type_abbr="QĐ",
    states=STATES,
    transitions=(
        TransitionDef(
            "compile", "draft", "reviewed", N_("Lập quyết định của đợt"), roles=("reviewer",), scope="issuer",
            effects=("mark_submitted",), generates=DRAFT_MASTERS,
            done_message=N_("Đã lập quyết định khen thưởng của đợt. Văn bản đang chờ lãnh đạo phê duyệt.")),
        TransitionDef(
            "approve", "reviewed", "approved", N_("Phê duyệt"), roles=("approver",), scope="issuer",
            excludes=("authors", "submitter", "reviewer"), effects=("sign", "sign_digitally"),
            generates=("quyet-dinh-khen-thuong-dot",),
            done_message=N_("Đã phê duyệt. Văn bản đang chờ văn thư cho số và ban hành.")),
        TransitionDef(
            "issue", "approved", "issued", N_("Ban hành"), roles=("archivist",), scope="issuer",
            excludes=("signer",), numbering="issued", effects=("issue_date", "number_round_gold_book"),
            generates=("quyet-dinh-khen-thuong-dot", "giay-khen", "chien-si-thi-dua-co-so", "thong-bao-ket-qua-dot"),
            done_message=N_("Đã ban hành văn bản số %(number)s.")),
        *(TransitionDef("return", source, "cancelled", N_("Trả lại"), roles=("approver",), scope="issuer",
                        comment_required=True, effects=("forget_signature", "release_proposals"),
                        done_message=N_("Đã trả lại; quyết định bị hủy, các tờ trình của đợt có thể được "
                                        "lập quyết định lại."))
          for source in ("reviewed", "approved")),
    ),
)
