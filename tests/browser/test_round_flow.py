"""A round in the browser, end to end (issue 15, "Done means"): the district's reviewer opens the
plan's round desk, sees who has not proposed and reminds them; opens the council page, records the
meeting and the votes (one Chiến sĩ thi đua cơ sở below 80 %: "Không đạt"); makes the round's one
decision from its confirmation page (checkboxes) and lands on the decision's page; the approver
approves, the archivist issues; the commune opens the issued decision and downloads its own
certificates file and its Thông báo. The clicks each person needs are counted and printed.

Its own plan ("… thử đợt trên trình duyệt") and proposal: the other browser tests' rounds stay as
they were."""
from __future__ import annotations

import copy
import io
from collections import Counter

import docx
import pytest

from .helpers import flash_text
from .test_signing_flow import PIN, district_signs_digitally

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

PLAN_TITLE = "Kế hoạch thử đợt khen thưởng trên trình duyệt"
CSTDCS, LDTT, GIAY_KHEN = "chien_si_thi_dua_co_so", "lao_dong_tien_tien", "giay_khen"
PASSES, FAILS = "Đặng Văn Đạt Phiếu", "Lý Thị Thiếu Phiếu"


def _person(name: str, award: str) -> dict:
    return {"kind": "individual", "full_name": name, "gender": "male", "position": "Giáo viên",
            "organization": "Trường THCS An Trường", "award": award,
            "achievement": "Có sáng kiến được công nhận trong công tác khuyến học, khuyến tài."}


def _a_round_with_a_reviewed_proposal() -> dict:
    """An issued plan of the district (its "Tổng kết" round only) and the commune's proposal to it,
    reviewed: two CSTĐCS nominees (each with the Lao động tiên tiến it needs) and a Giấy khen."""
    from workflow_app.extensions import db
    from workflow_app.models import Document
    from workflow_app.services import accounts, demo_data, documents
    from workflow_app.services.transitions import apply_transition
    user = accounts.find_user
    body = copy.deepcopy(demo_data.PLAN_BODY)
    body["rounds"] = [body["rounds"][1]]
    plan = documents.create(user("drafter"), {"kind": "plan", "title": PLAN_TITLE, "body": body})
    for name, username, extra in (("submit", "reviewer", {}), ("review", "reviewer", {}),
                                  ("approve", "approver", {"signer_form": "KT"}), ("issue", "archivist", {})):
        apply_transition(plan, name, user(username), generate=False, **extra)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    commendation = {k: v for k, v in demo_data.COMMENDATION_BODY.items() if k != "period"}
    proposal = documents.create(user("drafter.antruong"), {
        "kind": "commendation", "title": "Đề nghị khen thưởng tổng kết (thử trên trình duyệt)",
        "body": {**commendation, "round_id": round_.id},
        "nominees": [_person(PASSES, CSTDCS), _person(PASSES, LDTT), _person(FAILS, CSTDCS), _person(FAILS, LDTT),
                     _person("Võ Văn Giấy Khen", GIAY_KHEN)]})
    apply_transition(proposal, "submit", user("approver.antruong"), generate=False)
    apply_transition(proposal, "review", user("reviewer"), generate=False)
    rows = {(n.full_name, n.award): n.id for n in proposal.nominees}
    unit = next(u for u in user("reviewer").organization.units if u.code == "GDDT")
    return {"plan": plan.id, "round": round_.id, "proposal": proposal.id, "remind": f"unit-{unit.id}",
            "passes": rows[(PASSES, CSTDCS)], "fails": rows[(FAILS, CSTDCS)]}


class Clicks:
    """Every click of the flow, counted per person."""

    def __init__(self):
        self.by = Counter()

    def __call__(self, who: str, target) -> None:
        self.by[who] += 1
        target.click()

    def report(self) -> str:
        return ", ".join(f"{who}: {n}" for who, n in self.by.items()) + f"; total {sum(self.by.values())}"


def test_a_round_from_its_desk_to_the_communes_certificates(sign_in, in_app, artifacts, tmp_path):
    setup = in_app(_a_round_with_a_reviewed_proposal)   # on paper, before the district signs digitally
    with district_signs_digitally(in_app):
        _the_round(setup, sign_in, artifacts, tmp_path)


def _the_round(setup, sign_in, artifacts, tmp_path):
    round_id = setup["round"]
    click = Clicks()

    # the district's reviewer: desk, reminder
    reviewer = sign_in("reviewer", width=1366)
    reviewer.goto(f"/documents/{setup['plan']}")
    click("reviewer", reviewer.locator(f"[data-round-desk='{round_id}']"))
    reviewer.wait_for_url(f"**/rounds/{round_id}/desk")
    assert "Đã nộp" in reviewer.locator("#expected tr[data-addressee^='org-']").first.inner_text()
    late = reviewer.locator(f"#expected tr[data-addressee='{setup['remind']}']")
    assert "Chưa nộp" in late.inner_text()
    click("reviewer", late.get_by_role("button", name="Nhắc nộp hồ sơ"))
    reviewer.wait_for_url(f"**/rounds/{round_id}/desk")
    assert "Đã ghi nhắc Phòng Giáo dục và Đào tạo nộp hồ sơ" in flash_text(reviewer)
    assert "Đã nhắc lúc" in reviewer.locator(f"#expected tr[data-addressee='{setup['remind']}']").inner_text()

    # the council
    click("reviewer", reviewer.get_by_role("link", name="Họp Hội đồng Thi đua - Khen thưởng"))
    reviewer.wait_for_url(f"**/rounds/{round_id}/council")
    reviewer.fill("#members", "9")
    reviewer.fill("#council-meeting-held_at", "2026-11-20T08:00")
    reviewer.fill("#council-meeting-ended_at", "10:30")
    reviewer.fill("#council-meeting-place", "Hội trường Ủy ban nhân dân huyện Càng Long")
    reviewer.fill("#council-meeting-chair-name", "Nguyễn Văn An")
    reviewer.fill("#council-meeting-chair-position", "Chủ tịch Hội đồng")
    reviewer.fill("#council-meeting-secretary-name", "Võ Thị Ngọc Hân")
    reviewer.fill("#council-meeting-secretary-position", "Thư ký Hội đồng")
    reviewer.fill("#council-meeting-attendees", "\n".join(f"Thành viên Số {i}, Ủy viên" for i in range(1, 7)))
    reviewer.fill("#council-meeting-absent_written", "Kim Văn Sơn, Ủy viên")
    reviewer.locator(f"#nominee-{setup['passes']} input.wf-council-votes").fill("8")
    reviewer.locator(f"#nominee-{setup['fails']} input.wf-council-votes").fill("7")
    click("reviewer", reviewer.get_by_role("button", name="Ghi kết quả họp Hội đồng"))
    reviewer.wait_for_url(f"**/rounds/{round_id}/council")
    assert "Đã ghi kết quả họp Hội đồng Thi đua - Khen thưởng." in flash_text(reviewer), \
        reviewer.locator(".invalid-feedback, .alert").all_inner_texts()
    failed = reviewer.locator(f"#nominee-{setup['fails']} .wf-council-result")
    assert failed.inner_text().startswith("Không đạt 7/9 (77,8%)")
    assert reviewer.locator(f"#nominee-{setup['passes']} .wf-council-result").inner_text().startswith(
        "Đạt 8/9 (88,9%)")
    reviewer.screenshot(path=str(artifacts / "round-council-1366.png"), full_page=True)

    # the round's decision: from the council page to its confirmation page
    click("reviewer", reviewer.get_by_role("link", name="Lập quyết định khen thưởng của đợt"))
    reviewer.wait_for_url(f"**/rounds/{round_id}/decision")
    box = reviewer.locator(f"#proposal-{setup['proposal']}")
    assert box.is_checked()
    assert reviewer.locator("input[name=proposal_ids]").count() == 1   # this round's proposal only
    click("reviewer", reviewer.locator("form[data-round-decision-form] button[type=submit]"))
    reviewer.wait_for_url("**/documents/*")
    assert "Đã lập quyết định khen thưởng của đợt" in flash_text(reviewer)
    decision_url = reviewer.url
    assert PASSES in reviewer.locator("main").inner_text()

    # the approver, the archivist
    approver = sign_in("approver")
    approver.goto(decision_url)
    click("approver", approver.locator("summary[data-transition=approve]"))
    approver.locator("#approve-signing_pin").fill(PIN)   # the district signs digitally
    click("approver", approver.locator("button[data-transition=approve]"))
    approver.wait_for_url(decision_url)
    assert "Đã phê duyệt" in flash_text(approver)
    approver.screenshot(path=str(artifacts / "round-decision-approved.png"), full_page=True)
    assert approver.locator("section[aria-labelledby=files-heading] li").first.locator(
        "[data-wf-signature=approver]").count() == 1
    archivist = sign_in("archivist")
    archivist.goto(decision_url)
    click("archivist", archivist.locator("summary[data-transition=issue]"))
    click("archivist", archivist.locator("button[data-transition=issue]"))
    archivist.wait_for_url(decision_url)
    assert "ban hành" in flash_text(archivist).lower()
    assert archivist.locator("section[aria-labelledby=files-heading] li").first.locator(
        "[data-wf-signature=organization]").count() == 1

    # the commune is told; from its notice to the issued decision, its own files
    commune = sign_in("drafter.antruong")
    decision_path = "/documents/" + decision_url.rsplit("/documents/", 1)[1]
    assert commune.locator("#notices-count").count() == 1
    click("commune", commune.locator("#notices-link"))
    notice = commune.locator("#notices li[data-unread='1']").filter(
        has=commune.locator(f"a[href='{decision_path}']"))
    assert "đã ban hành" in notice.inner_text()
    click("commune", notice.get_by_role("link"))
    commune.wait_for_url(decision_url)
    commune.goto(f"/documents/{setup['proposal']}")   # its proposal says where it went too
    assert commune.locator("[data-in-round-decision] a").first.get_attribute("href") == decision_path
    commune.goto(decision_url)
    files = commune.locator("section[aria-labelledby=files-heading]")
    names = files.locator("li .fw-semibold").all_inner_texts()
    assert "giay-khen-xa-an-truong.docx" in names or "chien-si-thi-dua-co-so-xa-an-truong.docx" in names
    assert "thong-bao-ket-qua-dot-xa-an-truong.docx" in names
    assert not [n for n in names if n.startswith("bien-ban")]
    for name in ("chien-si-thi-dua-co-so-xa-an-truong.docx", "thong-bao-ket-qua-dot-xa-an-truong.docx"):
        item = files.locator("li").filter(has_text=name).first
        with commune.expect_download() as download:
            click("commune", item.get_by_role("link", name="Tải về"))
        target = tmp_path / name
        download.value.save_as(target)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
        if name.startswith("chien-si"):
            assert PASSES in text.replace("\n", " ") or PASSES.upper() in text.upper()
    commune.screenshot(path=str(artifacts / "round-decision-commune.png"), full_page=True)

    phone = sign_in("reviewer", width=375)   # the round's pages fit a phone
    for path in (f"/rounds/{round_id}/desk", f"/rounds/{round_id}/council", f"/rounds/{round_id}/decision",
                 decision_path):
        phone.goto(path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    phone.goto(f"/rounds/{round_id}/council")
    phone.screenshot(path=str(artifacts / "round-council-375.png"), full_page=True)

    print(f"\nclicks of the round in the browser: {click.report()}")
