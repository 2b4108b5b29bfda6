"""No IDOR: every user of a world of four bodies requests every document, file and register entry.

What a user may see is stated here again, by hand, from DESIGN.md §4 (not from the code):
  * the creator always; the document's unit (same proposing body and unit) always;
  * admins of the proposing body, and of the body it is addressed to;
  * from `submitted` on, the reviewers, approvers and archivists of the addressed body;
  * issued: everyone in the issuing (addressed) body and in the proposing body;
  * issued plans: also everyone in the bodies directly below the issuer.
Everything else is 404 (never 403), on the web page, the API, and each generated file.
Of a document a user may see, the files (test_audiences.py): every one in the addressed body;
the proposing body's own Tờ trình and the issued papers; a body below, the issued papers only.
The register (sổ đăng ký đi) lists only the user's own body's entries: all of them to its
archivists and admins, to anyone else those of the documents they may see.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from tests.factories import _org, add_user, advance, build_world, new_commendation, new_plan
from tests.web.conftest import Browser
from workflow_app.domain.clock import local_today
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, RegisterEntry
from workflow_app.services import demo_data, documents, tokens
from workflow_app.services.transitions import apply_transition

STATES = ["draft", "submitted", "reviewed", "approved", "issued"]
REVIEWING = {"reviewer", "approver", "archivist"}


@dataclass(frozen=True)
class Person:
    username: str
    organization_id: int
    parent_id: int | None
    unit_id: int | None
    roles: frozenset
    id: int


@dataclass(frozen=True)
class Doc:
    id: int
    kind: str
    state: str
    created_by_id: int
    proposing_id: int    # proposer_id: the body that wrote it
    addressed_id: int    # organization_id: the body that reviews, approves and issues it
    unit_id: int | None


def may_see(person: Person, doc: Doc) -> bool:
    """DESIGN.md §4, restated."""
    if doc.created_by_id == person.id:
        return True
    if person.unit_id is not None and person.organization_id == doc.proposing_id and person.unit_id == doc.unit_id:
        return True
    if "admin" in person.roles and person.organization_id in (doc.proposing_id, doc.addressed_id):
        return True
    # who signs the body's Tờ trình reads what its drafters prepare (issue 13, point 5): the
    # proposing body's leaders, and for a plan of no unit its body's (a unit's head is in its unit)
    if "approver" in person.roles and person.organization_id == doc.proposing_id and (
            doc.kind == "commendation" or doc.unit_id is None):
        return True
    if doc.state != "draft" and person.roles & REVIEWING and person.organization_id == doc.addressed_id:
        return True
    if doc.state == "issued" and person.organization_id in (doc.proposing_id, doc.addressed_id):
        return True
    if doc.state == "issued" and doc.kind == "plan" and person.parent_id == doc.addressed_id:
        return True
    return False


def may_open_file(person: Person, doc: Doc, step: str) -> bool:
    if not may_see(person, doc):
        return False
    if person.organization_id == doc.addressed_id:
        return True
    return step in (("submitted", "issued") if person.organization_id == doc.proposing_id else ("issued",))


def lists_in_register(person: Person, doc: Doc) -> bool:
    return bool(person.roles & {"archivist", "admin"}) or may_see(person, doc)


def build():
    world = build_world()
    district, commune = world.district, world.commune
    sibling = _org({**demo_data.COMMUNE, "code": "UBND-X", "name": "Ủy ban nhân dân xã Nhị Long",
                    "name_lines": ["ỦY BAN NHÂN DÂN", "XÃ NHỊ LONG"]}, parent=district,
                   units=demo_data.COMMUNE_UNITS)
    stranger = _org({**demo_data.DISTRICT, "code": "UBND-TC", "name": "Ủy ban nhân dân huyện Tiểu Cần",
                     "name_lines": ["ỦY BAN NHÂN DÂN", "HUYỆN TIỂU CẦN"]}, units=demo_data.DISTRICT_UNITS)
    db.session.commit()
    users = {u.username: u for u in world.users.values()}
    users["drafter.gddt"] = add_user("drafter.gddt", district, ["drafter"], "GDDT")
    users["drafter2.antruong"] = add_user("drafter2.antruong", commune, ["drafter"], "VP")
    users["reviewer.antruong"] = add_user("reviewer.antruong", commune, ["reviewer", "approver"])
    users["admin.antruong"] = add_user("admin.antruong", commune, ["admin"])
    users["drafter.nhilong"] = add_user("drafter.nhilong", sibling, ["drafter"], "VP")
    users["admin.nhilong"] = add_user("admin.nhilong", sibling, ["admin"])
    for role, unit in (("drafter", "NV"), ("reviewer", "NV"), ("approver", None), ("archivist", "VP"),
                       ("admin", "VP")):
        users[f"{role}.tieucan"] = add_user(f"{role}.tieucan", stranger, [role], unit,
                                            heads_unit=role == "reviewer")   # heads NV: signs its Tờ trình

    made = []
    for state in STATES:   # the district's plans
        plan = new_plan(world)
        advance(world, plan, state, generate=state in ("submitted", "issued"))
        made.append(plan)
    issued_plan = made[-1]
    for state in STATES:   # the commune's proposals under the issued plan
        proposal = new_commendation(world, issued_plan)
        advance(world, proposal, state, generate=state in ("submitted", "issued"))
        made.append(proposal)
    returned = new_plan(world)
    advance(world, returned, "reviewed")
    apply_transition(returned, "return", users["approver"], comment="Sửa lại.")
    made.append(returned)
    foreign = documents.create(users["drafter.tieucan"], {"kind": "plan", "title": demo_data.PLAN_TITLE,
                                                          "body": demo_data.PLAN_BODY})
    made.append(foreign)
    foreign_issued = documents.create(users["drafter.tieucan"], {"kind": "plan", "title": demo_data.PLAN_TITLE,
                                                                 "body": demo_data.PLAN_BODY})
    for name, role in (("submit", "reviewer"), ("review", "reviewer"), ("approve", "approver"),
                       ("issue", "archivist")):
        apply_transition(foreign_issued, name, users[f"{role}.tieucan"], generate=True)
    made.append(foreign_issued)

    people = [Person(u.username, u.organization_id, u.organization.parent_id, u.unit_id,
                     frozenset(u.roles), u.id) for u in users.values()]
    docs = [Doc(d.id, d.kind, d.state, d.created_by_id, d.proposer_id, d.issuer_id, d.unit_id)
            for d in made]
    return users, people, docs


def test_every_user_requests_every_document_file_and_register_entry(app):
    users, people, docs = build()
    by_id = {d.id: d for d in docs}
    files = db.session.execute(select(GeneratedFile.id, GeneratedFile.document_id, GeneratedFile.step)).all()
    entries = db.session.execute(select(RegisterEntry.document_id, RegisterEntry.organization_id,
                                        RegisterEntry.year)).all()
    assert len(files) >= 10 and len(entries) >= 3
    assert {d.state for d in docs} == set(STATES)
    year = local_today().year
    client = app.test_client()
    wrong = []
    seen_any = {p.username: 0 for p in people}
    for person in people:
        user = users[person.username]
        token, _ = tokens.issue(user)
        auth = {"Authorization": f"Bearer {token}"}
        browser = Browser(app).login(person.username)
        for doc in docs:
            expected = 200 if may_see(person, doc) else 404
            seen_any[person.username] += expected == 200
            api = client.get(f"/api/v1/documents/{doc.id}", headers=auth).status_code
            web = browser.get(f"/documents/{doc.id}").status_code
            if (api, web) != (expected, expected):
                wrong.append(f"{person.username} document {doc.id} ({doc.kind} {doc.state}): "
                             f"api {api}, web {web}, expected {expected}")
        for file_id, document_id, step in files:
            expected = 200 if may_open_file(person, by_id[document_id], step) else 404
            api = client.get(f"/api/v1/files/{file_id}", headers=auth).status_code
            web = browser.get(f"/files/{file_id}").status_code
            if (api, web) != (expected, expected):
                wrong.append(f"{person.username} file {file_id} of document {document_id}: "
                             f"api {api}, web {web}, expected {expected}")
        # the register: exactly the own body's entries, in the API and on the archive page
        own = sorted(d for d, org, y in entries if org == person.organization_id and y == year
                     and lists_in_register(person, by_id[d]))
        listed = client.get(f"/api/v1/register?year={year}", headers=auth)
        assert listed.status_code == 200
        if sorted(item["document_id"] for item in listed.json["items"]) != own:
            wrong.append(f"{person.username} register (API): {listed.json['items']} expected {own}")
        page = browser.get(f"/archive/register?year={year}").get_data(as_text=True)
        for document_id in {int(i) for i in re.findall(r'href="/documents/(\d+)"', page)}:
            if not may_see(person, by_id[document_id]):
                wrong.append(f"{person.username} register page links document {document_id}")
        step_of = {file_id: (document_id, step) for file_id, document_id, step in files}
        for file_id in {int(i) for i in re.findall(r'href="/files/(\d+)"', page)}:
            if not may_open_file(person, by_id[step_of[file_id][0]], step_of[file_id][1]):
                wrong.append(f"{person.username} register page links file {file_id}")
    assert not wrong, "\n".join(wrong)
    # the matrix is not trivially all-404 or all-200
    assert all(0 < n < len(docs) for n in seen_any.values()), seen_any


def test_not_found_looks_the_same_whether_or_not_it_exists(world, app, caller, as_user):
    """A document someone else may not see answers exactly like one that does not exist."""
    draft = new_plan(world)
    outsider = caller("commune_drafter")
    hidden, missing = outsider.get(f"/api/v1/documents/{draft.id}"), outsider.get("/api/v1/documents/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json == missing.json
    for url in (f"/documents/{draft.id}", f"/documents/{draft.id}/edit", f"/documents/{draft.id}/import",
                f"/documents/{draft.id}/transitions/submit"):
        assert as_user("drafter.antruong").get(url).status_code == 404, url
    for verb in ("patch", "delete"):
        response = getattr(outsider, verb)(f"/api/v1/documents/{draft.id}", **({"json": {"version": 1}}
                                                                            if verb == "patch" else {}))
        assert response.status_code == 404
    fired = outsider.post(f"/api/v1/documents/{draft.id}/transitions", json={"transition": "submit", "version": 1})
    assert fired.status_code == 404
    db.session.expire_all()
    assert db.session.get(Document, draft.id).state == "draft"
