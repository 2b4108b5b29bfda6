"""A small world for service tests: two bodies, their units, one user per role, documents."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

from werkzeug.security import generate_password_hash

from workflow_app.extensions import db
from workflow_app.models import Document, Organization, Unit, User, UserRole
from workflow_app.services import demo_data, documents
from workflow_app.services.transitions import apply_transition

# 31 December 17:30 UTC: already 1 January 00:30 in Vietnam (UTC+7). A test that travels here
# fails wherever the machine's day or year stands in for the office's.
NEW_YEAR_IN_VIETNAM = datetime(2026, 12, 31, 17, 30, tzinfo=timezone.utc)
PASSWORD = "mat-khau-thu-nghiem"

# The path from draft to each state, and who takes each step. The Tờ trình leaves its body signed
# by its leader (issue 13, point 5): `submit` is the proposal signer's (World.actor_for).
PATH = [("submit", "proposal_signer"), ("review", "reviewer"), ("approve", "approver"), ("issue", "archivist")]
STATE_AFTER = {"draft": 0, "submitted": 1, "reviewed": 2, "approved": 3, "issued": 4}


@lru_cache(maxsize=1)
def password_hash() -> str:  # hashing once keeps the fixtures fast; the KDF is tested elsewhere
    return generate_password_hash(PASSWORD)


@dataclass
class World:
    district: Organization
    commune: Organization
    users: dict[str, User] = field(default_factory=dict)

    def actor_for(self, kind: str, role: str) -> User:
        """Drafters write in their own body: the district's plans, the commune's proposals.
        "proposal_signer" signs and submits the Tờ trình: the commune's Chủ tịch for a proposal,
        the head of the drafting unit (Trưởng phòng Nội vụ) for a plan."""
        if role == "drafter" and kind == "commendation":
            return self.users["commune_drafter"]
        if role == "proposal_signer":
            return self.users["commune_approver" if kind == "commendation" else "unit_head"]
        return self.users[role]


def _org(spec: dict, parent=None, units=()) -> Organization:
    org = Organization(parent=parent, **spec)
    org.units = [Unit(**u) for u in units]
    db.session.add(org)
    return org


def add_user(username: str, org: Organization, roles, unit_code: str | None = None,
             position: str = "Chuyên viên", full_name: str | None = None, heads_unit: bool = False) -> User:
    """heads_unit: the head of `unit_code`, who signs and submits its Tờ trình."""
    unit = next((u for u in org.units if u.code == unit_code), None)
    user = User(username=username, password_hash=password_hash(), full_name=full_name or username.title(),
                position=position, organization=org, unit=unit, heads_unit=heads_unit,
                role_rows=[UserRole(role=r) for r in roles])
    db.session.add(user)
    db.session.commit()
    return user


def build_world() -> World:
    district = _org(demo_data.DISTRICT, units=demo_data.DISTRICT_UNITS)
    commune = _org(demo_data.COMMUNE, parent=district, units=demo_data.COMMUNE_UNITS)
    db.session.commit()
    world = World(district, commune)
    world.users["drafter"] = add_user("drafter", district, ["drafter"], "NV", full_name="Trần Thị Thu Hà")
    world.users["reviewer"] = add_user("reviewer", district, ["reviewer"], "NV", "Trưởng phòng Nội vụ")
    world.users["approver"] = add_user("approver", district, ["approver"], None, "Phó Chủ tịch",
                                       full_name="Phạm Minh Tuấn")
    world.users["chairman"] = add_user("chairman", district, ["approver"], None, "Chủ tịch",
                                       full_name="Nguyễn Văn Chủ")
    world.users["archivist"] = add_user("archivist", district, ["archivist"], "VP", "Văn thư")
    world.users["admin"] = add_user("admin", district, ["admin"], "VP")
    world.users["commune_drafter"] = add_user("drafter.antruong", commune, ["drafter"], "VP")
    world.users["commune_approver"] = add_user("approver.antruong", commune, ["approver"], None, "Chủ tịch",
                                               full_name="Thạch Sa Rươl")
    # The head of Phòng Nội vụ signs its Tờ trình (a plan's); in the demo the reviewer is also the head,
    # here they are two people, so that who submitted and who reviewed stay apart in the tests.
    world.users["unit_head"] = add_user("truongphong.nv", district, ["drafter"], "NV", "Trưởng phòng Nội vụ",
                                        full_name="Lê Văn Trưởng", heads_unit=True)
    return world


def new_plan(world: World, **overrides) -> Document:
    payload = {"kind": "plan", "title": demo_data.PLAN_TITLE, "body": demo_data.PLAN_BODY}
    payload.update(overrides)
    return documents.create(world.users["drafter"], payload)


def issued_plan(world: World) -> Document:
    plan = new_plan(world)
    advance(world, plan, "issued")
    return plan


def new_commendation(world: World, plan: Document | None = None, nominees=None) -> Document:
    plan = plan or issued_plan(world)
    return documents.create(world.users["commune_drafter"], {
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
        "body": {**demo_data.COMMENDATION_BODY, "plan_id": plan.id},
        "nominees": demo_data.NOMINEES if nominees is None else nominees})


def new_document(world: World, kind: str) -> Document:
    return new_plan(world) if kind == "plan" else new_commendation(world)


def advance(world: World, document: Document, state: str, generate: bool = False, at=None) -> None:
    """Take `document` from draft to `state` along the main path (at `at`, default now); to
    "cancelled": submitted, withdrawn and cancelled by its creator."""
    if state == "cancelled":
        for name, role in (("submit", "proposal_signer"), ("withdraw", "drafter"), ("cancel", "drafter")):
            apply_transition(document, name, world.actor_for(document.kind, role), generate=generate, at=at)
        return
    for name, role in PATH[:STATE_AFTER[state]]:
        apply_transition(document, name, world.actor_for(document.kind, role), generate=generate, at=at)


def snapshot(document_id: int) -> dict:
    """Everything a refused transition must leave as it was."""
    from sqlalchemy import func, select

    from workflow_app.models import GeneratedFile, NumberRegister, RegisterEntry, WorkflowEvent
    db.session.expire_all()
    document = db.session.get(Document, document_id)
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    return {
        "state": document.state, "version": document.version, "signer": document.signer_name,
        "issued_on": document.issued_on,
        "nominees": [(n.review_status, n.review_note, n.votes_for, n.votes_total) for n in document.nominees],
        "meeting": document.meeting,
        "events": count(WorkflowEvent), "files": count(GeneratedFile),
        "entries": count(RegisterEntry),
        "registers": sorted(db.session.execute(select(
            NumberRegister.organization_id, NumberRegister.year, NumberRegister.series,
            NumberRegister.last_number)).all()),
    }
