"""Every page fits a 390 px phone and a 1366 px screen (issue 14's widths) without horizontal scrolling.
Screenshots go to test-artifacts/screens/ for a person to look at."""
from __future__ import annotations

import pytest

from .helpers import seed_documents, submitted_proposal

pytestmark = pytest.mark.browser
WIDTHS = (390, 1366)


def _submitted_proposal():
    """A copy of the commune's proposal, submitted: the reviewer's per-nominee form has rows."""
    from workflow_app.services import accounts, demo_data, documents
    from workflow_app.services.transitions import apply_transition
    plan_id, _ = seed_documents()
    commune = accounts.find_user("drafter.antruong")
    proposal = documents.create(commune, {
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE + " (bản xem thử)",
        "body": {**demo_data.COMMENDATION_BODY, "plan_id": plan_id}, "nominees": demo_data.NOMINEES})
    apply_transition(proposal, "submit", accounts.find_user("approver.antruong"), generate=False)   # its Chủ tịch
    return proposal.id


def _issued_decision():
    """A decision of 40 nominees issued: the statistics page has bars and rows to lay out."""
    from workflow_app.services import accounts
    from workflow_app.services.transitions import apply_transition

    from .helpers import submitted_proposal
    proposal_id = submitted_proposal(40)
    from workflow_app.extensions import db
    from workflow_app.models import Document
    proposal = db.session.get(Document, proposal_id)
    for name, username in (("review", "reviewer"), ("approve", "approver"), ("issue", "archivist")):
        apply_transition(proposal, name, accounts.find_user(username), generate=False)


def pages(plan: int, proposal: int, submitted: int, admin_org: int,
          big: int) -> dict[str | None, list[tuple[str, str]]]:
    return {
        None: [("login", "/login")],
        "drafter": [("home-drafter", "/"), ("documents", "/documents?q=hoc+tap"), ("plan", f"/documents/{plan}"),
                    ("new-plan", "/documents/new/plan"), ("diagram-plan", "/workflows/plan"),
                    ("diagram-commendation", "/workflows/commendation"), ("password", "/account/password"),
                    ("not-found", "/documents/999999")],
        "drafter.antruong": [("proposal", f"/documents/{proposal}"), ("edit-proposal", f"/documents/{proposal}/edit"),
                             ("import", f"/documents/{proposal}/import"),
                             ("new-proposal", "/documents/new/commendation")],
        "reviewer": [("home-reviewer", "/"), ("following-reviewer", "/following"),
                     ("review", f"/documents/{submitted}/transitions/review"),
                     ("review-inline", f"/documents/{submitted}"),
                     ("review-300", f"/documents/{big}/transitions/review"),   # the table at 300 nominees
                     ("statistics", "/statistics/?year=all")],
        "archivist": [("register", "/archive/register?year=2023"), ("notices", "/notifications"),
                      ("awards", "/awards")],
        "admin": [("admin-users", "/admin/users"), ("admin-user", "/admin/users/new"), ("admin-units", "/admin/units"),
                  ("admin-settings", f"/admin/organizations/{admin_org}"), ("forbidden", "/documents/new/plan")],
    }


def test_every_page_fits_phone_and_desktop(sign_in, in_app, artifacts):
    from workflow_app.services import accounts
    plan, proposal = in_app(seed_documents)
    submitted = in_app(_submitted_proposal)
    admin_org = in_app(lambda: accounts.find_user("admin").organization_id)
    big = in_app(submitted_proposal, 300)
    in_app(_issued_decision)
    screens = artifacts / "screens"
    screens.mkdir(exist_ok=True)
    too_wide = []
    for width in WIDTHS:
        for username, visits in pages(plan, proposal, submitted, admin_org, big).items():
            page = sign_in(username, width=width)
            for name, path in visits:
                page.goto(path)
                if name.startswith("review-inline"):
                    page.click("summary[data-transition=review]")
                scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                page.screenshot(path=str(screens / f"{name}-{width}.png"), full_page=True)
                if scroll > inner:
                    too_wide.append(f"{name} at {width}px: scrollWidth {scroll} > {inner}")
                assert page.locator("html").get_attribute("lang") == "vi"
    assert not too_wide, "\n".join(too_wide)
