"""A returned draft says why where its drafter works; a blocked submit offers the editor; the
files after a return, grouped by step (issue 14 §2, §4)."""
from __future__ import annotations

import re

from tests.factories import advance, new_commendation, new_plan
from workflow_app.services import demo_data
from workflow_app.services.transitions import apply_transition

REASON = "Đề nghị bổ sung mốc sơ kết năm 2024 và nơi nhận Phòng Giáo dục."


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _returned_plan(world, generate=False):
    plan = new_plan(world)
    advance(world, plan, "submitted", generate=generate)
    apply_transition(plan, "return", world.users["reviewer"], comment=REASON, generate=generate)
    return plan


def _banner(html: str) -> str:
    match = re.search(r'<div[^>]*class="[^"]*wf-returned[^"]*"[^>]*>(.*?)</div>', html, re.S)
    assert match, "no returned-draft banner"
    return _text(match.group(1))


def test_worklist_row_of_a_returned_draft_says_why(world, as_user):
    plan = _returned_plan(world)
    other = new_plan(world, title="Kế hoạch chưa trình lần nào")

    def rows_of(html):
        return {m.group(1): _text(m.group(0)) for m in re.finditer(
            r'<li class="list-group-item[^"]*"[^>]*>.*?/documents/(\d+)".*?</li>', html, re.S)}
    # the unit's head, who signs and submits it again, has both waiting
    rows = rows_of(as_user("truongphong.nv").get("/").get_data(as_text=True))
    returned, untouched = rows[str(plan.id)], rows[str(other.id)]
    assert "Bị trả lại" in returned and REASON in returned and "Reviewer" in returned
    assert "Bị trả lại" not in untouched
    # its drafter follows it (they may take no step forward) and reads why too
    followed = rows_of(as_user("drafter").get("/following").get_data(as_text=True))[str(plan.id)]
    assert "Bị trả lại" in followed and REASON in followed


def test_document_and_edit_pages_carry_the_reason_as_a_banner(world, as_user):
    plan = _returned_plan(world)
    drafter = as_user("drafter")
    for path in (f"/documents/{plan.id}", f"/documents/{plan.id}/edit"):
        banner = _banner(drafter.get(path).get_data(as_text=True))
        assert "Văn bản bị trả lại" in banner and REASON in banner and "Reviewer" in banner, path


def test_the_banner_goes_once_the_draft_is_submitted_again_or_never_was_returned(world, as_user):
    plan = _returned_plan(world)
    apply_transition(plan, "submit", world.users["unit_head"], generate=False)
    apply_transition(plan, "withdraw", world.users["drafter"], generate=False)
    drafter = as_user("drafter")
    assert "wf-returned" not in drafter.get(f"/documents/{plan.id}").get_data(as_text=True)
    assert "Bị trả lại" not in _text(drafter.get("/").get_data(as_text=True))
    fresh = new_plan(world)
    assert "wf-returned" not in drafter.get(f"/documents/{fresh.id}/edit").get_data(as_text=True)


def test_the_proposing_body_reads_the_reason_of_its_returned_proposal(world, as_user):
    proposal = new_commendation(world)
    apply_transition(proposal, "submit", world.users["commune_approver"], generate=False)
    apply_transition(proposal, "return", world.users["reviewer"], comment=REASON, generate=False)
    commune = as_user("drafter.antruong")
    assert REASON in _text(commune.get("/following").get_data(as_text=True))
    assert REASON in _text(as_user("approver.antruong").get("/").get_data(as_text=True))   # to sign again
    assert REASON in _banner(commune.get(f"/documents/{proposal.id}").get_data(as_text=True))


def test_a_blocked_submit_offers_to_edit_the_draft(world, as_user):
    plan = new_plan(world, body={**demo_data.PLAN_BODY, "recipients": []})
    drafter = as_user("truongphong.nv")   # the unit's head signs and submits; the drafter edits
    response = drafter.post(f"/documents/{plan.id}/transitions/submit", {"version": plan.version})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Chưa nhập nơi nhận." in html
    offer = re.search(r'<div[^>]*wf-blocked[^>]*>(.*?)</div>', html, re.S)
    assert offer, "no offer to edit next to the reasons"
    # to the editor, at the field the reason is about
    assert f'href="/documents/{plan.id}/edit#recipients"' in offer.group(1) and "Sửa dự thảo" in offer.group(1)
    assert 'id="recipients"' in drafter.get(f"/documents/{plan.id}/edit").get_data(as_text=True)


def test_files_after_a_return_are_grouped_by_step_with_the_newest_marked(world, as_user):
    plan = _returned_plan(world, generate=True)
    apply_transition(plan, "submit", world.users["unit_head"], generate=True)
    html = as_user("drafter").get(f"/documents/{plan.id}").get_data(as_text=True)
    files = html[html.index('id="files-heading"'):html.index('id="history-heading"')]
    groups = re.findall(r'<section class="wf-file-group[^"]*"', files)
    assert len(groups) == 2                                  # the two submissions; the return made none
    assert files.count(">ke-hoach.docx<") == 2 and files.count(">to-trinh-ke-hoach.docx<") == 2
    assert files.count("Bản mới nhất") == 2 and files.count("Bản trước") == 2
    newest = files[:files.index('<section class="wf-file-group', files.index("wf-file-group") + 1)]
    assert "Bản mới nhất" in newest and "Bản trước" not in newest   # the newest step comes first
    # every hash is one click away, behind the summary "Mã kiểm tra tệp"
    hashes = re.findall(r"[0-9a-f]{64}", files)
    assert len(hashes) == 4
    for h in hashes:
        assert re.search(r"<details[^>]*>\s*<summary[^>]*>[^<]*Mã kiểm tra tệp[^<]*</summary>[^/]*" + h, files)
