"""Quyết định khen thưởng của đợt: ONE decision for a round of an issued plan, made by the issuing
body's standing office from the round's reviewed proposals (their accepted nominees, copied), then
approved and issued like the decision of a single proposal (issue 15, point 5).

The one-proposal path stays: a proposal (đột xuất) is still issued as its own decision.
"""
from __future__ import annotations

from ...domain.documents.data import CommendationData, RoundDecisionData
from ...domain.documents.round_decision_contexts import (
    bien_ban_dot_context,
    quyet_dinh_dot_context,
    round_decision_subject,
    thong_bao_ket_qua_context,
    thong_bao_register_entry,
    to_trinh_dot_context,
)
from ...domain.kinds import DocumentKind, MasterSpec
from ...domain.workflows.effects import Effect
from .. import commendation
from . import body, content
from .workflow import WORKFLOW

# made from a round's data; a single proposal's too, as a round it alone answered (the masters are
# checked with every sample: round_decision_contexts.as_round)
_CONTENT = (RoundDecisionData, CommendationData)
_CERTIFICATES = ("giay-khen", "chien-si-thi-dua-co-so")   # the proposal's own masters, shared

KIND = DocumentKind(
    definition=WORKFLOW,
    clean_body=body.clean_body,
    effects={"number_round_gold_book": Effect(content.number_round_gold_book),
             "release_proposals": Effect(content.release_proposals)},
    body_schema=body.SCHEMA,
    search_text=body.search_text,
    content=content.round_decision_content,
    sample=content.SAMPLE,
    masters={
        "to-trinh-khen-thuong-dot": MasterSpec(to_trinh_dot_context, _CONTENT),
        "bien-ban-xet-khen-thuong-dot": MasterSpec(bien_ban_dot_context, _CONTENT),
        "quyet-dinh-khen-thuong-dot": MasterSpec(quyet_dinh_dot_context, _CONTENT),
        "thong-bao-ket-qua-dot": MasterSpec(thong_bao_ket_qua_context, _CONTENT, per_part=True,
                                            own_number="TB", own_entry=thong_bao_register_entry),
        **{name: commendation.KIND.masters[name] for name in _CERTIFICATES},
    },
    editor_form="workflow_app.kinds.decision.editor:RoundDecisionForm",
    editor_template="kinds/decision/edit.html",
    preview_template="kinds/decision/_preview.html",
    has_nominees=True,
    issued_title=round_decision_subject,
    issued_by="own",
    proposer="drafting_unit",
    cites={"plan_id": "plan"},
    decides_rounds=True,
    file_parts=content.certificate_parts,
    composed=False,
)
