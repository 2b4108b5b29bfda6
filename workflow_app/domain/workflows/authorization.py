"""Who may fire a transition: roles, scope and separation of duties, as pure functions.

`actor` needs id, roles, organization_id, unit_id; `document` needs created_by_id,
organization_id, owner_organization_id, unit_id; `record` tells what the actor did earlier on
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
    raise ValueError(f"unknown scope {scope!r}")


def refusal(tdef: TransitionDef, actor, document, record: duties.Record) -> str | None:
    """Why `actor` may not fire `tdef` on `document`, or None when they may."""
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
