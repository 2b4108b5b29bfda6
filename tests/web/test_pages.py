"""Error pages, the API's JSON errors left alone, the list filters, the diagram."""
from __future__ import annotations

import re

from tests.factories import advance, issued_plan, new_commendation, new_plan
from workflow_app.domain.workflows import DEFINITIONS
from workflow_app.services.transitions import apply_transition


def test_404_page_is_vietnamese(world, as_user):
    response = as_user("drafter").get("/khong-co-trang-nay")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_api_paths_keep_json_errors(world, browser):
    response = browser.get("/api/v1/khong-co")
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["error"]["code"] == "not_found"


def test_500_page_is_vietnamese_and_api_500_is_json(tmp_path):
    from workflow_app import create_app
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}", "SECRET_KEY": "x"})

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    @app.get("/api/boom")
    def api_boom():
        raise RuntimeError("boom")

    client = app.test_client()
    page = client.get("/boom")
    assert page.status_code == 500 and "Lỗi hệ thống" in page.get_data(as_text=True)
    api = client.get("/api/boom")
    assert api.status_code == 500 and api.get_json()["error"]["code"] == "internal_error"


def test_list_filters_search_and_pages(world, as_user):
    plan = issued_plan(world)
    draft = new_plan(world, title="Kế hoạch tổ chức Hội thi “Gia đình học tập”")
    drafter = as_user("drafter")
    found = drafter.get("/documents?q=gia+dinh+hoc+tap").get_data(as_text=True)
    assert f'/documents/{draft.id}"' in found and f'/documents/{plan.id}"' not in found
    issued_only = drafter.get("/documents?state=issued&kind=plan").get_data(as_text=True)
    assert f'/documents/{plan.id}"' in issued_only and f'/documents/{draft.id}"' not in issued_only
    assert "Tìm thấy 2 văn bản." in drafter.get("/documents?mine=1").get_data(as_text=True)
    for _ in range(20):
        new_plan(world)
    first = drafter.get("/documents").get_data(as_text=True)
    assert "Trang 1 / 2" in first and "page=2" in first
    second = drafter.get("/documents?page=2").get_data(as_text=True)
    assert len(re.findall(r'class="list-group-item text-break"', second)) == 2


def test_diagram_is_drawn_from_the_definitions(world, as_user):
    for kind, definition in DEFINITIONS.items():
        html = as_user("drafter").get(f"/workflows/{kind}").get_data(as_text=True)
        assert "<svg" in html
        for state in definition.states:
            assert f">{state.label}</text>" in html
        for t in definition.transitions:
            assert t.label in html
        assert html.count('class="wf-state wf-state-') == len(definition.states)
        assert "Không phải người soạn, người trình, người thẩm định của văn bản (tách bạch nhiệm vụ)." in html
        assert "Không phải người ký của văn bản (tách bạch nhiệm vụ)." in html
    assert as_user("drafter").get("/workflows/memo").status_code == 404


def test_progress_and_next_step_on_the_document_page(world, as_user):
    plan = new_plan(world)
    advance(world, plan, "reviewed")
    html = as_user("approver").get(f"/documents/{plan.id}").get_data(as_text=True)
    assert html.count("wf-step wf-done") == 2 and 'aria-current="step"' in html
    assert "Bước tiếp theo" in html and "Phê duyệt" in html


def test_a_lost_database_answers_503_as_a_page_and_in_the_api_shape(tmp_path):
    from sqlalchemy.exc import OperationalError

    from workflow_app import create_app
    from workflow_app.unavailable import MESSAGE
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}", "SECRET_KEY": "x"})

    def gone():
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
    app.add_url_rule("/gone", "gone", gone)
    app.add_url_rule("/api/gone", "api_gone", gone)

    client = app.test_client()
    page = client.get("/gone")
    assert page.status_code == 503 and page.headers["Retry-After"] == "5"
    assert page.mimetype == "text/html" and MESSAGE in page.get_data(as_text=True)
    api = client.get("/api/gone")
    assert api.status_code == 503 and api.headers["Retry-After"] == "5"
    assert api.get_json() == {"error": {"code": "service_unavailable", "message": MESSAGE, "fields": {}}}


def test_the_issued_decision_shows_each_awardees_gold_book_number(world, as_user):
    """Issue 13, point 3: the số sổ vàng printed on each certificate (the awardee's row in the
    decision's Danh sách) shows on the document page once the decision is issued."""
    proposal = new_commendation(world)
    advance(world, proposal, "approved")
    approver = as_user("approver")
    assert "Số sổ vàng" not in approver.get(f"/documents/{proposal.id}").get_data(as_text=True)
    apply_transition(proposal, "issue", world.users["archivist"], generate=False)
    page = approver.get(f"/documents/{proposal.id}").get_data(as_text=True)
    shown = re.findall(r'class="small wf-gold-book">Số sổ vàng: (\d+)<', page)
    assert shown == [str(i) for i in range(1, len(proposal.nominees) + 1)]
