"""Two round decisions issued at the same moment on PostgreSQL (issue #15): each Thông báo takes
its own number of the TB series in its issue's transaction, after the decision's QĐ number; the
register's lock makes the numbers consecutive, never given twice, each printed in its own file."""
from __future__ import annotations

import io
import threading

from docx import Document as Docx
from sqlalchemy import select

from tests.factories import build_world
from tests.round_decision_world import advance_decision, round_world
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, RegisterEntry
from workflow_app.services import generation, round_decisions
from workflow_app.services.transitions import apply_transition


def _text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    return "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])


def test_two_round_decisions_issued_at_once_number_their_notices_in_turn(pg_app, monkeypatch):
    world = build_world()
    rw = round_world(world)
    first = round_decisions.create(rw.round.id, world.users["reviewer"], {"proposal_ids": [rw.proposals[1].id]})
    second = round_decisions.create(rw.round.id, world.users["reviewer"])   # the other two: one body
    for decision in (first, second):
        advance_decision(world, decision, "approved")
    ids, archivist_id = [first.id, second.id], world.users["archivist"].id
    db.session.remove()

    both_rendered = threading.Barrier(2, timeout=30)
    render = generation.generate_step_files

    def rendered_then_wait(*args, **kwargs):
        files = render(*args, **kwargs)
        if isinstance(kwargs.get("own"), int):   # the issue's render, its numbers still markers
            both_rendered.wait()
        return files
    monkeypatch.setattr(generation, "generate_step_files", rendered_then_wait)

    outcomes: dict[int, object] = {}

    def issue(document_id: int) -> None:
        from workflow_app.models import User
        with pg_app.app_context():
            try:
                apply_transition(db.session.get(Document, document_id), "issue", db.session.get(User, archivist_id))
                outcomes[document_id] = "issued"
            except Exception as exc:   # noqa: BLE001 - the outcome is what the test looks at
                db.session.rollback()
                outcomes[document_id] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert outcomes == {i: "issued" for i in ids}, outcomes
    rows = list(db.session.scalars(select(RegisterEntry).where(RegisterEntry.document_id.in_(ids))
                                   .order_by(RegisterEntry.series, RegisterEntry.seq)))
    assert sorted(r.number for r in rows if r.type_abbr == "QĐ") == ["01/QĐ-UBND", "02/QĐ-UBND"]
    notices = [r for r in rows if r.type_abbr == "TB"]
    assert [r.number for r in notices] == ["01/TB-UBND", "02/TB-UBND"]
    assert {r.document_id for r in notices} == set(ids)
    for row in notices:
        file = db.session.scalar(select(GeneratedFile).where(GeneratedFile.document_id == row.document_id,
                                                             GeneratedFile.template_name == "thong-bao-ket-qua-dot"))
        decision = db.session.get(Document, row.document_id)
        assert f"Số: {row.number}" in _text(file.content) and f"Quyết định số {decision.number}" in _text(file.content)
