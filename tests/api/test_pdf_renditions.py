"""GET /api/v1/files/{id}/pdf (API.md "Signed PDF"): 202 pending with Retry-After while the PDF is
being made, 200 application/pdf when ready, 404 as for the file itself; a failed one says so and
POST /api/v1/pdfs/{id}/retry starts it over."""
from __future__ import annotations

import hashlib

import pytest

from tests.api.conftest import assert_error
from tests.factories import new_plan
from tests.pdf_support import pdf_settings
from workflow_app.services import pdf_convert, pdf_renditions
from workflow_app.services.transitions import apply_transition


class StubConverter:
    """Stands in for LibreOffice where the test is about the queue, not the conversion."""

    def __init__(self, fail: bool = False):
        self.fail, self.calls = fail, 0

    def convert(self, data, *, pdfa=False):
        self.calls += 1
        if self.fail:
            raise pdf_convert.ConversionError("LibreOffice không chuyển được tệp: thử nghiệm.")
        return b"%PDF-1.6\n1 0 obj << /Type /Page >> endobj\n%%EOF\n", "stub"


def _submitted(app, world):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual"):
        apply_transition(plan, "submit", world.users["unit_head"])
    return plan


def test_pending_then_ready(app, world, caller, monkeypatch):
    monkeypatch.setattr(pdf_renditions, "converter", lambda: StubConverter())
    plan = _submitted(app, world)
    file_id = plan.files[0].id
    drafter = caller("drafter")
    listed = drafter.get(f"/api/v1/documents/{plan.id}").json["files"][0]
    assert listed["pdf_url"] == f"/api/v1/files/{file_id}/pdf"

    pending = drafter.get(f"/api/v1/files/{file_id}/pdf")
    assert pending.status_code == 202 and pending.json["status"] == "pending"
    assert int(pending.headers["Retry-After"]) > 0
    with pdf_settings(app, PDF_QUEUE="manual"):
        assert set(pdf_renditions.run_pending().values()) == {"ready"}

    ready = drafter.get(f"/api/v1/files/{file_id}/pdf")
    assert ready.status_code == 200 and ready.headers["Content-Type"] == "application/pdf"
    assert ready.data.startswith(b"%PDF") and ready.headers["ETag"] == f'"{hashlib.sha256(ready.data).hexdigest()}"'
    assert ready.headers["Content-Disposition"].endswith(".pdf")
    assert drafter.get(f"/api/v1/files/{file_id}/pdf", headers={"If-None-Match": ready.headers["ETag"]}) \
        .status_code == 304
    assert_error(drafter.post(f"/api/v1/pdfs/{file_id}/retry"), 409, "conflict")


def test_a_failed_pdf_says_so_and_post_starts_it_over(app, world, caller, monkeypatch):
    failing = StubConverter(fail=True)
    monkeypatch.setattr(pdf_renditions, "converter", lambda: failing)
    plan = _submitted(app, world)
    file_id = plan.files[0].id
    with pdf_settings(app, PDF_QUEUE="manual", PDF_MAX_ATTEMPTS=2):
        assert set(pdf_renditions.run_pending().values()) == {"failed"}
    assert failing.calls == 2 * len(plan.files)
    drafter = caller("drafter")
    failed = drafter.get(f"/api/v1/files/{file_id}/pdf")
    assert failed.status_code == 202 and failed.json["status"] == "failed" and failed.json["attempts"] == 2
    assert "thử nghiệm" in failed.json["error"] and "Retry-After" not in failed.headers

    monkeypatch.setattr(pdf_renditions, "converter", lambda: StubConverter())
    with pdf_settings(app, PDF_QUEUE="manual"):
        again = drafter.post(f"/api/v1/pdfs/{file_id}/retry")
        assert again.status_code == 202 and again.json == {"status": "pending", "attempts": 0}
        assert pdf_renditions.run_pending() == {file_id: "ready"}
    assert drafter.get(f"/api/v1/files/{file_id}/pdf").status_code == 200


def test_the_pdf_of_a_file_the_user_may_not_see_is_not_found(app, world, caller):
    plan = _submitted(app, world)
    outsider = caller("commune_drafter")
    assert_error(outsider.get(f"/api/v1/files/{plan.files[0].id}/pdf"), 404, "not_found")
    assert_error(outsider.post(f"/api/v1/pdfs/{plan.files[0].id}/retry"), 404, "not_found")
    assert_error(caller("drafter").get("/api/v1/files/987654/pdf"), 404, "not_found")


def test_a_file_older_than_the_pdfs_is_asked_for_on_its_first_get(app, world, caller):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])   # PDF_QUEUE off: no rendition recorded
    file_id = plan.files[0].id
    assert pdf_renditions.of_file(file_id) is None
    with pdf_settings(app, PDF_QUEUE="manual"):
        assert caller("drafter").get(f"/api/v1/files/{file_id}/pdf").status_code == 202
        assert pdf_renditions.of_file(file_id).status == "pending"
        assert pdf_renditions.backfill() == (len(plan.files) - 1, len(plan.files))


@pytest.mark.parametrize("broken", ["redis", "database"])
def test_a_step_stands_whatever_happens_to_its_pdfs(app, world, monkeypatch, broken):
    """The PDFs are asked for after the commit: a queue that cannot be reached is logged, not raised."""
    plan = new_plan(world)
    if broken == "redis":
        settings = {"PDF_QUEUE": "rq", "REDIS_URL": "redis://127.0.0.1:1/0"}
    else:
        settings = {"PDF_QUEUE": "manual"}
        monkeypatch.setattr(pdf_renditions, "_record_pending", lambda ids: 1 / 0)
    with pdf_settings(app, **settings):
        event = apply_transition(plan, "submit", world.users["unit_head"])
    assert event.id and plan.state == "submitted"
