"""The seeded world read back from the database, documents made through the services, and
what a test checks about a document after concurrent or failed requests."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from tests.factories import World, advance, new_plan
from workflow_app.domain.clock import local_date
from workflow_app.extensions import db
from workflow_app.models import (
    Document,
    GeneratedFile,
    NumberRegister,
    Organization,
    RegisterEntry,
    User,
    WorkflowEvent,
)


def load_world() -> World:
    users = {u.username: u for u in db.session.scalars(select(User))}
    world = World(users["drafter"].organization, users["drafter.antruong"].organization)
    keys = {"drafter.antruong": "commune_drafter", "approver.antruong": "commune_approver",
            "truongphong.nv": "unit_head"}   # as factories.build_world names them
    world.users = {keys.get(name, name): u for name, u in users.items()}
    return world


def plans_in_state(app, count: int, state: str) -> list[tuple[int, int]]:
    """`count` plans taken to `state` through the services (no documents generated): [(id, version)]."""
    with app.app_context():
        world = load_world()
        out = []
        for _ in range(count):
            plan = new_plan(world)
            advance(world, plan, state)
            out.append((plan.id, plan.version))
        db.session.remove()
        return out


def register_last(app, series: str = "KH") -> int:
    """last_number of the district's register for this year (0 when the row does not exist yet)."""
    with app.app_context():
        district = db.session.scalar(select(Organization).where(Organization.parent_id.is_(None)))
        year = local_date(datetime.now(timezone.utc)).year
        value = db.session.scalar(select(NumberRegister.last_number).where(
            NumberRegister.organization_id == district.id, NumberRegister.year == year,
            NumberRegister.series == series))
        db.session.remove()
        return value or 0


def document_facts(app, document_id: int) -> dict:
    """State, number, version, history, files and register rows of one document."""
    with app.app_context():
        doc = db.session.get(Document, document_id)
        facts = {
            "state": doc.state, "number": doc.number, "version": doc.version, "issued_on": doc.issued_on,
            "events": [(e.transition, e.from_state, e.to_state, e.version) for e in db.session.scalars(
                select(WorkflowEvent).where(WorkflowEvent.document_id == document_id)
                .order_by(WorkflowEvent.id))],
            "files": sorted(db.session.scalars(select(GeneratedFile.step)
                                               .where(GeneratedFile.document_id == document_id))),
            "entries": [(e.purpose, e.seq, e.number) for e in db.session.scalars(
                select(RegisterEntry).where(RegisterEntry.document_id == document_id))],
        }
        db.session.remove()
        return facts


def count(app, model, *where) -> int:
    with app.app_context():
        value = db.session.scalar(select(func.count()).select_from(model).where(*where))
        db.session.remove()
        return value
