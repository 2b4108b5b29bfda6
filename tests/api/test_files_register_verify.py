"""Downloading generated files, reading the outgoing register, verifying issued files, health."""
from __future__ import annotations

import hashlib
from datetime import date
from urllib.parse import unquote

import pytest
import time_machine

from tests.api.conftest import assert_error
from tests.factories import NEW_YEAR_IN_VIETNAM, advance, new_commendation, new_plan
from workflow_app.api.files import content_disposition
from workflow_app.models import Document
from workflow_app.services.transitions import apply_transition

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _submitted_plan(world) -> Document:
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])   # generates the two draft files
    return plan


def test_download_with_etag_and_revalidation(world, caller):
    plan = _submitted_plan(world)
    stored = plan.files[0]
    drafter = caller("drafter")
    response = drafter.get(f"/api/v1/files/{stored.id}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DOCX
    assert response.data[:2] == b"PK" and hashlib.sha256(response.data).hexdigest() == stored.sha256
    assert response.headers["ETag"] == f'"{stored.sha256}"'
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == stored.file_name

    unchanged = drafter.get(f"/api/v1/files/{stored.id}", headers={"If-None-Match": f'"{stored.sha256}"'})
    assert unchanged.status_code == 304 and unchanged.data == b""
    other = drafter.get(f"/api/v1/files/{stored.id}", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_files_of_documents_a_user_may_not_see_are_not_found(world, caller):
    plan = _submitted_plan(world)
    assert_error(caller("commune_drafter").get(f"/api/v1/files/{plan.files[0].id}"), 404, "not_found")
    assert_error(caller("drafter").get("/api/v1/files/987654"), 404, "not_found")


def test_a_vietnamese_file_name_gets_an_ascii_fallback():
    header = content_disposition("Quyết định khen thưởng 01/QĐ.docx")
    assert header.startswith('attachment; filename="Quyet dinh khen thuong 01QD.docx"; ')
    assert header.endswith("filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20khen%20th%C6%B0%E1%BB%9Fng"
                           "%2001%2FQ%C4%90.docx")


def test_register_lists_issued_documents_in_number_order(world, caller):
    plans = [new_plan(world, title=f"Kế hoạch số {i}") for i in range(3)]
    for plan in (plans[1], plans[0], plans[2]):
        advance(world, plan, "issued")
    year = plans[0].issued_on.year
    response = caller("approver").get(f"/api/v1/register?year={year}&series=KH")
    assert response.status_code == 200
    items = response.json["items"]
    assert [(i["seq"], i["document_id"]) for i in items] == [(1, plans[1].id), (2, plans[0].id), (3, plans[2].id)]
    first = items[0]
    assert (first["number"], first["series"], first["kind"], first["title"]) == (
        "01/KH-UBND", "KH", "plan", "Kế hoạch số 1")
    assert first["issued_on"] == plans[1].issued_on.isoformat() and first["recipients"]
    assert first["sha256"] is None   # issued here without generating files
    assert caller("approver").get(f"/api/v1/register?year={year}&series=QĐ").json["items"] == []
    assert caller("approver").get("/api/v1/register").json["items"] == items   # this year by default
    # The commune keeps its own register.
    assert caller("commune_drafter").get(f"/api/v1/register?year={year}").json["items"] == []


@pytest.mark.parametrize("query,status,field", [("year=abc", 400, "year"), ("year=10000", 422, "year"),
                                                ("series=" + "K" * 21, 422, "series"),
                                                ("series=" + "K" * 20 + "%19", 422, "series")])
def test_bad_register_queries(world, caller, query, status, field):
    assert_error(caller("archivist").get(f"/api/v1/register?{query}"), status,
                 "bad_request" if status == 400 else "validation", field)


def test_register_needs_a_token(world, anonymous):
    assert_error(anonymous.get("/api/v1/register"), 401, "unauthorized")


def test_verify_confirms_only_issued_files(world, anonymous):
    plan = _submitted_plan(world)
    draft_hash = plan.files[0].sha256
    for name, role in [("review", "reviewer"), ("approve", "approver"), ("issue", "archivist")]:
        apply_transition(plan, name, world.users[role])
    issued = next(f for f in plan.files if f.step == "issued")

    confirmed = anonymous.get(f"/api/v1/verify/{issued.sha256.upper()}")
    assert confirmed.status_code == 200
    assert confirmed.json == {"authentic": True, "number": plan.number, "issued_on": plan.issued_on.isoformat(),
                              "organization": "Ủy ban nhân dân huyện Càng Long", "title": plan.title}
    for unknown in (draft_hash, "0" * 64, "abc", "z" * 64, "%00" * 64):
        response = anonymous.get(f"/api/v1/verify/{unknown}")
        assert response.status_code == 404 and response.json["authentic"] is False
        assert set(response.json) == {"authentic", "error"}   # says nothing else about drafts


def test_verify_gives_the_issued_decision_s_trich_yeu_not_the_proposal_s(world, anonymous):
    """A proposal is issued as its decision: the check names it as the register does ("Về việc
    tặng …"), not by the Tờ trình's draft title ("Đề nghị tặng …")."""
    proposal = new_commendation(world)
    advance(world, proposal, "issued", generate=True)
    issued = next(f for f in proposal.files if f.step == "issued")
    confirmed = anonymous.get(f"/api/v1/verify/{issued.sha256}")
    assert confirmed.status_code == 200
    assert confirmed.json["number"] == proposal.number
    assert confirmed.json["title"] == proposal.listed_title
    assert confirmed.json["title"].startswith("Về việc tặng") and proposal.title.startswith("Đề nghị")


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200   # API.md's fields, and the throttling storage's (issue 12)
    assert response.json == {"status": "ok", "database": "ok", "rate_limit_storage": "ok"}


def test_the_register_defaults_to_the_office_year_not_the_machine_s(world, caller):
    """31 December 17:30 UTC is 1 January 00:30 in Vietnam: the register of the new year is the default."""
    with time_machine.travel(NEW_YEAR_IN_VIETNAM, tick=True):
        plan = new_plan(world)
        advance(world, plan, "issued")
        assert plan.issued_on == date(2027, 1, 1)
        items = caller("approver").get("/api/v1/register").json["items"]
    assert [i["document_id"] for i in items] == [plan.id]
