"""The council page of a round bigger than one request's list (domain.validation.MAX_ITEMS
["nominees"]): a district round of twenty communes' 300-nominee proposals holds more accepted
nominees than one form may post. The page drew a vote input per row and WTForms' FieldList
asserted past its cap: a 500. Now the rows whose award needs a vote get their inputs first."""
from __future__ import annotations

import pytest
from sqlalchemy import insert

from tests.council_support import CSTDCS, GIAY_KHEN, council_round, reviewed_proposal
from tests.web.test_council_web import _form
from workflow_app.domain.validation import MAX_ITEMS
from workflow_app.extensions import db
from workflow_app.models import Nominee, Round


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_a_round_with_more_nominees_than_a_form_holds_still_shows_and_records_its_council(world, as_user, app):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    db.session.execute(insert(Nominee), [
        {"document_id": proposal.id, "order": 100 + i, "kind": "individual", "full_name": f"Người {i}",
         "name_key": f"nguoi {i}", "award": GIAY_KHEN, "review_status": "accepted"}
        for i in range(MAX_ITEMS["nominees"])])
    db.session.commit()
    reviewer = as_user("reviewer")
    page = reviewer.get(f"/rounds/{round_.id}/council")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("wf-council-votes") == MAX_ITEMS["nominees"]
    for n in proposal.nominees:
        if n.award == CSTDCS:       # the votes that decide have their inputs
            assert f'value="{n.id}"' in html
    assert "Danh sách dài hơn biểu mẫu nhận được" in html
    response = reviewer.post(f"/rounds/{round_.id}/council", _form(proposal))
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert db.session.get(Round, round_.id).council["members"] == 9
