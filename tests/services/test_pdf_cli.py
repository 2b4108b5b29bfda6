"""`flask pdf-backfill` asks for the PDFs of files that have none; `flask pdf-worker --burst`
without Redis converts what is pending in the database (the converter stubbed: the conversion
itself is tested in tests/rendering/test_pdf_renditions.py)."""
from __future__ import annotations

from tests.api.test_pdf_renditions import StubConverter
from tests.factories import new_plan
from tests.pdf_support import pdf_settings
from workflow_app.services import pdf_renditions
from workflow_app.services.transitions import apply_transition


def test_backfill_then_a_burst_worker_without_redis(app, world, monkeypatch):
    plan = new_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"])   # PDF_QUEUE off: no PDF asked for
    files = [f.id for f in plan.files]
    monkeypatch.setattr(pdf_renditions, "converter", lambda: StubConverter())
    runner = app.test_cli_runner()
    with pdf_settings(app, PDF_QUEUE="thread", REDIS_URL=""):
        result = runner.invoke(args=["pdf-backfill"])
        assert result.exit_code == 0, result.output
        assert f"Đã ghi nhận {len(files)} bản PDF cần tạo" in result.output
        assert all(pdf_renditions.of_file(i).status == "pending" for i in files)
        result = runner.invoke(args=["pdf-worker", "--burst"])
        assert result.exit_code == 0, result.output
    assert all(pdf_renditions.of_file(i, with_content=True).content.startswith(b"%PDF") for i in files)
    assert all(f"tệp {i}: ready" in result.output for i in files)
