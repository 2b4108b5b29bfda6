"""Kế hoạch: a plan drafted by a unit of a body, issued by that body, read by the bodies below."""
from __future__ import annotations

from ...domain.documents.data import CommendationData, PlanData
from ...domain.documents.plan_contexts import phieu_trinh_context, plan_context, to_trinh_ke_hoach_context
from ...domain.kinds import DocumentKind, MasterSpec
from ...domain.workflows.effects import Effect
from . import body, content, issue
from .workflow import WORKFLOW

KIND = DocumentKind(
    definition=WORKFLOW,
    clean_body=body.clean_body,
    guards={"sections": body.has_sections},
    effects={"open_rounds": Effect(issue.open_rounds)},
    body_schema=body.SCHEMA,
    search_text=body.search_text,
    content=content.plan_content,
    citation=content.citation,
    sample=content.SAMPLE,
    masters={
        "ke-hoach": MasterSpec(plan_context, (PlanData,)),
        "to-trinh-ke-hoach": MasterSpec(to_trinh_ke_hoach_context, (PlanData,)),
        "phieu-trinh": MasterSpec(phieu_trinh_context, (PlanData, CommendationData)),
    },
    editor_form="workflow_app.kinds.plan.editor:PlanForm",
    editor_template="kinds/plan/edit.html",
    preview_template="kinds/plan/_preview.html",
    issued_by="own",
    proposer="drafting_unit",
    addresses_bodies_below=True,
    declares_rounds=True,
)
