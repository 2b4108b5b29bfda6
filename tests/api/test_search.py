"""GET /api/v1/documents?q=: full-text search through the API (issue 14, point 6)."""
from __future__ import annotations

from tests.factories import new_commendation, new_plan
from workflow_app.services import full_text


def test_a_nominee_s_name_finds_the_proposal(world, caller):
    proposal = new_commendation(world)
    found = caller("commune_drafter").get("/api/v1/documents?q=Huynh Van An").json
    assert ([d["id"] for d in found["items"]], found["total"]) == ([proposal.id], 1)
    assert set(found) == {"items", "page", "per_page", "total"}          # the shape API.md gives


def test_the_api_counts_every_match_where_the_web_list_stops_counting(world, caller, monkeypatch):
    """The web list counts a search up to full_text.COUNT_LIMIT ("hơn 1000"); the API's `total`
    is the number of matches (API.md), however many."""
    for i in range(3):
        new_plan(world, title=f"Kế hoạch Hoa Sen số {i}", body={})
    monkeypatch.setattr(full_text, "COUNT_LIMIT", 2)
    found = caller("drafter").get("/api/v1/documents?q=hoa sen").json
    assert (len(found["items"]), found["total"]) == (3, 3)
    assert caller("drafter").get("/api/v1/documents?q=hoa sen&per_page=2&page=2").json["total"] == 3
