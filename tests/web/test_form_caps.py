"""The web editors enforce the API's list caps (domain.validation.MAX_ITEMS) before building
anything per entry (issue 12, point 2): 80,000 `sections-N-heading` fields are refused at once
with the API's message, and no more rows than the cap are ever built or drawn."""
from __future__ import annotations

import re
import time
from urllib.parse import urlencode

from tests.factories import advance, new_commendation
from tests.web.test_editors import PLAN_FORM
from workflow_app.domain.validation import MAX_ITEMS
from workflow_app.extensions import db
from workflow_app.models import Document


def many(prefix: str, count: int, **values) -> dict:
    return {f"{prefix}-{i}-{name}": value for i in range(count) for name, value in values.items()}


def drawn(html: str, prefix: str, name: str) -> int:
    return len(re.findall(rf'id="{prefix}-\d+-{name}"', html))


def test_80000_section_fields_are_refused_at_once(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/documents/new/plan")
    body = urlencode({**PLAN_FORM, **many("sections", 80_000, heading="Mục"), "csrf_token": drafter.token})
    started = time.perf_counter()
    response = drafter._request("post", "/documents/new/plan", data=body,
                                content_type="application/x-www-form-urlencoded")
    seconds = time.perf_counter() - started
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"Nhiều nhất {MAX_ITEMS['sections']} mục." in html
    assert drawn(html, "sections", "heading") <= MAX_ITEMS["sections"]
    assert seconds < 5.0, seconds   # before: the worker timed out (30 s)
    assert db.session.query(Document).count() == 0


def test_one_more_than_the_cap_is_refused_and_the_cap_itself_is_saved(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/documents/new/plan")
    over = drafter.post("/documents/new/plan", {**PLAN_FORM, **many("milestones", MAX_ITEMS["milestones"] + 1,
                                                                   name="Sơ kết", due="")})
    assert over.status_code == 400
    assert f"Nhiều nhất {MAX_ITEMS['milestones']} mục." in over.get_data(as_text=True)
    at_cap = drafter.post("/documents/new/plan", {**PLAN_FORM, **many("sections", MAX_ITEMS["sections"],
                                                                     heading="Mục", paragraphs="Đoạn.")})
    assert at_cap.status_code == 303, at_cap.get_data(as_text=True)[:1000]
    plan = db.session.get(Document, int(at_cap.headers["Location"].rsplit("/", 1)[1]))
    assert len(plan.body["sections"]) == MAX_ITEMS["sections"]


def test_adding_a_row_past_the_cap_is_refused(world, as_user):
    drafter = as_user("drafter")
    drafter.get("/documents/new/plan")
    form = {**PLAN_FORM, **many("sections", MAX_ITEMS["sections"], heading="Mục"), "op": "add_sections"}
    html = drafter.post("/documents/new/plan", form).get_data(as_text=True)
    assert drawn(html, "sections", "heading") == MAX_ITEMS["sections"]
    assert f"Nhiều nhất {MAX_ITEMS['sections']} mục." in html


def test_too_many_nominee_rows_are_refused_before_they_are_built(world, as_user):
    commune = as_user("drafter.antruong")
    commune.get("/documents/new/commendation")
    form = {"op": "save", "title": "Đề nghị", **many("nominees", 20_000, full_name="A")}
    response = commune.post("/documents/new/commendation", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"Nhiều nhất {MAX_ITEMS['nominees']} mục." in html
    assert drawn(html, "nominees", "full_name") <= MAX_ITEMS["nominees"]


def test_too_many_review_decisions_are_refused(world, as_user):
    proposal = new_commendation(world)
    advance(world, proposal, "submitted")
    reviewer = as_user("reviewer")
    reviewer.get(f"/documents/{proposal.id}/transitions/review")
    form = {"version": proposal.version, **many("decisions", 20_000, nominee_id="1", status="accepted")}
    response = reviewer.post(f"/documents/{proposal.id}/transitions/review", form)
    assert response.status_code == 400
    assert f"Nhiều nhất {MAX_ITEMS['nominees']} mục." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).state == "submitted"
