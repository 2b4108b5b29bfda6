"""Two proposing bodies of a round with the same name (Organization.name is not unique: two "xã Tân
Hòa" in one province): each gets its own certificates and Thông báo, never the other's."""
from __future__ import annotations

import io

from docx import Document as Docx

from tests.factories import issued_plan
from tests.round_decision_world import _nominees, advance_decision, proposal, second_commune
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile
from workflow_app.services import round_decisions


def _text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_bodies_of_one_name_each_get_their_own_files(world):
    plan = issued_plan(world)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    twin, twin_users = second_commune(world, name="An Trường", code="UBND-AT2")
    assert twin.name == world.commune.name and twin.id != world.commune.id
    mine = proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"],
                    _nominees("Gốc", 2))
    theirs = proposal(world, round_, twin_users["drafter"], twin_users["approver"], _nominees("Sinh Đôi", 2))
    decision = round_decisions.create(round_.id, world.users["reviewer"])
    db.session.expire_all()
    decision = db.session.get(Document, decision.id)
    advance_decision(world, decision, "issued")
    issued = db.session.scalars(db.select(GeneratedFile).where(GeneratedFile.document_id == decision.id,
                                                               GeneratedFile.step == "issued")).all()
    per_body = [f for f in issued if f.for_organization_id is not None]
    for body, own, other in ((world.commune.id, mine, theirs), (twin.id, theirs, mine)):
        files = [f for f in per_body if f.for_organization_id == body]
        assert files, f"body {body} has no file of its own"
        text = "\n".join(_text(f.content) for f in files)
        assert all(n.full_name in text for n in own.nominees), (body, [f.file_name for f in files])
        assert not any(n.full_name in text for n in other.nominees), (body, [f.file_name for f in files])
    assert len({f.file_name for f in per_body}) == len(per_body)   # no two files of one name
