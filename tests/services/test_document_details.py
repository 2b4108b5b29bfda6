"""documents.with_details: the full view holds what the relationships hold, in two queries (three
for a proposal).

It joins a plan's nominees, takes the owner of a plan from the session, and gives the document's
files from its history: these must not change what a document's view shows, for a plan or a
proposal, with the kind known or not, or wrongly given.
"""
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.factories import advance, new_commendation, new_plan
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import documents
from workflow_app.services.transitions import apply_transition


def _view(document: Document) -> dict:
    return {
        "state": document.state, "version": document.version, "number": document.number,
        "organization": document.issuer.code, "owner": document.proposer.code,
        "created_by": document.created_by.username,
        "entries": [(e.id, e.purpose, e.number) for e in document.register_entries],
        "nominees": [(n.id, n.order, n.full_name, n.review_status) for n in document.nominees],
        "history": [(e.id, e.transition, e.actor.username, [f.id for f in e.files]) for e in document.events],
        "files": [(f.id, f.event_id, f.step, f.file_name, f.sha256) for f in document.files],
    }


def _loaded_one_relationship_at_a_time(document_id: int) -> dict:
    db.session.remove()
    view = _view(db.session.get(Document, document_id))
    db.session.remove()
    return view


@contextmanager
def _statements():
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def _documents(world) -> dict[str, int]:
    plan = new_plan(world)
    advance(world, plan, "issued", generate=True)
    proposal = new_commendation(world, plan=plan)
    advance(world, proposal, "reviewed", generate=True)
    returned = new_commendation(world, plan=plan)
    advance(world, returned, "submitted", generate=True)
    apply_transition(returned, "return", world.users["reviewer"], comment="Bổ sung hồ sơ.")
    ids = {"plan": plan.id, "proposal": proposal.id, "returned": returned.id}
    db.session.remove()
    return ids


@pytest.mark.parametrize("hint", ["right", "none", "wrong"])
def test_details_after_a_commit_are_what_the_relationships_hold(world, hint):
    for name, document_id in _documents(world).items():
        expected = _loaded_one_relationship_at_a_time(document_id)
        document = db.session.get(Document, document_id)
        kind = document.kind
        db.session.commit()   # expires it, as a step's commit does
        given = {"right": kind, "none": None, "wrong": "plan" if kind != "plan" else "commendation"}[hint]
        with _statements() as seen:
            loaded = documents.with_details(document, given)
            view = _view(loaded)
        assert view == expected, name
        if hint == "right":
            assert len(seen) == (2 if kind == "plan" else 3), (name, seen)
        db.session.remove()


def test_details_of_a_document_read_in_this_transaction(world):
    ids = _documents(world)
    for name, document_id in ids.items():
        expected = _loaded_one_relationship_at_a_time(document_id)
        document = db.session.get(Document, document_id)
        assert _view(documents.with_details(document)) == expected, name
        db.session.remove()


def test_files_of_the_history_are_all_the_documents_files(world):
    """with_details gives the files from the history: every stored file belongs to a step."""
    for document_id in _documents(world).values():
        db.session.remove()
        document = db.session.get(Document, document_id)
        assert document.files
        assert sorted(f.id for e in document.events for f in e.files) == [f.id for f in document.files]
