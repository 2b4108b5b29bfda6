"""Issue 15, "Done means", end to end through the JSON API with the demo district (Càng Long):

the district opens the sơ kết round (its plan issued); three communes and two district units are
expected to propose: one proposes late, one not at all, and that one is listed as not proposed on
the desk and in GET /api/v1/rounds/{id} and gets a reminder e-mail (a real SMTP server); the
reviewer vets (one row refused, the late one accepted with a reason), records the council's votes
(a Chiến sĩ thi đua cơ sở below 80 % of all members is out), builds ONE decision from the four
proposals; the approver signs it (the district signs digitally), the văn thư issues it: one QĐ whose
Điều 1 counts what its Danh sách lists, certificates per award in one file per proposing body (one
page each in LibreOffice), a Thông báo kết quả per proposing body, every file through the format
checker; the round desk and the statistics give the decision's numbers; a nominee awarded by it is
flagged as already awarded in the round when proposed again.

The demo district has three units; the scenario's five expected proposers are three communes (the
demo's An Trường and two more) and two units (Nội vụ, Văn phòng): the demo's third unit (Giáo dục,
nobody in it) is left out. The demo plan's sơ kết round gives no Chiến sĩ thi đua cơ sở; here the
plan's sơ kết round lets individuals have it, so that the council has a vote to count.
"""
from __future__ import annotations

import copy
import hashlib
import io
import re
from collections import Counter
from datetime import datetime, timezone

import pytest
import time_machine
from docx import Document as Docx

from tests.api.conftest import plan_payload
from tests.council_support import meeting
from tests.factories import add_user
from tests.mail_server import body as mail_body
from tests.rendering.libreoffice import convert, page_text, pages, skip_without_tools
from tests.round_decision_world import second_commune
from tests.signing_support import PIN, sign_digitally
from workflow_app.domain import vnformat
from workflow_app.domain.format_check import check_certificates, check_document
from workflow_app.extensions import db
from workflow_app.models import Unit
from workflow_app.services import demo_data, round_desk

pytestmark = pytest.mark.libreoffice
skip_without_tools()

UTC = timezone.utc
OPENED = datetime(2025, 10, 1, 2, 0, tzinfo=UTC)        # the plan issued: the round opens
REMINDED = datetime(2025, 10, 28, 2, 0, tzinfo=UTC)     # three days before the deadline (31/10/2025)
ON_TIME = datetime(2025, 10, 29, 2, 0, tzinfo=UTC)
LATE = datetime(2025, 11, 3, 2, 0, tzinfo=UTC)          # three days after it
VETTED = datetime(2025, 11, 10, 2, 0, tzinfo=UTC)

GK, LDTT, CSTDCS, TTLDTT = "giay_khen", "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien"
KIND_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình"}
ACHIEVEMENT = "Đã có thành tích xuất sắc trong xây dựng xã hội học tập giai đoạn 2023 - 2025."
LATE_REASON = "Xã gửi chậm do bão; Hội đồng thống nhất xét cùng đợt."
REFUSED = "Hồ sơ thiếu báo cáo thành tích."


def person(name, award, organization, gender="male"):
    return {"kind": "individual", "full_name": name, "gender": gender, "position": "Giáo viên",
            "organization": organization, "award": award, "achievement": ACHIEVEMENT}


def collective(name, award, organization):
    return {"kind": "collective", "full_name": name, "gender": "", "position": "", "organization": organization,
            "award": award, "achievement": ACHIEVEMENT}


AN_TRUONG = [collective("Chi hội Khuyến học ấp Đại Đức", GK, "xã An Trường"),
             person("Huỳnh Văn Ẩn", LDTT, "xã An Trường"), person("Huỳnh Văn Ẩn", CSTDCS, "xã An Trường"),
             person("Trương Thị Mỹ Hạnh", LDTT, "xã An Trường", "female"),
             person("Trương Thị Mỹ Hạnh", CSTDCS, "xã An Trường", "female"),
             person("Đặng Văn Ước", GK, "Ấp 1, xã An Trường")]
HUYEN_HOI = [collective("Trường Tiểu học Huyền Hội", TTLDTT, "xã Huyền Hội"),
             person("Nguyễn Thị Ngọc Ánh", GK, "Trường THCS Huyền Hội", "female"),
             person("Lê Hoàng Phúc", GK, "Ủy ban nhân dân xã Huyền Hội")]
NOI_VU = [person("Trần Văn Nội", GK, "Phòng Nội vụ huyện Càng Long")]
VAN_PHONG = [person("Võ Thị Văn", GK, "Văn phòng HĐND và UBND huyện", "female"),
             person("Phạm Văn Phòng", LDTT, "Văn phòng HĐND và UBND huyện")]


def _plan_body() -> dict:
    body = copy.deepcopy(demo_data.PLAN_BODY)
    individuals = next(g for g in body["rounds"][0]["groups"] if g["kind"] == "individual")
    individuals["awards"] = [*individuals["awards"], CSTDCS]
    return body


def _text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _danh_sach(content: bytes) -> list[tuple[int, str]]:
    """(STT, name) of every row of the Danh sách's tables."""
    rows = []
    for table in Docx(io.BytesIO(content)).tables:
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            if cells and cells[0].isdigit():
                rows.append((int(cells[0]), cells[1]))
    return rows


def _ok(response, status=200):
    assert response.status_code == status, response.get_json()
    return response.json


def test_the_sơ_kết_round_from_the_plan_to_the_decision_the_desk_and_the_statistics(world, caller, mail_on,
                                                                                    tmp_path):
    # --- the demo district and who is expected to propose ------------------------------------
    db.session.delete(db.session.scalar(db.select(Unit).where(Unit.organization_id == world.district.id,
                                                             Unit.code == "GDDT")))
    db.session.commit()
    huyen_hoi, hh = second_commune(world, "Huyền Hội", "UBND-HH")
    tan_an, ta = second_commune(world, "Tân An", "UBND-TA")
    ta["drafter"].email, ta["approver"].email = "vanphong@tanan.example.vn", "chutich@tanan.example.vn"
    db.session.commit()
    vp_drafter = add_user("drafter.vp", world.district, ["drafter"], "VP")

    def as_(who):
        return caller(who)

    # --- the district opens the round: its plan issued ---------------------------------------
    with time_machine.travel(OPENED, tick=False):
        plan = _ok(as_("drafter").post("/api/v1/documents", json=plan_payload(body=_plan_body())), 201)
        for who, step in (("unit_head", "submit"), ("reviewer", "review"), ("approver", "approve"),
                          ("archivist", "issue")):
            plan = _ok(as_(who).fire(plan, step, **({"signer_form": "KT"} if step == "approve" else {})))
        round_id = plan["body"]["rounds"][0]["id"]
        assert plan["body"]["rounds"][0]["name"] == "Sơ kết giai đoạn 2023 - 2025"

    def propose(drafter, signer, nominees, at):
        body = {k: v for k, v in demo_data.COMMENDATION_BODY.items() if k != "period"}
        with time_machine.travel(at, tick=False):
            made = _ok(as_(drafter).post("/api/v1/documents", json={
                "kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
                "body": {**body, "round_id": round_id}, "nominees": nominees}), 201)
            return _ok(as_(signer).fire(made, "submit"))

    # --- the proposals: three on time, one late, Tân An none; a reminder before the deadline ----
    an_truong = propose("commune_drafter", "commune_approver", AN_TRUONG, ON_TIME)
    # a district unit's Tờ trình is the district's, signed by its Chủ tịch
    noi_vu = propose("drafter", "chairman", NOI_VU, ON_TIME)
    van_phong = propose(vp_drafter, "chairman", VAN_PHONG, ON_TIME)
    with time_machine.travel(REMINDED, tick=False):
        reminded = round_desk.remind(round_id, world.users["reviewer"], f"org-{tan_an.id}")
        assert reminded.sent == [("Ủy ban nhân dân xã Tân An", 2)]
    huyen_hoi_p = propose(hh["drafter"], hh["approver"], HUYEN_HOI, LATE)
    assert [p["late"] for p in (an_truong, noi_vu, van_phong, huyen_hoi_p)] == [False, False, False, True]

    # the e-mail, caught by the local SMTP server: to each of Tân An's two users
    for address in ("vanphong@tanan.example.vn", "chutich@tanan.example.vn"):
        got = mail_on.to(address)
        assert len(got) == 1, address
        text = mail_body(got[0])
        assert "Sơ kết giai đoạn 2023 - 2025" in text and "31/10/2025" in text
    assert len(mail_on.envelopes) == 2

    with time_machine.travel(VETTED, tick=False):
        report = _ok(as_("reviewer").get(f"/api/v1/rounds/{round_id}"))
        assert report["not_proposed"] == ["Ủy ban nhân dân xã Tân An"]
        assert [(p["organization"], p["late"]) for p in report["proposals"]] == [
            ("Ủy ban nhân dân xã An Trường", False), ("Phòng Nội vụ", False),
            ("Văn phòng HĐND và UBND huyện", False), ("Ủy ban nhân dân xã Huyền Hội", True)]
        desk = round_desk.desk(round_id, world.users["reviewer"])
        assert [e.name for e in desk.not_proposed] == ["Ủy ban nhân dân xã Tân An"]
        assert next(e for e in desk.expected if e.key == f"org-{tan_an.id}").reminder is not None

        # --- the reviewer vets: every row accepted but one; the late one with its reason ------
        for proposal, refused, comment in ((an_truong, set(), ""), (noi_vu, set(), ""), (van_phong, set(), ""),
                                           (huyen_hoi_p, {"Lê Hoàng Phúc"}, LATE_REASON)):
            decisions = [{"id": n["id"], "status": "rejected" if n["full_name"] in refused else "accepted",
                          "note": REFUSED if n["full_name"] in refused else ""} for n in proposal["nominees"]]
            fields = {"nominees": decisions, **({"comment": comment} if comment else {})}
            reviewed = _ok(as_("reviewer").fire(proposal, "review", **fields))
            assert reviewed["state"] == "reviewed"

    # --- the council: 9 members; Hạnh's CSTĐCS gets 7 votes (77,8 % < 80 %) and is out --------
    council = _ok(as_("reviewer").get(f"/api/v1/rounds/{round_id}/council"))
    cstdcs = {n["full_name"]: n["nominee_id"] for n in council["nominees"] if n["award"] == CSTDCS}
    assert set(cstdcs) == {"Huỳnh Văn Ẩn", "Trương Thị Mỹ Hạnh"}
    recorded = _ok(as_("reviewer").open("PUT", f"/api/v1/rounds/{round_id}/council", json={
        "meeting": meeting(held_at="2025-11-12T08:00"), "members": 9,
        "votes": [{"nominee_id": cstdcs["Huỳnh Văn Ẩn"], "votes_for": 9},
                  {"nominee_id": cstdcs["Trương Thị Mỹ Hạnh"], "votes_for": 7}]}))
    result = {(n["full_name"], n["award"]): n for n in recorded["nominees"]}
    assert result[("Huỳnh Văn Ẩn", CSTDCS)]["passed"] is True
    out = result[("Trương Thị Mỹ Hạnh", CSTDCS)]
    assert (out["passed"], out["votes_for"], out["votes_total"]) == (False, 7, 9)
    assert "Không đạt tỷ lệ phiếu bầu" in out["note"]

    # --- ONE decision from the four proposals ---------------------------------------------
    proposal_ids = [an_truong["id"], noi_vu["id"], van_phong["id"], huyen_hoi_p["id"]]
    decision = _ok(as_("reviewer").post(f"/api/v1/rounds/{round_id}/decision"), 201)
    assert sorted(decision["body"]["proposal_ids"]) == sorted(proposal_ids)
    for pid in proposal_ids:
        assert _ok(as_("reviewer").get(f"/api/v1/documents/{pid}"))["decision_id"] == decision["id"]
    names = [(n["full_name"], n["award"]) for n in decision["nominees"]]
    assert ("Trương Thị Mỹ Hạnh", CSTDCS) not in names and ("Lê Hoàng Phúc", GK) not in names
    assert ("Trương Thị Mỹ Hạnh", LDTT) in names and ("Huỳnh Văn Ẩn", CSTDCS) in names
    assert len(names) == 10
    drafts = {f["name"]: _ok_bytes(as_("reviewer").get(f["url"])) for f in decision["files"]}
    for name, content in drafts.items():
        assert check_document(content, draft=True).ok, (name, check_document(content, draft=True).failures)
    minutes = " ".join(_text(drafts["bien-ban-xet-khen-thuong-dot.docx"]).split())
    assert "2. Không đề nghị khen thưởng: 02 cá nhân." in minutes      # Phúc at review, Hạnh's CSTĐCS by vote
    assert "Không đạt tỷ lệ phiếu bầu (7/9" in minutes and REFUSED.rstrip(".") in minutes
    # ... and it is the minutes of the council's meeting: its time, place, chair and secretary
    assert "Họp xét đề nghị khen thưởng" in minutes and "Hội trường UBND huyện" in minutes
    assert "Chủ trì: Nguyễn Văn Chủ" in minutes and "Thư ký: Nguyễn Văn Hùng" in minutes
    assert "12 tháng 11 năm 2025" in minutes and "9 thành viên" in minutes

    # --- the approver signs (the district signs digitally), the văn thư issues ------------
    sign_digitally(world)
    decision = _ok(as_("approver").fire(decision, "approve", signing_pin=PIN))
    decision = _ok(as_("archivist").fire(decision, "issue"))
    assert decision["state"] == "issued" and decision["number"].endswith("/QĐ-UBND")
    nominees = decision["nominees"]
    proposer_of = {an_truong["id"]: "Ủy ban nhân dân xã An Trường", huyen_hoi_p["id"]: "Ủy ban nhân dân xã Huyền Hội",
                   noi_vu["id"]: "Phòng Nội vụ", van_phong["id"]: "Văn phòng HĐND và UBND huyện"}

    issued = {f["name"]: _ok_bytes(as_("archivist").get(f["url"])) for f in decision["files"]
              if f["step"] == "issued"}
    signed = [name for name in issued if name.endswith(".pdf")]     # the signed QĐ (approver + seal)
    assert [issued.pop(name)[:5] for name in signed] == [b"%PDF-"]
    qd_names = [n for n in issued if n.startswith("quyet-dinh")]
    assert len(qd_names) == 1
    qd = issued[qd_names[0]]
    assert check_document(qd).ok, check_document(qd).failures

    # the Danh sách grouped by award (the body's order), then tập thể / cá nhân; Điều 1 its counts
    order = [a["code"] for a in demo_data.AWARDS]
    kinds = list(KIND_WORDS)
    by_group = Counter((n["award"], n["kind"]) for n in nominees)
    expected_rows = sorted(nominees, key=lambda n: (order.index(n["award"]), kinds.index(n["kind"]),
                                                     int(n["gold_book_number"])))
    assert [name for _stt, name in _danh_sach(qd)] == [n["full_name"] for n in expected_rows]
    assert [stt for stt, _name in _danh_sach(qd)] == list(range(1, 11))
    text = " ".join(_text(qd).split())
    article_1 = text[text.index("Điều 1."):text.index("Điều 2.")]
    for award in order:
        counts = [(kind, by_group[(award, kind)]) for kind in kinds if by_group[(award, kind)]]
        if not counts:
            continue
        phrase = [f"{vnformat.two_digit_count(n)} {KIND_WORDS[kind]}" for kind, n in counts]
        phrase = " và ".join([", ".join(phrase[:-1]), phrase[-1]]) if len(phrase) > 1 else phrase[0]
        assert f"cho {phrase}" in article_1, (award, phrase, article_1)

    # certificates: per award that has one, one file per proposing body, a page per awardee
    certified = {a["code"] for a in demo_data.AWARDS if a["certificate"]}
    wanted = Counter((n["proposal_id"], n["award"]) for n in nominees if n["award"] in certified)
    certificates = {name: content for name, content in issued.items()
                    if not name.startswith(("quyet-dinh", "thong-bao"))}
    assert len(certificates) == len(wanted) == 5, list(certificates)
    found = Counter()
    for name, content in certificates.items():
        numbers = sorted(int(x) for x in re.findall(r"Số sổ vàng: (\d+)", _text(content)))
        owners = {(n["proposal_id"], n["award"]) for n in nominees if int(n["gold_book_number"]) in numbers}
        assert len(owners) == 1, (name, owners)         # one body, one award per file
        key = owners.pop()
        assert len(numbers) == wanted[key], name
        report = check_certificates(content, pages=wanted[key])
        assert report.ok, (name, report.failures)
        found[key] += 1
    assert set(found) == set(wanted) and set(found.values()) == {1}

    # a Thông báo kết quả per proposing body
    notices = {name: content for name, content in issued.items() if name.startswith("thong-bao")}
    assert len(notices) == 4
    told = set()
    for name, content in notices.items():
        assert check_document(content).ok, (name, check_document(content).failures)   # numbered: not a draft
        notice = _text(content)
        assert "THÔNG BÁO" in notice and f"Quyết định số {decision['number']}" in notice
        assert re.search(r"Số: \d{2}/TB-UBND", notice), name
        told |= {body for body in proposer_of.values() if body in notice}
    assert told == set(proposer_of.values())
    hh_notice = next(_text(c) for c in notices.values() if "Ủy ban nhân dân xã Huyền Hội" in _text(c))
    assert "Lê Hoàng Phúc" in hh_notice and REFUSED.rstrip(".") in hh_notice
    # each its own number of the district's TB series, a row of its register
    rows = [r for r in _ok(as_("archivist").get(f"/api/v1/register?series=TB&year={decision['issued_on'][:4]}"))
            ["items"] if r["document_id"] == decision["id"]]
    assert len(rows) == 4 and len({r["number"] for r in rows}) == 4
    assert {r["recipients"][0] for r in rows} == set(proposer_of.values())
    assert {r["sha256"] for r in rows} == {hashlib.sha256(c).hexdigest() for c in notices.values()}

    # LibreOffice opens the QĐ and prints each certificate on its page
    sources = []
    for name, content in {qd_names[0]: qd, **certificates, **notices}.items():
        (tmp_path / name).write_bytes(content)
        sources.append(tmp_path / name)
    pdfs = dict(zip([s.name for s in sources], convert(sources, tmp_path)))
    assert "QUYẾT ĐỊNH" in page_text(pdfs[qd_names[0]])
    for name in notices:
        assert "THÔNG BÁO" in page_text(pdfs[name]) and "/TB-UBND" in page_text(pdfs[name]), name
    for name in certificates:
        numbers = re.findall(r"Số sổ vàng: (\d+)", _text(certificates[name]))
        assert pages(pdfs[name]) == len(numbers), name

    # --- the desk and the statistics give the decision's numbers ---------------------------
    desk = round_desk.desk(round_id, world.users["reviewer"])
    assert {(a.award, a.kind): a.accepted for a in desk.awards if a.accepted} == dict(by_group)
    assert desk.total.accepted == len(nominees)
    per_proposal = Counter(n["proposal_id"] for n in nominees)
    assert {row.document.id: row.accepted for row in desk.proposals} == dict(per_proposal)
    assert {t.label: t.accepted for t in desk.kind_totals if t.accepted} == {
        KIND_WORDS[kind].capitalize(): sum(n for (_a, k), n in by_group.items() if k == kind)
        for kind in {k for _a, k in by_group}}
    stats = _ok(as_("reviewer").get(f"/api/v1/statistics?round_id={round_id}"))
    assert stats["decisions"] == 1 and stats["total"] == len(nominees)
    assert {r["code"]: {k: r[k] for k in kinds if r[k]} for r in stats["by_award"]} == {
        award: {kind: n for (a, kind), n in by_group.items() if a == award} for award, _ in by_group}
    assert stats["by_kind"] == {**{k: sum(n for (_a, kind), n in by_group.items() if kind == k) for k in kinds},
                                "total": len(nominees)}
    by_body = Counter(proposer_of[n["proposal_id"]] for n in nominees)
    shown = {}
    for body in stats["by_proposer"]:
        if body["units"] and body["organization_id"] == world.district.id:
            shown.update({u["name"]: u["total"] for u in body["units"]})
        else:
            shown[body["name"]] = body["total"]
    assert shown == dict(by_body)
    # a proposing body sees its own share, on its desk and in its statistics
    theirs = _ok(as_("commune_drafter").get(f"/api/v1/statistics?round_id={round_id}"))
    assert (theirs["decisions"], theirs["total"]) == (1, by_body["Ủy ban nhân dân xã An Trường"])
    assert [b["name"] for b in theirs["by_proposer"]] == ["Ủy ban nhân dân xã An Trường"]
    assert round_desk.desk(round_id, world.users["commune_drafter"]).total.accepted == theirs["total"]

    # --- the issued decision closed the round: proposed again in it, refused; as an ad hoc
    # proposal (no round, the plan and period kept), flagged as already awarded by the decision ----
    payload = {"kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
               "body": {**{k: v for k, v in demo_data.COMMENDATION_BODY.items() if k != "period"},
                        "round_id": round_id},
               "nominees": [person("Huỳnh Văn Ẩn", GK, "xã An Trường")]}
    with time_machine.travel(LATE, tick=False):
        refused = _ok(as_(ta["drafter"]).post("/api/v1/documents", json=payload), 422)
        assert "đã có quyết định khen thưởng; không nhận thêm hồ sơ" in refused["error"]["message"]
        assert _ok(as_("reviewer").get(f"/api/v1/rounds/{round_id}"))["open"] is False
        payload["body"].update(round_id=None, plan_id=decision["body"]["plan_id"], period=decision["body"]["period"])
        again = _ok(as_(ta["drafter"]).post("/api/v1/documents", json=payload), 201)
    flagged = again["nominees"][0].get("previously_awarded")
    assert flagged and flagged[0]["number"] == decision["number"], again["nominees"][0]


def _ok_bytes(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return response.data
