"""The document page lists each generated file's PDF: "Xem PDF" when ready, "đang tạo bản PDF"
while pending (static/js/pdf-status.js polls /files/pdf-status and reloads), "Lỗi tạo PDF — thử
lại" when failed, which starts it over."""
from __future__ import annotations

from tests.api.test_pdf_renditions import StubConverter
from tests.factories import new_plan
from tests.pdf_support import pdf_settings
from workflow_app.services import pdf_renditions
from workflow_app.services.transitions import apply_transition


def test_the_page_shows_each_pdf_as_it_stands(app, world, as_user, monkeypatch):
    plan = new_plan(world)
    with pdf_settings(app, PDF_QUEUE="manual", PDF_MAX_ATTEMPTS=1):
        apply_transition(plan, "submit", world.users["unit_head"])
        first, second = [f.id for f in plan.files][:2]
        drafter = as_user("drafter")
        page = drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
        assert page.count("đang tạo bản PDF") == len(plan.files)
        assert "js/pdf-status.js" in page and 'data-wf-pdf-status="/files/pdf-status"' in page
        assert drafter.get(f"/files/pdf-status?ids={first},{second}").json == {str(first): "pending",
                                                                               str(second): "pending"}
        assert drafter.get(f"/files/{first}/pdf").status_code == 303   # not made yet: back to the page

        monkeypatch.setattr(pdf_renditions, "converter", lambda: StubConverter())
        pdf_renditions.run_until_settled(first)
        monkeypatch.setattr(pdf_renditions, "converter", lambda: StubConverter(fail=True))
        pdf_renditions.run_until_settled(second)
        page = drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
        assert f'href="/files/{first}/pdf"' in page and "Xem PDF" in page
        assert f'action="/pdfs/{second}/retry"' in page and "Lỗi tạo PDF — thử lại" in page
        shown = drafter.get(f"/files/{first}/pdf")
        assert shown.status_code == 200 and shown.mimetype == "application/pdf"
        assert "inline" in shown.headers["Content-Disposition"]

        monkeypatch.setattr(pdf_renditions, "converter", lambda: StubConverter())
        assert drafter.post(f"/pdfs/{second}/retry").status_code == 303
        assert pdf_renditions.of_file(second).status == "pending"
        assert drafter.get(f"/files/pdf-status?ids={second}").json == {str(second): "pending"}
    outsider = as_user("drafter.antruong")
    assert outsider.get(f"/files/{first}/pdf").status_code == 404
    assert outsider.get(f"/files/pdf-status?ids={first}").json == {}
