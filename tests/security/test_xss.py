"""Every user-supplied text is escaped in HTML: XSS payloads in every field, then every page.

The payload goes into plan and proposal texts (title, legal bases, sections, milestones,
recipients, period, reason), nominees, transition comments, review notes, users' names and
positions, unit names, the body's settings and an uploaded file's name; then every page that
shows them is fetched and must carry the escaped form, never the raw one.
"""
from __future__ import annotations

import io
import re

from markupsafe import escape
from sqlalchemy import select

from tests.web.xlsx import GOOD_ROWS, workbook_bytes
from workflow_app.extensions import db
from workflow_app.models import Unit
from workflow_app.services import documents
from workflow_app.services.transitions import apply_transition

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{7*7}}"
JS_URL = "javascript:alert(1)"
PAYLOAD = f"X {SCRIPT} {IMG} {TEMPLATE} {JS_URL} '"
SHORT = f"{SCRIPT}{IMG}"   # for fields with tight limits
RAW = (SCRIPT, "<img src=x", "onerror=alert(1)>")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")


def text(i: int) -> str:
    return f"{PAYLOAD} #{i}"


def plan_payload() -> dict:
    return {"kind": "plan", "title": text(1), "body": {
        "legal_bases": [text(2)],
        "sections": [{"heading": text(3), "paragraphs": [text(4), text(5)]}],
        "milestones": [{"name": text(6), "due": "2030-12-31"}],
        "recipients": [text(7)]}}


def nominee(i: int, award="giay_khen") -> dict:
    return {"kind": "individual", "full_name": text(i), "gender": "male", "position": text(i + 1),
            "organization": text(i + 2), "award": award, "achievement": text(i + 3)}


def poison_people_and_settings(world) -> None:
    drafter = world.users["drafter"]
    drafter.full_name, drafter.position = SHORT + " Hà", SHORT + " Chuyên viên"
    reviewer = world.users["reviewer"]
    reviewer.full_name = SHORT + " Reviewer"
    world.users["approver"].full_name = SHORT + " Tuấn"
    for unit in db.session.scalars(select(Unit)):
        unit.name = f"{SHORT} {unit.name}"
    for org in (world.district, world.commune):
        org.address = text(20)
        org.legal_bases = [text(21)]
        org.awards = [*(org.awards or []), {"code": "xss", "label": SHORT}]
    db.session.commit()


def build(world):
    poison_people_and_settings(world)
    users = world.users
    plan = documents.create(users["drafter"], plan_payload())
    apply_transition(plan, "submit", users["unit_head"], comment=text(30), generate=False)
    apply_transition(plan, "return", users["reviewer"], comment=text(31), generate=False)
    apply_transition(plan, "submit", users["unit_head"], comment=text(32), generate=False)
    apply_transition(plan, "review", users["reviewer"], comment=text(33), generate=False)
    apply_transition(plan, "approve", users["approver"], comment=text(34), generate=False)
    apply_transition(plan, "issue", users["archivist"], comment=text(35), generate=False)
    draft_plan = documents.create(users["drafter"], plan_payload())
    proposal = documents.create(users["commune_drafter"], {
        "kind": "commendation", "title": text(40),
        "body": {"period": text(41), "reason": text(42), "recipients": [text(43)], "plan_id": plan.id},
        "nominees": [nominee(50), nominee(60, award="xss")]})
    apply_transition(proposal, "submit", users["commune_approver"], comment=text(44), generate=False)
    ids = [n.id for n in proposal.nominees]
    apply_transition(proposal, "review", users["reviewer"], comment=text(45), generate=False,
                     nominees=[{"id": ids[0], "status": "accepted", "note": text(46)},
                               {"id": ids[1], "status": "rejected", "note": text(47)}])
    draft_proposal = documents.create(users["commune_drafter"], {
        "kind": "commendation", "title": text(70),
        "body": {"period": text(71), "reason": text(72), "recipients": [text(73)], "plan_id": plan.id},
        "nominees": [nominee(80)]})
    return plan, draft_plan, proposal, draft_proposal


def assert_escaped(url: str, html: str) -> None:
    for raw in RAW:
        assert raw not in html, f"{url}: raw {raw!r} at …{html[max(0, html.find(raw) - 120):html.find(raw) + 40]}…"
    assert not re.search(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", html, re.I), url
    assert "49 #" not in html, f"{url}: a template expression was evaluated"


def test_payloads_in_every_field_are_escaped_on_every_page(world, app, as_user, caller):
    plan, draft_plan, proposal, draft_proposal = build(world)
    pages = {
        "drafter": ["/", "/documents", "/documents?q=script", f"/documents/{plan.id}",
                    f"/documents/{draft_plan.id}", f"/documents/{draft_plan.id}/edit",
                    "/archive/register", "/account/password"],
        "truongphong.nv": ["/", f"/documents/{draft_plan.id}", f"/documents/{draft_plan.id}/transitions/submit"],
        "reviewer": ["/", "/documents", f"/documents/{plan.id}", f"/documents/{proposal.id}"],
        "approver": ["/", f"/documents/{proposal.id}", f"/documents/{proposal.id}/transitions/approve",
                     f"/documents/{proposal.id}/transitions/return"],
        "archivist": ["/archive/register", f"/documents/{plan.id}"],
        "admin": ["/admin/users", f"/admin/users/{world.users['drafter'].id}", "/admin/units",
                  "/admin/organizations", f"/admin/organizations/{world.district.id}",
                  f"/admin/organizations/{world.commune.id}",
                  *(f"/admin/units/{u.id}" for u in world.district.units), f"/documents/{plan.id}"],
        "drafter.antruong": ["/", "/documents", f"/documents/{proposal.id}",
                             f"/documents/{draft_proposal.id}", f"/documents/{draft_proposal.id}/edit",
                             f"/documents/{draft_proposal.id}/import", f"/documents/{plan.id}"],
        "approver.antruong": ["/", f"/documents/{draft_proposal.id}",
                              f"/documents/{draft_proposal.id}/transitions/submit"],
    }
    escaped_somewhere = set()
    for username, urls in pages.items():
        browser = as_user(username)
        for url in urls:
            response = browser.get(url)
            assert response.status_code == 200, (username, url, response.status_code)
            html = response.get_data(as_text=True)
            assert_escaped(url, html)
            escaped_somewhere |= {e for e in ESCAPED if e in html}
            escaped_somewhere |= {n for n in range(1, 90) if str(escape(text(n))) in html}
    assert set(ESCAPED) <= escaped_somewhere
    # every numbered field was shown (escaped) on some page
    shown = {n for n in escaped_somewhere if isinstance(n, int)}
    expected = {1, 2, 3, 4, 5, 6, 7, 20, 21, 30, 31, 32, 33, 34, 35, 40, 41, 42, 43, 44, 45, 46, 47,
                50, 51, 52, 53, 60, 61, 62, 63, 70, 71, 72, 73, 80, 81, 82, 83}
    assert expected - shown == set(), sorted(expected - shown)

    # an uploaded file's name is never reflected raw, and the file's texts are escaped too
    commune = as_user("drafter.antruong")
    commune.get(f"/documents/{draft_proposal.id}/import")
    rows = [[1, "Cá nhân", SHORT, "Nam", SHORT, SHORT, "Giấy khen", text(90)]]
    for name in (f"{SHORT}.xlsx", f"{SHORT}.xlsm"):
        response = commune.post(f"/documents/{draft_proposal.id}/import",
                                {"version": db.session.get(type(draft_proposal), draft_proposal.id).version,
                                 "file": (io.BytesIO(workbook_bytes(rows + GOOD_ROWS[:0])), name)},
                                content_type="multipart/form-data")
        assert response.status_code in (303, 422), response.status_code
        if response.status_code == 303:
            response = commune.get(response.headers["Location"])
        assert_escaped(name, response.get_data(as_text=True))

    # the API answers JSON: the texts are plain strings there, with no HTML context
    api = caller("reviewer").get(f"/api/v1/documents/{proposal.id}")
    assert api.mimetype == "application/json"
    assert api.json["title"] == text(40)
    assert api.headers["X-Content-Type-Options"] == "nosniff"
