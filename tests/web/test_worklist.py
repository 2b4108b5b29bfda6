"""The worklist is what waits for me; what I could only take back or return is "Đang theo dõi";
the administrator starts on Quản trị (issue 14 §1)."""
from __future__ import annotations

import re

from tests.factories import PASSWORD, advance, new_plan
from workflow_app.services.transitions import apply_transition


def _rows(html: str) -> list[int]:
    """The documents listed, in order."""
    return [int(m.group(1)) for m in re.finditer(
        r'<li class="list-group-item[^"]*"[^>]*>.*?/documents/(\d+)".*?</li>', html, re.S)]


def _page(browser, path) -> tuple[list[int], str]:
    html = browser.get(path).get_data(as_text=True)
    return _rows(html), html


def test_the_approver_follows_what_waits_for_the_archivist(world, as_user):
    approved, reviewed = new_plan(world, title="Đã phê duyệt"), new_plan(world, title="Chờ phê duyệt")
    advance(world, approved, "approved")
    advance(world, reviewed, "reviewed")
    approver = as_user("approver")
    waiting, html = _page(approver, "/")
    assert waiting == [reviewed.id]
    assert re.search(r"Đang theo dõi\s*<span[^>]*>1</span>", html)
    following, html = _page(approver, "/following")
    assert following == [approved.id]
    assert "Trả lại" in html and "Phê duyệt" not in re.sub(r"Đã phê duyệt", "", html.split("<main", 1)[-1])
    # the archivist has it to issue
    assert _page(as_user("archivist"), "/")[0] == [approved.id]


def test_the_drafter_follows_their_submitted_plan(world, as_user):
    submitted, draft = new_plan(world, title="Đã trình"), new_plan(world, title="Dự thảo")
    advance(world, submitted, "submitted")
    drafter = as_user("drafter")
    assert _page(drafter, "/")[0] == []                       # the draft waits for the unit head's signature
    assert _page(as_user("truongphong.nv"), "/")[0] == [draft.id]
    following, html = _page(drafter, "/following")
    assert following == [submitted.id] and "Rút lại" in html
    assert _page(as_user("reviewer"), "/")[0] == [submitted.id]


def test_returned_drafts_come_first_with_their_reason(world, as_user):
    returned = new_plan(world, title="Bị trả lại")
    advance(world, returned, "submitted")
    apply_transition(returned, "return", world.users["reviewer"], comment="Thiếu nơi nhận.", generate=False)
    newer = new_plan(world, title="Mới soạn")
    waiting, html = _page(as_user("truongphong.nv"), "/")   # the unit head signs them
    assert waiting == [returned.id, newer.id]
    assert "Thiếu nơi nhận." in html


def test_counts_on_the_worklist_page_match_its_list(world, as_user):
    for state in ("draft", "submitted", "reviewed", "reviewed", "approved", "issued"):
        advance(world, new_plan(world), state)
    for username in ("truongphong.nv", "reviewer", "approver", "archivist"):
        browser = as_user(username)
        waiting, html = _page(browser, "/")
        counts = [int(n) for n in re.findall(r'<span class="badge text-bg-dark ms-1">(\d+)</span>', html)]
        tab = re.search(r"Chờ tôi xử lý\s*<span[^>]*>(\d+)</span>", html)
        assert sum(counts) == int(tab.group(1)) == len(waiting), username
        followed = int(re.search(r"Đang theo dõi\s*<span[^>]*>(\d+)</span>", html).group(1))
        assert followed == len(_page(browser, "/following")[0]), username
        # each count's link lists as many
        links = re.findall(r'href="(/documents\?[^"]*actionable=1[^"]*)">.*?ms-1">(\d+)</span>', html, re.S)
        assert len(links) == len(counts) > 0, username
        for link, n in links:
            assert len(_page(browser, link.replace("&amp;", "&"))[0]) == int(n), (username, link)


def test_the_administrator_lands_on_quan_tri(world, browser, as_user):
    browser.get("/login")
    response = browser.post("/login", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/users")
    assert browser.get("/login").headers["Location"].endswith("/admin/users")
    # a ?next= still wins, and the others land on their worklist
    other = type(browser)(browser.app)
    other.get("/login")
    assert other.post("/login", {"username": "admin", "password": PASSWORD, "next": "/documents"}
                      ).headers["Location"].endswith("/documents")
    drafter = type(browser)(browser.app)
    drafter.get("/login")
    assert drafter.post("/login", {"username": "drafter", "password": PASSWORD}).headers["Location"] == "/"
