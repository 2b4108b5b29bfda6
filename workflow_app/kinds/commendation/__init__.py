"""Đề nghị khen thưởng: a body's proposal (Tờ trình and nominees) that the body above decides."""
from __future__ import annotations

from ...domain.documents.certificate_contexts import (
    chien_si_thi_dua_co_so_context,
    giay_khen_context,
    giay_khen_in_phoi_context,
)
from ...domain.documents.commendation_contexts import (
    bien_ban_context,
    decision_subject,
    quyet_dinh_context,
    to_trinh_khen_thuong_context,
)
from ...domain.documents.data import CommendationData
from ...domain.kinds import DocumentKind, MasterSpec
from ...domain.workflows.effects import Effect
from . import body, content
from .workflow import WORKFLOW

KIND = DocumentKind(
    definition=WORKFLOW,
    clean_body=body.clean_body,
    guards={"linked_plan": body.cites_a_plan, "award_prerequisites": body.award_prerequisites,
            "not_in_round_decision": body.not_in_round_decision, "round_open": body.round_open},
    effects={"number_gold_book": Effect(content.number_gold_book), "mark_late": Effect(content.mark_late)},
    body_schema=body.SCHEMA,
    search_text=body.search_text,
    content=content.commendation_content,
    sample=content.SAMPLE,
    masters={
        "to-trinh-khen-thuong": MasterSpec(to_trinh_khen_thuong_context, (CommendationData,)),
        "bien-ban-xet-khen-thuong": MasterSpec(bien_ban_context, (CommendationData,)),
        "quyet-dinh-khen-thuong": MasterSpec(quyet_dinh_context, (CommendationData,)),
        "giay-khen": MasterSpec(giay_khen_context, (CommendationData,), certificate=True),
        "giay-khen-in-phoi": MasterSpec(giay_khen_in_phoi_context, (CommendationData,), certificate=True),
        "chien-si-thi-dua-co-so": MasterSpec(chien_si_thi_dua_co_so_context, (CommendationData,),
                                             certificate=True),
    },
    editor_form="workflow_app.kinds.commendation.editor:CommendationForm",
    editor_template="kinds/commendation/edit.html",
    preview_template="kinds/commendation/_preview.html",
    has_nominees=True,
    issued_title=decision_subject,
    issued_by="parent",
    proposer="proposing_body",
    cites={"plan_id": "plan"},
    answers_rounds=True,
    comment_required_when={"review": body.late_review_reason},
)
