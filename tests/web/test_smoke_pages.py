"""Every page renders for the people who use it (Vietnamese by default)."""
from __future__ import annotations

from tests.factories import new_commendation, new_plan


def test_pages_render(world, as_user):
    plan = new_plan(world)
    proposal = new_commendation(world)
    drafter = as_user("drafter")
    for url in ("/", "/documents", f"/documents/{plan.id}", f"/documents/{plan.id}/edit", "/documents/new/plan",
                "/account/password", "/workflows/", "/workflows/plan", "/workflows/commendation",
                "/archive/register?year=2026"):
        response = drafter.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])
        assert '<html lang="vi">' in response.get_data(as_text=True)
    commune = as_user("drafter.antruong")
    for url in (f"/documents/{proposal.id}", f"/documents/{proposal.id}/edit", "/documents/new/commendation",
                f"/documents/{proposal.id}/import"):
        response = commune.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])
    admin = as_user("admin")
    for url in ("/admin/users", "/admin/users/new", f"/admin/users/{world.users['drafter'].id}", "/admin/units",
                "/admin/organizations", f"/admin/organizations/{world.district.id}",
                f"/admin/units/{world.district.units[0].id}",
                f"/admin/organizations/{world.district.id}/units/new"):
        response = admin.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])
