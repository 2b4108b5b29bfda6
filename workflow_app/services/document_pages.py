"""What the document pages need besides the document itself: choices, cited documents, refusals."""
from __future__ import annotations

from typing import NamedTuple

from ..domain.errors import Forbidden, NotFound
from ..domain.kinds import kind_spec
from ..domain.workflows import engine_for
from ..domain.workflows.authorization import refusal
from ..models import Document
from . import documents, duties
from .document_data import citation_of

MAX_CITABLE = documents.MAX_PER_PAGE


class Cited(NamedTuple):
    document: Document | None   # None: named, but not one the user may see
    citation: str


def citable(user, kind: str) -> list[Document]:
    """Issued documents of `kind` the user may see: what a document may cite, newest first."""
    return documents.search(user, kind=kind, state="issued", per_page=MAX_CITABLE).items


def award_list(user, kind: str, document: Document | None = None) -> list[dict]:
    """The award list of the body that will decide: the document's, or for a new one of `kind`
    the body it will be addressed to (for a proposal, the one above the drafter's)."""
    body = document.issuer if document else documents.issuer_for(kind, user)
    return body.awards or []


def citations(document: Document, user) -> dict[str, Cited]:
    """body field -> the document it cites (DocumentKind.cites), if the user may see it, with
    its citation sentence; a field that names nothing is left out."""
    found = {}
    for field in kind_spec(document.kind).cites:
        cited_id = (document.body or {}).get(field)
        if not cited_id:
            continue
        try:
            cited = documents.get_visible(cited_id, user)
        except NotFound:
            found[field] = Cited(None, "")
            continue
        found[field] = Cited(cited, citation_of(cited))
    return found


def refuse_unless_open(document: Document, name: str, user) -> None:
    """Raise the refusal apply_transition would give (422 unknown step, 409 wrong state,
    403 not yours) before a form is even shown for step `name`."""
    if name in documents.available_transitions(document, user):
        return
    tdef = engine_for(document.kind).resolve(name, document.state)
    raise Forbidden(refusal(tdef, user, document, duties.record(document, user))
                    or "Bạn không có quyền thực hiện thao tác này.")
