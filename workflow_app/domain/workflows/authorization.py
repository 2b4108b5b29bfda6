"""Who may fire a transition: roles, scope and separation of duties, as pure functions.

`actor` needs id, roles, organization_id, unit_id, heads_unit; `document` needs created_by_id,
issuer_id, proposer_id, unit_id (and for the refusals of a signing step, proposer and unit with
their names and titles); `record` tells what the actor did earlier on
the document (duties.Record: services/duties.py). services/scope.py expresses the same rules
in SQL; tests check the two agree.
"""
from __future__ import annotations

from . import duties
from .model import TransitionDef


def in_scope(scope: str, actor, document) -> bool:
    if scope == "creator":
        return actor.id == document.created_by_id
    if scope == "owner_unit":  # drafters of the body (and unit) that writes the document
        return (actor.organization_id == document.proposer_id
                and (document.unit_id is None or actor.unit_id == document.unit_id))
    if scope == "issuer":      # reviewers, approvers and archivists of the body it is addressed to
        return actor.organization_id == document.issuer_id
    if scope == "proposer_leader":   # the proposing body's leaders: they sign its Tờ trình
        return actor.organization_id == document.proposer_id
    if scope == "unit_head":   # the head of the drafting unit signs its Tờ trình; of no unit: the body's leaders
        if actor.organization_id != document.proposer_id:
            return False
        if document.unit_id is None:
            return "approver" in actor.roles
        return bool(actor.heads_unit) and actor.unit_id == document.unit_id
    raise ValueError(f"unknown scope {scope!r}")


# The steps that sign the proposer's Tờ trình: who may take them is who signs it.
SIGNING_SCOPES = ("proposer_leader", "unit_head")
UNIT_HEAD_TITLE = "Trưởng phòng"   # as the unit's Tờ trình prints it (services/document_data.unit_agency)


def who_signs(scope: str, document) -> str:
    """Who signs the proposer's Tờ trình, in words: what a refused drafter is told."""
    unit = document.unit if scope == "unit_head" else None
    if unit is not None:
        return (f"Tờ trình của {unit.name} do người đứng đầu đơn vị ({UNIT_HEAD_TITLE}) ký và trình; "
                f"chuyên viên chuẩn bị dự thảo để lãnh đạo đơn vị ký.")
    body = document.proposer
    return (f"Tờ trình của {body.name} do {body.head_title} (hoặc {body.deputy_title} ký thay) ký và trình; "
            f"chuyên viên chuẩn bị dự thảo để lãnh đạo ký.")


def refusal(tdef: TransitionDef, actor, document, record: duties.Record) -> str | None:
    """Why `actor` may not fire `tdef` on `document`, or None when they may."""
    if tdef.scope in SIGNING_SCOPES and not (
            (not tdef.roles or set(tdef.roles) & set(actor.roles)) and in_scope(tdef.scope, actor, document)):
        return who_signs(tdef.scope, document)
    if tdef.roles and not (set(tdef.roles) & set(actor.roles)):
        return f"Bạn không có quyền “{tdef.label}” văn bản này."
    if not in_scope(tdef.scope, actor, document):
        if tdef.scope == "creator":
            return f"Chỉ người tạo văn bản mới được “{tdef.label}”."
        return f"Văn bản này không thuộc phạm vi “{tdef.label}” của bạn."
    if tdef.excludes and not record.relaxed and (held := duties.clash(tdef, record)):
        return duties.refusal(tdef, held)
    return None


def combined(tdef: TransitionDef, record: duties.Record) -> tuple[str, ...]:
    """The excluded duties an allowed actor combines with `tdef` (only where their body relaxes
    separation of duties): what the step's history row records."""
    return duties.clash(tdef, record) if tdef.excludes and record.relaxed else ()


def may_fire(tdef: TransitionDef, actor, document, record: duties.Record) -> bool:
    return refusal(tdef, actor, document, record) is None
