"""What the document pages need besides the document itself: choices, the cited plan, refusals."""
from __future__ import annotations

from ..domain.errors import Forbidden, NotFound
from ..domain.workflows import engine_for
from ..domain.workflows.authorization import refusal
from ..models import Document
from . import documents
from .document_data import plan_reference

MAX_CITABLE_PLANS = documents.MAX_PER_PAGE


def citable_plans(user) -> list[Document]:
    """Issued plans the user may see: what a commendation proposal may cite, newest first."""
    return documents.search(user, kind="plan", state="issued", per_page=MAX_CITABLE_PLANS).items


def award_list(user, document: Document | None = None) -> list[dict]:
    """The award list of the body that will decide: the document's, or for a new proposal
    the body it will be addressed to (the one above the drafter's)."""
    body = document.organization if document else documents.issuer_for("commendation", user)
    return body.awards or []


def cited_plan(document: Document, user) -> tuple[Document | None, str]:
    """The plan a proposal cites, if the user may see it, and its reference sentence."""
    plan_id = (document.body or {}).get("plan_id") if document.kind == "commendation" else None
    if not plan_id:
        return None, ""
    try:
        plan = documents.get_visible(plan_id, user)
    except NotFound:
        return None, ""
    return plan, plan_reference(plan)


def refuse_unless_open(document: Document, name: str, user) -> None:
    """Raise the refusal apply_transition would give (422 unknown step, 409 wrong state,
    403 not yours) before a form is even shown for step `name`."""
    if name in documents.available_transitions(document, user):
        return
    tdef = engine_for(document.kind).resolve(name, document.state)
    raise Forbidden(refusal(tdef, user, document) or "Bạn không có quyền thực hiện thao tác này.")
