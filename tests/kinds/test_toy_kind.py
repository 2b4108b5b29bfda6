"""A kind is data: a third kind, registered by the test alone, goes from draft to issued through
the API and the web UI with its own workflow, body, editor, preview and generated document."""
from __future__ import annotations

import io
import shutil

import pytest
from docx import Document as DocxDocument
from jinja2 import ChoiceLoader, DictLoader

from tests.api.conftest import Caller
from tests.domain.document_samples import check_format
from tests.kinds import toy_report
from tests.web.conftest import Browser
from workflow_app.domain.documents.contexts import template_names
from workflow_app.domain.documents.masters import DEFAULT_TEMPLATE_DIR
from workflow_app.domain.kinds import KINDS, registered
from workflow_app.extensions import db
from workflow_app.models import Document
from workflow_app.services import tokens

BODY = {"period": "6 tháng đầu năm 2024",
        "findings": ["Các trung tâm học tập cộng đồng đã tổ chức 12 lớp chuyên đề về chuyển đổi số, pháp luật "
                     "và kỹ năng sống cho người dân trên địa bàn.", "Có 3.450 lượt người tham gia."],
        "recipients": ["UBND các xã, thị trấn"]}


@pytest.fixture
def toy_kind(app, tmp_path):
    """The report kind registered, its master among copies of the shipped ones, its templates loadable."""
    templates = tmp_path / "masters"
    templates.mkdir()
    for name in template_names():
        shutil.copy(DEFAULT_TEMPLATE_DIR / f"{name}.docx", templates / f"{name}.docx")
    toy_report.build_master(templates / f"{toy_report.MASTER}.docx")
    saved_dir, saved_loader = app.config["DOCUMENT_TEMPLATES"], app.jinja_env.loader
    app.config["DOCUMENT_TEMPLATES"] = str(templates)
    app.jinja_env.loader = ChoiceLoader([DictLoader(toy_report.TEMPLATES), saved_loader])
    try:
        with registered(toy_report.KIND) as kind:
            yield kind
    finally:
        app.config["DOCUMENT_TEMPLATES"], app.jinja_env.loader = saved_dir, saved_loader
    assert "report" not in KINDS


def _api(client, user) -> Caller:
    return Caller(client, tokens.issue(user)[0])


def _issued_file(document: dict, caller: Caller) -> bytes:
    issued = [f for f in document["files"] if f["step"] == "issued"]
    assert [f["name"] for f in issued] == [f"{toy_report.MASTER}.docx"]
    response = caller.get(issued[0]["url"])
    assert response.status_code == 200
    return response.data


def test_the_toy_kind_goes_from_draft_to_issued_through_the_api(toy_kind, world, client, tmp_path):
    drafter, approver, archivist = (_api(client, world.users[r]) for r in ("drafter", "approver", "archivist"))
    assert "report" in client.get("/api/v1/openapi.json").json["components"]["schemas"]["DocumentCreate"][
        "properties"]["kind"]["enum"]

    refused = drafter.post("/api/v1/documents", json={"kind": "report", "title": "Sơ kết", "body": {}})
    assert refused.status_code == 422 and "body.period" in refused.json["error"]["fields"]   # its own rule

    created = drafter.post("/api/v1/documents", json={"kind": "report", "title": "Sơ kết 6 tháng đầu năm 2024 "
                                                      "phong trào xây dựng xã hội học tập", "body": BODY})
    assert created.status_code == 201, created.json
    doc = created.json
    assert doc["available_transitions"] == ["submit"]

    doc = drafter.fire(doc, "submit").json
    assert doc["state"] == "submitted" and approver.get(f"/api/v1/documents/{doc['id']}").json[
        "available_transitions"] == ["approve"]          # its own workflow: approved without a review
    wrong = approver.fire(doc, "approve", issued_on="2024-07-01")
    assert wrong.status_code == 422 and wrong.json["error"]["fields"] == {"issued_on": "Không dùng cho thao tác này."}
    doc = approver.fire(doc, "approve", signer_form="KT").json
    assert doc["state"] == "approved" and doc["signer"]["form"] == "KT"
    doc = archivist.fire(doc, "issue").json
    assert doc["state"] == "issued" and doc["number"].endswith("/BC-UBND")

    content = _issued_file(doc, archivist)
    path = tmp_path / "issued.docx"
    path.write_bytes(content)
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(content)).paragraphs)
    assert "BÁO CÁO" in text and "Kỳ báo cáo: 6 tháng đầu năm 2024." in text
    assert "Có 3.450 lượt người tham gia." in text
    assert check_format([path], draft=False) == {str(path): []}
    assert [h["transition"] for h in doc["history"]] == ["submit", "approve", "issue"]


def test_the_toy_kind_goes_from_draft_to_issued_through_the_web_ui(toy_kind, world, app):
    def as_user(username):
        return Browser(app).login(username)

    drafter = as_user("drafter")
    home = drafter.get("/").get_data(as_text=True)
    assert "Soạn báo cáo sơ kết" in home                       # its compose button, from its definition
    page = drafter.get("/documents/new/report")
    assert page.status_code == 200 and "data-toy-editor" in page.get_data(as_text=True)
    form = {"title": "Sơ kết 6 tháng đầu năm 2024", "period": BODY["period"],
            "findings": "\n".join(BODY["findings"]), "recipients": "UBND các xã, thị trấn", "op": "save"}
    created = drafter.post("/documents/new/report", form)
    assert created.status_code == 303, created.get_data(as_text=True)[:2000]
    url = created.headers["Location"]
    document_id = int(url.rsplit("/", 1)[1])
    shown = drafter.get(url).get_data(as_text=True)
    assert "data-toy-preview" in shown and "Có 3.450 lượt người tham gia." in shown
    assert "Nhập danh sách từ Excel" not in shown             # no nominees in this kind

    edit = drafter.get(f"/documents/{document_id}/edit").get_data(as_text=True)
    assert "6 tháng đầu năm 2024" in edit

    def fire(browser, name, **fields):
        page = browser.get(f"/documents/{document_id}/transitions/{name}")
        assert page.status_code == 200, page.get_data(as_text=True)[:1000]
        version = db.session.get(Document, document_id).version
        return browser.post(f"/documents/{document_id}/transitions/{name}", {"version": version, **fields})

    done = fire(drafter, "submit")
    assert done.status_code == 303
    assert "Đã trình báo cáo." in drafter.get(url).get_data(as_text=True)   # its own message
    approver = as_user("approver")
    approve_page = approver.get(f"/documents/{document_id}/transitions/approve").get_data(as_text=True)
    assert 'name="signer_form"' in approve_page and 'name="issued_on"' not in approve_page
    assert fire(approver, "approve", signer_form="KT").status_code == 303
    archivist = as_user("archivist")
    assert fire(archivist, "issue").status_code == 303
    db.session.expire_all()
    report = db.session.get(Document, document_id)
    assert report.state == "issued" and report.number.endswith("/BC-UBND")
    issued = [f for f in report.files if f.step == "issued"]
    assert [f.file_name for f in issued] == [f"{toy_report.MASTER}.docx"]
    download = archivist.get(f"/files/{issued[0].id}")
    assert download.status_code == 200 and download.data == issued[0].content
    assert "Đã ban hành báo cáo số" in archivist.get(url).get_data(as_text=True)


def test_a_kind_naming_an_unknown_guard_effect_or_master_is_refused_at_registration():
    from dataclasses import replace

    from workflow_app.domain.workflows.model import TransitionDef
    for typo in ({"requires": ("tittle",)}, {"effects": ("sing",)}, {"generates": ("bao-cao",)}):
        steps = (TransitionDef("submit", "draft", "submitted", "Trình", roles=("drafter",), scope="owner_unit",
                               **typo),)
        broken = replace(toy_report.KIND, definition=replace(toy_report.WORKFLOW, transitions=steps))
        with pytest.raises(ValueError, match="names unknown"):
            with registered(broken):
                pass
        assert "report" not in KINDS
