"""What the document pages need besides the document itself: choices, cited documents, refusals."""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..domain.errors import Forbidden, NotFound
from ..domain.kinds import kind_spec
from ..domain.workflows import DEFINITIONS, engine_for
from ..domain.workflows.authorization import SIGNING_SCOPES, refusal
from ..domain.workflows.model import TransitionDef
from ..extensions import db
from ..models import Document, Unit, User, UserRole, WorkflowEvent
from . import documents, duties
from .document_data import citation_of
from .signatures import SIGNED_TEMPLATE_SUFFIX

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


def _sent_back_with_reason(kind: str, event: WorkflowEvent) -> bool:
    """A step back to the draft that needs a reason: Trả lại (not Rút lại, the drafter's own)."""
    definition = DEFINITIONS[kind]
    tdef = definition.transition_from(event.transition, event.from_state)
    return tdef is not None and definition.is_step_back(tdef) and tdef.comment_required


def returns_of(docs) -> dict[int, WorkflowEvent]:
    """document id -> the step that returned it, for those of `docs` that are drafts because
    they were returned (their last step is the return: its comment says why), in one query."""
    drafts = {d.id: d.kind for d in docs if d.state == DEFINITIONS[d.kind].initial}
    if not drafts:
        return {}
    last = (select(func.max(WorkflowEvent.id)).where(WorkflowEvent.document_id.in_(drafts))
            .group_by(WorkflowEvent.document_id))
    events = db.session.scalars(select(WorkflowEvent).where(WorkflowEvent.id.in_(last))
                                .options(joinedload(WorkflowEvent.actor).lazyload(User.role_rows)))
    return {e.document_id: e for e in events if _sent_back_with_reason(drafts[e.document_id], e)}


def return_of(document: Document) -> WorkflowEvent | None:
    """The step that returned the draft `document`, while it is one returned; else None."""
    return returns_of([document]).get(document.id)


def newest_files(files) -> set[int]:
    """Ids of the newest file of each name: after a return and a new submission the document
    has several ke-hoach.docx, and the latest is the one that counts."""
    newest = {}
    for f in files:
        if f.file_name not in newest or f.id > newest[f.file_name]:
            newest[f.file_name] = f.id
    return set(newest.values())


class NextStep(NamedTuple):
    step: TransitionDef
    units: list[str]    # where those who may take it work: their units (may be none) ...
    body: str           # ... of this body
    signers: list[str] | None = None   # a step that signs the proposer's Tờ trình: who signs it, by name


def _signers(step: TransitionDef, document: Document) -> list[str]:
    """Who may sign the proposer's Tờ trình at `step`: "Thạch Sa Rươl (Chủ tịch)"."""
    query = select(User).where(User.organization_id == document.proposer_id, User.active)
    if step.scope == "unit_head" and document.unit_id is not None:
        query = query.where(User.heads_unit, User.unit_id == document.unit_id)
    else:
        query = query.join(UserRole, UserRole.user_id == User.id).where(UserRole.role == "approver")
    return [f"{u.full_name} ({u.position})" if u.position else u.full_name
            for u in db.session.scalars(query.order_by(User.id))]


def _units_of(organization_id: int, roles: tuple[str, ...]) -> list[str]:
    """The units of the body's active users who hold one of `roles` ("Phòng Nội vụ")."""
    if not roles:
        return []
    return list(db.session.scalars(
        select(Unit.name).join(User, User.unit_id == Unit.id).join(UserRole, UserRole.user_id == User.id)
        .where(User.organization_id == organization_id, User.active, UserRole.role.in_(roles))
        .distinct().order_by(Unit.name)))


def next_steps(document: Document) -> list[NextStep]:
    """The steps forward from the document's state (a step back, Rút lại or Trả lại, or Hủy is
    not the next one), each with where the people who may take it work: the document's unit for its
    drafters, the units of the role's holders in the issuing body, then the body itself."""
    definition = DEFINITIONS[document.kind]
    found = []
    for t in definition.forward_from(document.state):
        if t.scope in SIGNING_SCOPES:
            units = [document.unit.name] if t.scope == "unit_head" and document.unit is not None else []
            found.append(NextStep(t, units, document.proposer.name, _signers(t, document)))
            continue
        if t.scope == "issuer":
            body, units = document.issuer, _units_of(document.issuer_id, t.roles)
        elif t.scope == "owner_unit" and document.unit is not None:
            body, units = document.proposer, [document.unit.name]
        else:
            body, units = document.proposer, _units_of(document.proposer_id, t.roles)
        found.append(NextStep(t, units, body.name))
    return found


def signed_templates(kind: str) -> set[str]:
    """The templates of what the leader signs (the steps with the "sign" effect): the QĐ with its
    Danh sách of a proposal, the Kế hoạch of a plan."""
    return {name for t in DEFINITIONS[kind].transitions if "sign" in t.effects for name in t.generates}


def decided_files(document: Document, history) -> list:
    """The files the people on the document's pages decide on, of `history` (the ShownSteps the
    user may see, documents.shown_to): the newest files of what the leader signs, made since the
    document last left the draft (what review, approve and issue act on: a plan's Kế hoạch, a
    proposal's draft QĐ once reviewed, the issued one); before there is one, the files of the
    latest step that made any (the Tờ trình the reviewer of a proposal reads).

    Where the body signs digitally (issue 16) the step's signed PDF stands for the .docx it was
    made of: the approver's signed PDF once approved (what the archivist numbers and seals), the
    sealed PDF once issued (the electronic original)."""
    signed, initial = signed_templates(document.kind), DEFINITIONS[document.kind].initial
    fallback: list = []
    for step in reversed(history):
        if step.event.to_state == initial:
            break
        if not step.files:
            continue
        mine = _signed_in_place(step.files, signed)
        if mine:
            return mine
        fallback = fallback or list(step.files)
    return fallback


def _signed_in_place(files, signed: set[str]) -> list:
    """The files of what the leader signs, each replaced by its signed PDF when the step made one."""
    pdfs = {f.template_name.removesuffix(SIGNED_TEMPLATE_SUFFIX): f for f in files
            if (f.template_name or "").endswith(SIGNED_TEMPLATE_SUFFIX)}
    return [pdfs.get(f.template_name, f) for f in files if f.template_name in signed]
