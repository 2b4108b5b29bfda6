"""PAdES B-T (services/timestamping.py): with SIGNING_TSA_URL set, the approver's signature and the
seal each carry a token from that time-stamping authority, reached over HTTP (tests/tsa_server.py:
a real RFC 3161 exchange); verification reports the time it attests. A TSA that does not answer
refuses the step with nothing changed; a token from an untrusted TSA is not authentic."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from tests.api.conftest import assert_error
from tests.factories import advance, new_plan, snapshot
from tests.signing_support import PIN, sign_digitally
from tests.tsa_server import TsaServer
from workflow_app.extensions import db
from workflow_app.models import DocumentSignature
from workflow_app.services import demo_pki

pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def ca(world):
    return sign_digitally(world)


@pytest.fixture
def tsa(app, ca, monkeypatch):
    server = TsaServer(ca)
    monkeypatch.setitem(app.config, "SIGNING_TSA_URL", server.url)
    yield server
    server.stop()


def _reviewed_plan(world):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    return plan


def _step(caller, who, plan, transition, **extra):
    return caller(who).post(f"/api/v1/documents/{plan.id}/transitions", json={"transition": transition, **extra})


def _issued_pdf_report(caller, plan):
    shown = caller("archivist").get(f"/api/v1/documents/{plan.id}").json
    seal = shown["signatures"][-1]
    pdf = caller("archivist").get(f"/api/v1/files/{seal['file_id']}").data
    return caller("archivist").post("/api/v1/verify", data=pdf, content_type="application/pdf").json


def test_both_signatures_carry_the_tsas_time_and_verify(world, caller, tsa):
    plan = _reviewed_plan(world)
    assert _step(caller, "approver", plan, "approve", signing_pin=PIN).status_code == 200
    assert _step(caller, "archivist", plan, "issue").status_code == 200
    assert tsa.requests >= 2   # one token a signature (pyHanko is given the room: no sample token)
    report = _issued_pdf_report(caller, plan)
    assert report["authentic"] is True, report
    assert [s["role"] for s in report["signatures"]] == ["approver", "organization"]
    now = datetime.now(timezone.utc)
    for signature in report["signatures"]:
        attested = datetime.fromisoformat(signature["timestamped_at"])
        assert abs((now - attested).total_seconds()) < 600, signature


def test_without_a_tsa_the_signatures_have_no_timestamp(world, caller, ca):
    plan = _reviewed_plan(world)
    assert _step(caller, "approver", plan, "approve", signing_pin=PIN).status_code == 200
    assert _step(caller, "archivist", plan, "issue").status_code == 200
    report = _issued_pdf_report(caller, plan)
    assert report["authentic"] is True
    assert [s["timestamped_at"] for s in report["signatures"]] == [None, None]


def test_a_tsa_that_does_not_answer_refuses_approve_with_nothing_changed(world, caller, tsa):
    plan = _reviewed_plan(world)
    before = snapshot(plan.id)
    tsa.answering = False
    refused = _step(caller, "approver", plan, "approve", signing_pin=PIN)
    assert_error(refused, 422, "validation", "signature")
    assert "dấu thời gian" in refused.json["error"]["fields"]["signature"]
    assert snapshot(plan.id) == before
    assert db.session.scalar(select(func.count()).select_from(DocumentSignature)) == 0


def test_a_tsa_that_does_not_answer_refuses_issue_and_gives_no_number(world, caller, tsa):
    plan = _reviewed_plan(world)
    assert _step(caller, "approver", plan, "approve", signing_pin=PIN).status_code == 200
    before = snapshot(plan.id)
    tsa.answering = False
    refused = _step(caller, "archivist", plan, "issue")
    assert_error(refused, 422, "validation", "seal")
    assert "dấu thời gian" in refused.json["error"]["fields"]["seal"]
    assert snapshot(plan.id) == before   # no number taken, no file, no history
    tsa.answering = True
    assert _step(caller, "archivist", plan, "issue").status_code == 200


def test_a_token_from_an_untrusted_tsa_is_not_authentic(world, caller, ca, app, monkeypatch):
    stranger = TsaServer(demo_pki.make_ca(datetime.now(timezone.utc), name="CA lạ"))
    monkeypatch.setitem(app.config, "SIGNING_TSA_URL", stranger.url)
    try:
        plan = _reviewed_plan(world)
        assert _step(caller, "approver", plan, "approve", signing_pin=PIN).status_code == 200
        assert _step(caller, "archivist", plan, "issue").status_code == 200
        report = _issued_pdf_report(caller, plan)
    finally:
        stranger.stop()
    assert report["authentic"] is False
    assert any("dấu thời gian không do máy chủ cấp dấu thời gian tin cậy cấp" in r for r in report["reasons"]), report


def test_the_public_page_shows_the_attested_time(world, caller, client, tsa):
    import html
    from io import BytesIO
    plan = _reviewed_plan(world)
    assert _step(caller, "approver", plan, "approve", signing_pin=PIN).status_code == 200
    assert _step(caller, "archivist", plan, "issue").status_code == 200
    seal = caller("archivist").get(f"/api/v1/documents/{plan.id}").json["signatures"][-1]
    pdf = caller("archivist").get(f"/api/v1/files/{seal['file_id']}").data
    page = client.post("/xac-thuc", data={"tep": (BytesIO(pdf), "van-ban.pdf", "application/pdf")},
                       content_type="multipart/form-data")
    assert page.status_code == 200
    assert html.unescape(page.get_data(as_text=True)).count("Dấu thời gian tin cậy:") == 2
