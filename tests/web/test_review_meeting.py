"""The review form's "Biên bản họp xét" section and vote inputs (issue 13, point 8): plain HTML
(a <details> section, no script needed), posted back into the meeting and votes the Biên bản
records, refused with Vietnamese reasons beside the fields, prefilled after a return."""
from __future__ import annotations

import re
from datetime import timedelta

from tests.domain import document_samples as s
from tests.factories import advance, new_commendation, snapshot
from workflow_app.domain.clock import local_today
from workflow_app.extensions import db
from workflow_app.models import Document

DAY = local_today() - timedelta(days=1)


def fresh(document_id: int) -> Document:
    db.session.expire_all()
    return db.session.get(Document, document_id)


def _proposal(world):
    proposal = new_commendation(world, nominees=[
        {"kind": "individual", "full_name": "Nguyễn Văn Một", "award": "giay_khen", "achievement": "Xuất sắc."},
        {"kind": "individual", "full_name": "Trần Thị Hai", "award": "giay_khen", "achievement": "Tốt."}])
    advance(world, proposal, "submitted")
    return proposal


def _form(proposal, **change) -> dict:
    first, second = (n.id for n in proposal.nominees)
    return {"version": proposal.version,
            "decisions-0-nominee_id": first, "decisions-0-status": "accepted",
            "decisions-0-votes_for": "7", "decisions-0-votes_total": "9",
            "decisions-1-nominee_id": second, "decisions-1-status": "rejected",
            "decisions-1-note": "Chưa đủ thời gian công tác.",
            "meeting-held_at": f"{DAY.isoformat()}T14:00", "meeting-ended_at": "16:15",
            "meeting-place": "Phòng họp Ủy ban nhân dân huyện",
            "meeting-chair-name": "Nguyễn Văn An", "meeting-chair-position": "Chủ tịch Hội đồng",
            "meeting-secretary-name": "Võ Thị Ngọc Hân", "meeting-secretary-position": "Chuyên viên",
            "meeting-attendees": "Trần Minh Đức, Phó Chủ tịch Hội đồng\r\nDương Quốc Khởi, Ủy viên\r\n",
            "meeting-absent_written": "Kim Văn Sơn, Ủy viên", "meeting-absent": "",
            **change}


def test_the_review_form_shows_the_meeting_section_and_vote_inputs(world, as_user):
    proposal = _proposal(world)
    page = as_user("reviewer").get(f"/documents/{proposal.id}/transitions/review").get_data(as_text=True)
    assert re.search(r'<details class="wf-meeting[^"]*">\s*<summary[^>]*>Biên bản họp xét</summary>', page)
    for field in ("meeting-held_at", "meeting-ended_at", "meeting-place", "meeting-chair-name",
                  "meeting-secretary-name", "meeting-attendees", "meeting-absent_written", "meeting-absent",
                  "decisions-0-votes_for", "decisions-1-votes_total"):
        assert f'name="{field}"' in page, field
    assert 'type="datetime-local"' in page and 'type="time"' in page and 'type="number"' in page
    assert "<script" not in page.split('class="wf-meeting')[1].split("</details>")[0]


def test_a_review_with_its_meeting_round_trips_into_the_minutes(world, as_user):
    proposal = _proposal(world)
    reviewer = as_user("reviewer")
    done = reviewer.post(f"/documents/{proposal.id}/transitions/review", _form(proposal))
    assert done.status_code == 303, done.get_data(as_text=True)[:2000]
    proposal = fresh(proposal.id)
    assert proposal.state == "reviewed"
    assert proposal.meeting == {
        "held_at": f"{DAY.isoformat()}T14:00", "ended_at": "16:15", "place": "Phòng họp Ủy ban nhân dân huyện",
        "chair": {"name": "Nguyễn Văn An", "position": "Chủ tịch Hội đồng"},
        "secretary": {"name": "Võ Thị Ngọc Hân", "position": "Chuyên viên"},
        "attendees": [{"name": "Trần Minh Đức", "position": "Phó Chủ tịch Hội đồng"},
                      {"name": "Dương Quốc Khởi", "position": "Ủy viên"}],
        "absent": [{"name": "Kim Văn Sơn", "position": "Ủy viên", "written_opinion": True}]}
    assert [(n.votes_for, n.votes_total) for n in proposal.nominees] == [(7, 9), (None, None)]
    minutes = next(f for f in proposal.files if f.template_name == "bien-ban-xet-khen-thuong")
    paras = s.paragraphs(minutes.content)
    for line in ("Thời gian bắt đầu: 14 giờ 00 phút, " + ("ngày %02d tháng %s năm %d" % (
                     DAY.day, f"{DAY.month:02d}" if DAY.month <= 2 else DAY.month, DAY.year)) + ".",
                 "Chủ trì: Nguyễn Văn An, Chủ tịch Hội đồng.", "Thư ký: Võ Thị Ngọc Hân, Chuyên viên.",
                 "Vắng mặt: Kim Văn Sơn, Ủy viên (có ý kiến bằng văn bản).", "7/9 (77,8%)",
                 "Cuộc họp kết thúc vào 16 giờ 15 phút cùng ngày./.", "THƯ KÝ", "CHỦ TRÌ"):
        assert line in paras, line

    # returned and resubmitted: the next review's form starts from what was recorded
    as_user("approver").post(f"/documents/{proposal.id}/transitions/return",
                             {"version": proposal.version, "comment": "Bổ sung."})
    proposal = fresh(proposal.id)
    commune = as_user(world.users["commune_approver"].username)   # its Chủ tịch signs and resubmits
    commune.post(f"/documents/{proposal.id}/transitions/submit", {"version": proposal.version})
    assert fresh(proposal.id).state == "submitted"
    page = reviewer.get(f"/documents/{proposal.id}/transitions/review").get_data(as_text=True)
    assert re.search(r'<details class="wf-meeting[^"]*" open>', page)
    assert 'value="Võ Thị Ngọc Hân"' in page and f'value="{DAY.isoformat()}T14:00"' in page
    assert "Trần Minh Đức, Phó Chủ tịch Hội đồng\nDương Quốc Khởi, Ủy viên</textarea>" in page
    assert re.search(r'name="decisions-0-votes_for"[^>]*value="7"', page)


def test_a_blank_meeting_section_records_no_meeting(world, as_user):
    proposal = _proposal(world)
    blank = {k: "" for k in _form(proposal) if k.startswith("meeting-")}
    done = as_user("reviewer").post(f"/documents/{proposal.id}/transitions/review",
                                    _form(proposal, **blank, **{"decisions-0-votes_for": "",
                                                                "decisions-0-votes_total": ""}))
    assert done.status_code == 303
    proposal = fresh(proposal.id)
    assert proposal.meeting is None and proposal.nominees[0].votes_total is None
    minutes = next(f for f in proposal.files if f.template_name == "bien-ban-xet-khen-thuong")
    assert "THƯ KÝ" not in s.paragraphs(minutes.content)


def test_a_wrong_meeting_is_refused_beside_its_fields(world, as_user):
    proposal = _proposal(world)
    reviewer = as_user("reviewer")
    before = snapshot(proposal.id)
    wrong = reviewer.post(f"/documents/{proposal.id}/transitions/review", _form(
        proposal, **{"meeting-secretary-name": "", "meeting-ended_at": "13:00",
                     "decisions-0-votes_for": "10"}))
    assert wrong.status_code == 422
    page = wrong.get_data(as_text=True)
    assert snapshot(proposal.id) == before
    assert re.search(r'<details class="wf-meeting[^"]*" open>', page)
    assert "Cần nhập họ và tên thư ký." in page
    assert "Giờ kết thúc phải sau giờ bắt đầu (cùng ngày)." in page
    secretary = page.split('name="meeting-secretary-name"')[0].rsplit("<input", 1)[1]
    assert "is-invalid" in secretary
    votes = page.split('name="decisions-0-votes_for"')[1].split("</div>")[0]
    assert "Số phiếu đồng ý (10) không được lớn hơn tổng số phiếu (9)." in page and votes

    lines = reviewer.post(f"/documents/{proposal.id}/transitions/review", _form(
        proposal, **{"meeting-attendees": "Trần Minh Đức\r\n, Ủy viên"}))
    assert lines.status_code == 400 and snapshot(proposal.id) == before
    assert "Dòng 2: thiếu họ và tên trước dấu phẩy." in lines.get_data(as_text=True)
