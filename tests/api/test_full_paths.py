"""A plan and a commendation from draft to issue through the API alone, by five people, each
with their own token: the issued file is downloaded, passes the format checker, and verifies."""
from __future__ import annotations

from datetime import date

from tests.api.conftest import assert_error, commendation_payload, plan_payload, sign_in
from tests.domain.document_samples import check_format
from workflow_app.domain.clock import local_today
from workflow_app.services import demo_data

MAIN_PATH = [("unit_head", "submit", "submitted"), ("reviewer", "review", "reviewed"),
             ("approver", "approve", "approved"), ("archivist", "issue", "issued")]


def _people(client) -> dict:
    return {role: sign_in(client, username) for role, username in [
        ("drafter", "drafter"), ("reviewer", "reviewer"), ("approver", "approver"),
        ("archivist", "archivist"), ("commune_drafter", "drafter.antruong"),
        ("unit_head", "truongphong.nv"), ("commune_approver", "approver.antruong")]}


def _step(caller, document: dict, transition: str, expected_state: str, **fields) -> dict:
    response = caller.fire(document, transition, **fields)
    assert response.status_code == 200, response.json
    after = response.json
    assert after["state"] == expected_state and after["version"] > document["version"]
    assert after["history"][-1]["transition"] == transition
    return after


def _issued_file_passes_the_format_check(caller, document: dict, register_sha256: str, tmp_path) -> dict:
    issued = [f for f in document["files"] if f["step"] == "issued"]
    main = next(f for f in issued if f["sha256"] == register_sha256)
    response = caller.get(main["url"])
    assert response.status_code == 200
    assert response.headers["Content-Type"] == \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["ETag"] == f'"{main["sha256"]}"'
    path = tmp_path / main["name"]
    path.write_bytes(response.data)
    assert check_format([path], draft=False) == {str(path): []}
    return main


def _register_row(caller, document: dict) -> dict:
    year = date.fromisoformat(document["issued_on"]).year
    rows = caller.get(f"/api/v1/register?year={year}").json["items"]
    return next(r for r in rows if r["document_id"] == document["id"] and r["number"] == document["number"])


def test_plan_from_draft_to_issued_and_verified(client, world, anonymous, tmp_path):
    people = _people(client)
    created = people["drafter"].post("/api/v1/documents", json=plan_payload())
    assert created.status_code == 201
    plan = created.json
    # The drafter prepares it; the head of Phòng Nội vụ signs its Tờ trình and submits it.
    assert (plan["state"], plan["available_transitions"], plan["created_by"]) == ("draft", [], "drafter")
    assert_error(people["drafter"].fire(plan, "submit"), 403, "forbidden")
    plan = people["unit_head"].get(f"/api/v1/documents/{plan['id']}").json
    assert plan["available_transitions"] == ["submit"]
    plan = _step(people["unit_head"], plan, "submit", "submitted", comment="Kính trình lãnh đạo xem xét.")
    draft_file = plan["files"][0]
    assert plan["history"][0]["file_ids"] == [f["id"] for f in plan["files"]]
    plan = _step(people["reviewer"], plan, "review", "reviewed", comment="Thống nhất nội dung.")
    plan = _step(people["approver"], plan, "approve", "approved", signer_form="KT")
    assert plan["signer"] == {"full_name": "Phạm Minh Tuấn", "position": "Phó Chủ tịch", "form": "KT"}
    assert plan["number"] is None
    plan = _step(people["archivist"], plan, "issue", "issued")

    assert plan["number"].endswith("/KH-UBND") and plan["issued_on"] == local_today().isoformat()
    assert [h["actor"] for h in plan["history"]] == ["truongphong.nv", "reviewer", "approver", "archivist"]
    assert [(h["from"], h["to"]) for h in plan["history"]] == [
        ("draft", "submitted"), ("submitted", "reviewed"), ("reviewed", "approved"), ("approved", "issued")]
    for person in people.values():   # issued: everyone in the district and the commune sees it, nobody acts
        seen = person.get(f"/api/v1/documents/{plan['id']}")
        assert seen.status_code == 200 and seen.json["available_transitions"] == []

    row = _register_row(people["archivist"], plan)
    assert (row["series"], row["kind"], row["seq"]) == ("KH", "plan", int(plan["number"].split("/")[0]))
    issued = _issued_file_passes_the_format_check(people["archivist"], plan, row["sha256"], tmp_path)

    verified = anonymous.get(f"/api/v1/verify/{issued['sha256']}")
    assert verified.status_code == 200
    assert verified.json == {"authentic": True, "number": plan["number"], "issued_on": plan["issued_on"],
                             "organization": "Ủy ban nhân dân huyện Càng Long", "title": plan["title"]}
    not_issued = anonymous.get(f"/api/v1/verify/{draft_file['sha256']}")   # the submitted draft
    assert not_issued.status_code == 404 and not_issued.json["authentic"] is False


def test_commendation_from_commune_proposal_to_decision(client, world, anonymous, tmp_path):
    people = _people(client)
    plan = people["drafter"].post("/api/v1/documents", json=plan_payload()).json
    for role, transition, state in MAIN_PATH:
        plan = _step(people[role], plan, transition, state)

    # The commune finds the district's plan, accent-insensitively, and proposes nominees under it.
    found = people["commune_drafter"].get("/api/v1/documents?q=xa hoi hoc tap&kind=plan&state=issued")
    assert [d["id"] for d in found.json["items"]] == [plan["id"]]
    awards = ["giay_khen", "giay_khen", "chien_si_thi_dua_co_so", "lao_dong_tien_tien", "giay_khen", "giay_khen"]
    nominees = [{**n, "award": award} for n, award in zip(demo_data.NOMINEES, awards)]
    # "Chiến sĩ thi đua cơ sở" needs "Lao động tiên tiến" the same year (Luật TĐKT 2022, Điều 23): his second row
    nominees.append({**nominees[2], "award": "lao_dong_tien_tien"})
    created = people["commune_drafter"].post("/api/v1/documents",
                                             json=commendation_payload(plan["id"], nominees=nominees))
    assert created.status_code == 201
    proposal = created.json
    assert proposal["organization"]["code"] == "UBND-CL" and proposal["owner_organization"]["code"] == "UBND-AT"
    assert people["reviewer"].get(f"/api/v1/documents/{proposal['id']}").status_code == 404   # a draft

    error = assert_error(people["commune_drafter"].fire(proposal, "submit"), 403, "forbidden")
    assert "Chủ tịch" in error["message"]   # who signs the Tờ trình
    proposal = _step(people["commune_approver"], proposal, "submit", "submitted", signer_form="")
    assert proposal["proposal_number"].endswith("/TTr-UBND")
    rows = people["commune_approver"].get(f"/api/v1/register?year={local_today().year}").json["items"]
    assert [r["signer"] for r in rows if r["number"] == proposal["proposal_number"]] == [
        "Thạch Sa Rươl (Chủ tịch)"]
    worklist = people["reviewer"].get("/api/v1/documents?actionable=1").json["items"]
    assert [d["id"] for d in worklist] == [proposal["id"]]

    first, second = proposal["nominees"][0], proposal["nominees"][1]
    proposal = _step(people["reviewer"], proposal, "review", "reviewed", nominees=[
        {"id": second["id"], "status": "rejected", "note": "Chưa đủ tiêu chuẩn"}])
    statuses = {n["id"]: (n["review_status"], n["review_note"]) for n in proposal["nominees"]}
    assert statuses[first["id"]] == ("accepted", "") and statuses[second["id"]] == ("rejected", "Chưa đủ tiêu chuẩn")

    # Four eyes: nobody approves their own document, and a drafter cannot approve at all.
    assert_error(people["commune_drafter"].fire(proposal, "approve"), 403, "forbidden")
    proposal = _step(people["approver"], proposal, "approve", "approved")
    assert all(n["gold_book_number"] is None for n in proposal["nominees"])
    proposal = _step(people["archivist"], proposal, "issue", "issued", issued_on=local_today().isoformat())
    assert proposal["number"].endswith("/QĐ-UBND")
    # Số sổ vàng: each awardee's row in the Danh sách (all individuals here), which lists award by
    # award in the body's order: Giấy khen 1-3, "Lao động tiên tiến" 4-5, "Chiến sĩ thi đua cơ sở" 6.
    assert [n["gold_book_number"] for n in proposal["nominees"]] == [1, None, 6, 4, 2, 3, 5]
    issued_names = sorted(f["name"] for f in proposal["files"] if f["step"] == "issued")
    assert issued_names == ["chien-si-thi-dua-co-so.docx", "giay-khen.docx", "quyet-dinh-khen-thuong.docx"]
    assert {f["step"] for f in proposal["files"]} == {"submitted", "reviewed", "approved", "issued"}

    row = _register_row(people["archivist"], proposal)
    assert (row["series"], row["kind"]) == ("QĐ", "commendation")
    issued = _issued_file_passes_the_format_check(people["commune_drafter"], proposal, row["sha256"], tmp_path)
    verified = anonymous.get(f"/api/v1/verify/{issued['sha256']}")
    assert verified.status_code == 200 and verified.json["number"] == proposal["number"]
    submitted = next(f for f in proposal["files"] if f["step"] == "submitted")
    assert anonymous.get(f"/api/v1/verify/{submitted['sha256']}").status_code == 404
