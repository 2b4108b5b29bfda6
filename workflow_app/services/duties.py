"""What a user did earlier on a document, for separation of duties (domain/workflows/duties.py).

The authors are kept in document_editors (written here, on every saved creation or edit); the
submitters and reviewers are in the history; the signer is documents.approved_by_id.
services/scope.py asks the same questions in SQL for the worklist.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from sqlalchemy import literal_column, select, union_all
from sqlalchemy.orm.attributes import NO_VALUE, instance_state

from ..domain.workflows.duties import AUTHORS, SIGNER, STEP_OF
from ..extensions import db
from ..models import Document, DocumentEditor, WorkflowEvent


def note_author(document: Document, user) -> None:
    """Count `user` among the authors of `document`, in the caller's transaction (before its commit)."""
    if document.id is None:   # a new document: inserted with it
        db.session.add(DocumentEditor(document=document, user_id=user.id))
        return
    with db.session.no_autoflush:   # the edit itself is flushed by the caller's commit
        known = db.session.get(DocumentEditor, (document.id, user.id))
    if known is None:
        db.session.add(DocumentEditor(document_id=document.id, user_id=user.id))


class Record:
    """One user on one document (domain/workflows/duties.Record), asked only when a step
    excludes earlier duties: at most one query, for the duties the step names, or one for a
    whole page of documents (records())."""

    def __init__(self, document: Document, user, page: _Page | None = None):
        self.document, self.user, self.page = document, user, page

    @cached_property
    def relaxed(self) -> bool:
        return bool(self.user.organization.allow_combined_duties)

    def held(self, names: tuple[str, ...]) -> frozenset[str]:
        document, user_id = self.document, self.user.id
        found = set()
        if SIGNER in names and document.approved_by_id == user_id:
            found.add(SIGNER)
        if AUTHORS in names and document.created_by_id == user_id:
            found.add(AUTHORS)
        asked = {n for n in names if n == AUTHORS or n in STEP_OF} - found
        if not asked:
            return frozenset(found)
        if self.page is not None:
            return frozenset(found | (self.page.held[document.id] & asked))
        events = instance_state(document).attrs.events.loaded_value
        if events is not NO_VALUE:   # the history is loaded (the document's page): no query for it
            steps = {STEP_OF[n]: n for n in asked if n in STEP_OF}
            found |= {steps[e.transition] for e in events if e.actor_id == user_id and e.transition in steps}
            asked -= set(steps.values())
        if asked:
            found |= _held_in([document.id], user_id, asked)[document.id]
        return frozenset(found)


class _Page:
    """The duties one user held on a page of documents, found by one query when first asked."""

    def __init__(self, ids: list[int], user_id: int):
        self.ids, self.user_id = ids, user_id

    @cached_property
    def held(self) -> dict[int, set[str]]:
        return _held_in(self.ids, self.user_id, {AUTHORS, *STEP_OF})


def _held_in(ids: list[int], user_id: int, names: set[str]) -> dict[int, set[str]]:
    """Of `names` (authors and the duties the history records), which `user_id` held on each document."""
    by_step = {STEP_OF[n]: n for n in names if n in STEP_OF}
    asked = []
    if by_step:
        asked.append(select(WorkflowEvent.document_id, WorkflowEvent.transition).where(
            WorkflowEvent.document_id.in_(ids), WorkflowEvent.actor_id == user_id,
            WorkflowEvent.transition.in_(sorted(by_step))))
    if AUTHORS in names:   # a constant column: SELECT document_id, 'authors'
        asked.append(select(DocumentEditor.document_id, literal_column(f"'{AUTHORS}'")).where(
            DocumentEditor.document_id.in_(ids), DocumentEditor.user_id == user_id))
    held: dict[int, set[str]] = defaultdict(set)
    with db.session.no_autoflush:
        for document_id, what in db.session.execute(asked[0] if len(asked) == 1 else union_all(*asked)):
            held[document_id].add(by_step.get(what, what))
    return held


def record(document: Document, user) -> Record:
    return Record(document, user)


def records(documents, user) -> dict[int, Record]:
    """A Record for each of a page of documents (a list showing each one's buttons): the duties
    the user held on any of them are found by one query, and only if a step asks."""
    page = _Page([d.id for d in documents], user.id)
    return {d.id: Record(d, user, page) for d in documents}
