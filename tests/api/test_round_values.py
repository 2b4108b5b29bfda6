"""Issue 15, point 8: a round's values as long as the API accepts them survive every step: the
plan's body, its printed Kế hoạch, the proposal's period and its printed Tờ trình and Quyết định,
and the headings of the statistics of the round (page, .xlsx, API)."""
from __future__ import annotations

import copy
import io
from datetime import datetime, timezone

import pytest
import time_machine
from openpyxl import load_workbook

from tests.api.conftest import assert_error, plan_payload
from tests.domain import document_samples as s
from tests.factories import advance
from tests.web.conftest import Browser
from workflow_app.domain.validation import LIMITS
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile
from workflow_app.services import demo_data

AT = datetime(2025, 10, 1, 3, 0, tzinfo=timezone.utc)
_WORDS = ("Tổng kết đợt thi đua đặc biệt “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” "
          "& <Xã hội học tập> 'Gia đình, dòng họ, cộng đồng học tập' giai đoạn 2023 - 2030; ")
LONG = (_WORDS * 3)[:LIMITS["round_name"] - 1].rstrip() + "Ỹ"
assert len(LONG) <= LIMITS["round_name"]


def _rounds(name: str) -> list[dict]:
    rounds = copy.deepcopy(demo_data.PLAN_BODY["rounds"])
    rounds[0]["name"] = name
    rounds[0].pop("key")
    return rounds


def _files(document: Document) -> dict[str, bytes]:
    db.session.expire_all()
    rows = db.session.query(GeneratedFile).filter_by(document_id=document.id).order_by(GeneratedFile.id).all()
    return {f.template_name: f.content for f in rows}   # the newest of each


def test_a_round_name_one_past_the_limit_is_refused(world, caller):
    payload = plan_payload(body={**demo_data.PLAN_BODY, "rounds": _rounds("Đ" * (LIMITS["round_name"] + 1))})
    assert_error(caller("drafter").post("/api/v1/documents", json=payload), 422, "validation", "body.rounds[0].name")


def test_the_longest_round_name_survives_every_step(app, world, caller, tmp_path):
    assert len(LONG) == LIMITS["round_name"]
    with time_machine.travel(AT, tick=False):
        created = caller("drafter").post("/api/v1/documents",
                                         json=plan_payload(body={**demo_data.PLAN_BODY, "rounds": _rounds(LONG)}))
        assert created.status_code == 201, created.json
        plan = db.session.get(Document, created.json["id"])
        advance(world, plan, "issued", generate=True)
        shown = caller("commune_drafter").get(f"/api/v1/documents/{plan.id}").json["body"]["rounds"][0]
        assert shown["name"] == LONG and len(shown["key"]) <= LIMITS["round_key"]
        round_id = shown["id"]

        # the printed plan: the round's heading, whole; its Tờ trình names it; the files pass the checker
        plan_files = _files(plan)
        assert f"1. {LONG}" in s.paragraphs(plan_files["ke-hoach"])
        assert f"{LONG} (hạn gửi hồ sơ đề nghị trước ngày 31 tháng 10 năm 2025)" in s.text(
            plan_files["to-trinh-ke-hoach"])
        for name, content in plan_files.items():
            (tmp_path / f"plan-{name}.docx").write_bytes(content)

        # the proposal takes it as its period, and prints it in its Tờ trình and its decision
        body = {**demo_data.COMMENDATION_BODY, "round_id": round_id}
        del body["period"]
        proposal = caller("commune_drafter").post("/api/v1/documents", json={
            "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": body,
            "nominees": demo_data.NOMINEES[:2]})
        assert proposal.status_code == 201, proposal.json
        assert proposal.json["body"]["period"] == LONG
        document = db.session.get(Document, proposal.json["id"])
        advance(world, document, "issued", generate=True)
        files = _files(document)
        in_sentence = "đợt " + LONG[0].lower() + LONG[1:]
        for name, content in files.items():
            if name in ("to-trinh-khen-thuong", "quyet-dinh-khen-thuong"):
                assert in_sentence in s.text(content), name
                (tmp_path / f"{name}.docx").write_bytes(content)
        assert {"to-trinh-khen-thuong", "quyet-dinh-khen-thuong"} <= set(files)
        db.session.expire_all()
        assert db.session.get(Document, document.id).listed_title.endswith(in_sentence)
        drafts, finals = [], []
        for path in sorted(tmp_path.glob("*.docx")):
            number = next(p for p in s.paragraphs(path.read_bytes()) if p.startswith("Số:")).split(":")[1].strip()
            (finals if number[:1].isdigit() else drafts).append(path)
        assert len(finals) >= 3
        failures = {**s.check_format(drafts, draft=True), **s.check_format(finals, draft=False)}
        assert {path: f for path, f in failures.items() if f} == {}

    # the statistics of the round name it: API, page, workbook
    data = caller("reviewer").get(f"/api/v1/statistics?round_id={round_id}").json
    assert (data["round"]["name"], data["total"]) == (LONG, 2)
    reviewer = Browser(app).login("reviewer")
    html = reviewer.get(f"/statistics/?year=all&round_id={round_id}").get_data(as_text=True)
    escaped = LONG.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    assert f"Đợt khen thưởng: {escaped}" in html
    workbook = reviewer.get(f"/statistics/statistics.xlsx?year=all&round_id={round_id}")
    sheet = load_workbook(io.BytesIO(workbook.data))["Theo hình thức"]
    assert sheet["A1"].value == f"THỐNG KÊ KHEN THƯỞNG – {LONG.upper()}"
    assert f"Đợt khen thưởng: {LONG} (Kế hoạch " in sheet["A2"].value


@pytest.mark.parametrize("name,reason", [
    ("Tập thể | khối trường học", "Tên nhóm không được chứa dấu “|”."),
    ("- Cá nhân tiêu biểu", "Tên nhóm không được bắt đầu bằng dấu “-”, “+”, “•” hoặc “*”."),
])
def test_a_group_name_the_editor_could_not_show_is_refused_with_a_reason(world, caller, name, reason):
    rounds = [{**demo_data.PLAN_BODY["rounds"][0],
               "groups": [{"name": name, "kind": "individual", "awards": ["giay_khen"]}]}]
    refused = caller("drafter").post("/api/v1/documents", json=plan_payload(
        body={**demo_data.PLAN_BODY, "rounds": rounds}))
    error = assert_error(refused, 422, "validation", "body.rounds[0].groups[0].name")
    assert error["fields"]["body.rounds[0].groups[0].name"] == reason


def test_the_widest_group_values_and_the_farthest_deadline_print_and_pass_the_checker(world, caller, tmp_path):
    group_name = ("Cá nhân tiêu biểu “học tập suốt đời” & <gia đình học tập> " * 5)[:LIMITS["group_name"] - 1] + "Ỹ"
    criterion = ("Gương mẫu học tập suốt đời; tích cực vận động người dân tham gia học tập, " * 40)[
        :LIMITS["criterion"] - 1] + "Ỹ"
    rounds = [{"key": "k" * LIMITS["round_key"], "name": LONG, "proposals_due": "9999-12-31", "groups": [
        {"name": group_name, "kind": "individual", "awards": ["giay_khen"], "criteria": [criterion] * 3}]}]
    with time_machine.travel(AT, tick=False):
        created = caller("drafter").post("/api/v1/documents",
                                         json=plan_payload(body={**demo_data.PLAN_BODY, "rounds": rounds}))
        assert created.status_code == 201, created.json
        plan = db.session.get(Document, created.json["id"])
        advance(world, plan, "issued", generate=True)
        printed = _files(plan)["ke-hoach"]
        paras = s.paragraphs(printed)
        assert f"1. {LONG}" in paras and f"a) {group_name}:" in paras
        assert "Thời hạn gửi hồ sơ đề nghị: trước ngày 31 tháng 12 năm 9999." in paras
        assert f"- {criterion};" in paras and f"- {criterion}." in paras
        (tmp_path / "ke-hoach.docx").write_bytes(printed)
        assert {path: f for path, f in s.check_format([tmp_path / "ke-hoach.docx"], draft=False).items() if f} == {}
        # a proposal in it is in time
        round_id = caller("commune_drafter").get(f"/api/v1/documents/{plan.id}").json["body"]["rounds"][0]["id"]
        body = {**demo_data.COMMENDATION_BODY, "round_id": round_id}
        del body["period"]
        proposal = caller("commune_drafter").post("/api/v1/documents", json={
            "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": body,
            "nominees": demo_data.NOMINEES[:1]})
        assert proposal.status_code == 201, proposal.json
        document = db.session.get(Document, proposal.json["id"])
        advance(world, document, "submitted")
        assert caller("reviewer").get(f"/api/v1/documents/{document.id}").json["late"] is False
