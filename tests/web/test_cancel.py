"""Hủy from the document page (issue 14, point 5): the creator cancels a draft once submitted;
the history and the register (page, .docx, .xlsx) say so; a draft never submitted is deleted."""
from __future__ import annotations

import io
import re

import docx
from openpyxl import load_workbook

from tests.factories import add_user, issued_plan, new_commendation, snapshot
from tests.web.test_transitions import buttons, fresh
from workflow_app.domain.clock import local_today
from workflow_app.domain.register import COLUMNS, VOIDED_NOTE
from workflow_app.services.transitions import apply_transition


def _withdrawn(world):
    proposal = new_commendation(world, plan=issued_plan(world))
    creator = world.users["commune_drafter"]
    apply_transition(proposal, "submit", world.users["commune_approver"])   # the Chủ tịch signs it
    apply_transition(proposal, "withdraw", creator)
    return proposal


def test_the_creator_cancels_a_withdrawn_draft_from_its_page(world, as_user):
    proposal = _withdrawn(world)
    number = proposal.proposal_entry.number
    creator = as_user(world.users["commune_drafter"].username)
    page = creator.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert buttons(page) == {"cancel"}                          # the Chủ tịch signs and submits
    assert "<strong>Hủy</strong>" not in page                   # Hủy is no "Bước tiếp theo"
    assert "Xoá dự thảo" not in page
    assert re.search(r'<summary class="btn btn-outline-danger" data-transition="cancel">Hủy</summary>', page)

    # A colleague who may edit the draft has no Hủy, and a forged one changes nothing.
    add_user("drafter.khac", world.commune, ["drafter"], "VP")
    colleague = as_user("drafter.khac")
    assert "cancel" not in buttons(colleague.get(f"/documents/{proposal.id}").get_data(as_text=True))
    before = snapshot(proposal.id)
    refused = colleague.post(f"/documents/{proposal.id}/transitions/cancel", {"version": proposal.version})
    assert refused.status_code == 403 and snapshot(proposal.id) == before

    response = creator.post(f"/documents/{proposal.id}/transitions/cancel",
                            {"version": proposal.version, "comment": "Gộp vào tờ trình khác."})
    assert response.status_code == 303
    assert fresh(proposal.id).state == "cancelled"
    shown = creator.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã hủy văn bản; số đã cấp được ghi là không sử dụng." in shown
    assert "Đã hủy" in shown and "Gộp vào tờ trình khác." in shown   # the badge, the history
    assert 'class="wf-progress"' not in shown                          # no five steps
    assert buttons(shown) == set() and "Xoá dự thảo" not in shown

    year = local_today().year
    register = creator.get(f"/archive/register?year={year}").get_data(as_text=True)
    assert number in register and VOIDED_NOTE in register
    word = docx.Document(io.BytesIO(creator.get(f"/archive/register.docx?year={year}").data))
    rows = [[c.text for c in r.cells] for r in word.tables[0].rows]
    assert rows[0] == list(COLUMNS)
    assert [r[-1] for r in rows if r[0] == number] == [VOIDED_NOTE]
    sheet = load_workbook(io.BytesIO(creator.get(f"/archive/register.xlsx?year={year}").data)).active
    assert [r[-1] for r in sheet.iter_rows(values_only=True) if r[0] == number] == [VOIDED_NOTE]


def test_a_never_submitted_draft_offers_delete_not_cancel(world, as_user):
    proposal = new_commendation(world)
    creator = as_user(world.users["commune_drafter"].username)
    page = creator.get(f"/documents/{proposal.id}").get_data(as_text=True)
    assert buttons(page) == set() and "Xoá dự thảo" in page   # the Chủ tịch signs and submits
    before = snapshot(proposal.id)
    response = creator.post(f"/documents/{proposal.id}/transitions/cancel", {"version": proposal.version})
    assert response.status_code == 422 and snapshot(proposal.id) == before
    assert "hãy xoá dự thảo thay vì hủy" in response.get_data(as_text=True)


def test_the_diagram_and_the_list_know_the_cancelled_state(world, as_user):
    proposal = _withdrawn(world)
    apply_transition(proposal, "cancel", world.users["commune_drafter"])
    creator = as_user(world.users["commune_drafter"].username)
    listing = creator.get("/documents?state=cancelled").get_data(as_text=True)
    assert f"/documents/{proposal.id}" in listing
    diagram = creator.get("/workflows/commendation")
    assert diagram.status_code == 200
    html = diagram.get_data(as_text=True)
    assert "Đã hủy" in html and "Hủy" in html and "draft --&gt; cancelled" in html.replace("-->", "--&gt;")
