"""The council's meeting for a round (services/council.py; issue 15, point 4): who may record it,
the vote judged against each award's threshold, re-recording, and refusals that change nothing."""
from __future__ import annotations

import pytest

from tests.council_support import CSTDCS, GIAY_KHEN, LDTT, by_name, council_round, meeting, reviewed_proposal
from workflow_app.domain.errors import BadRequest, Forbidden, NotFound, ValidationFailed
from workflow_app.extensions import db
from workflow_app.models import Document, Round
from workflow_app.services import council
from workflow_app.services.transitions import apply_transition

REASON_7_OF_9 = "Không đạt tỷ lệ phiếu bầu (7/9 = 77,8%, cần ≥ 80% tổng số thành viên)"


def _votes(proposal: Document, **by_person) -> list[dict]:
    """votes_for of each CSTĐCS nominee by name; the others get none."""
    rows = by_name(proposal)
    return [{"nominee_id": rows[(name, CSTDCS)].id, "votes_for": n} for name, n in by_person.items()]


def _state(proposal_id: int, round_id: int):
    db.session.expire_all()
    document = db.session.get(Document, proposal_id)
    return ([(n.full_name, n.award, n.review_status, n.review_note, n.votes_for, n.votes_total)
             for n in document.nominees], db.session.get(Round, round_id).council)


def test_the_council_passes_eight_of_nine_and_turns_down_seven(world):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    found = council.record(round_.id, {
        "meeting": meeting(), "members": 9,
        "votes": _votes(proposal, **{"Nguyễn Văn Một": 8, "Trần Văn Hai": 7})}, world.users["reviewer"])
    results = {(r.nominee.full_name, r.nominee.award): r.result for r in found.rows}
    assert results[("Nguyễn Văn Một", CSTDCS)]["passed"] is True
    assert results[("Trần Văn Hai", CSTDCS)] | {"before": None} == results[("Trần Văn Hai", CSTDCS)] | {
        "votes_for": 7, "votes_total": 9, "percent": 77.8, "passed": False, "note": REASON_7_OF_9,
        "threshold": {"percent": 80, "of": "members"}, "before": None}
    giay_khen = results[("Lê Văn Ba", GIAY_KHEN)]
    assert giay_khen["passed"] is True and giay_khen["threshold"] is None

    rows = by_name(db.session.get(Document, proposal.id))
    one, two = rows[("Nguyễn Văn Một", CSTDCS)], rows[("Trần Văn Hai", CSTDCS)]
    assert (one.review_status, one.votes_for, one.votes_total) == ("accepted", 8, 9)
    assert (two.review_status, two.review_note, two.votes_for, two.votes_total) == ("rejected", REASON_7_OF_9, 7, 9)
    assert rows[("Trần Văn Hai", LDTT)].review_status == "accepted"     # only the award voted on
    stored = db.session.get(Round, round_.id).council
    assert (stored["members"], stored["present"], stored["meeting"]["chair"]["name"]) == (9, 7, "Nguyễn Văn Chủ")
    assert stored["recorded_by"] == world.users["reviewer"].id


def test_recording_again_replaces_the_earlier_results(world):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    reviewer = world.users["reviewer"]
    council.record(round_.id, {"meeting": meeting(), "members": 9,
                               "votes": _votes(proposal, **{"Nguyễn Văn Một": 9, "Trần Văn Hai": 7})}, reviewer)
    found = council.view(round_.id, reviewer)
    assert [r.nominee.full_name for r in found.rows if r.nominee.award == CSTDCS] == ["Nguyễn Văn Một", "Trần Văn Hai"]

    council.record(round_.id, {"meeting": meeting(place="Phòng họp số 2"), "members": 9,
                               "votes": _votes(proposal, **{"Nguyễn Văn Một": 6, "Trần Văn Hai": 8})}, reviewer)
    rows = by_name(db.session.get(Document, proposal.id))
    one, two = rows[("Nguyễn Văn Một", CSTDCS)], rows[("Trần Văn Hai", CSTDCS)]
    assert (two.review_status, two.review_note, two.votes_for) == ("accepted", "", 8)
    assert (one.review_status, one.votes_for) == ("rejected", 6)
    assert one.review_note == "Không đạt tỷ lệ phiếu bầu (6/9 = 66,7%, cần ≥ 80% tổng số thành viên)"
    stored = db.session.get(Round, round_.id).council
    assert stored["meeting"]["place"] == "Phòng họp số 2" and len(stored["results"]) == 5


def test_a_nominee_the_review_turned_down_is_not_voted_on(world):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_, state="submitted")
    rows = by_name(proposal)
    apply_transition(proposal, "review", world.users["reviewer"], generate=False, nominees=[
        {"id": rows[("Lê Văn Ba", GIAY_KHEN)].id, "status": "rejected", "note": "Chưa đủ tiêu chuẩn."}])
    found = council.view(round_.id, world.users["reviewer"])
    assert ("Lê Văn Ba", GIAY_KHEN) not in {(r.nominee.full_name, r.nominee.award) for r in found.rows}
    with pytest.raises(ValidationFailed) as refused:
        council.record(round_.id, {"meeting": meeting(), "members": 9, "votes": [
            *_votes(proposal, **{"Nguyễn Văn Một": 9, "Trần Văn Hai": 9}),
            {"nominee_id": rows[("Lê Văn Ba", GIAY_KHEN)].id, "votes_for": 9}]}, world.users["reviewer"])
    assert list(refused.value.fields) == ["votes[2].nominee_id"]


def test_bad_input_is_refused_naming_each_field_and_nothing_changes(world):
    round_ = council_round(world)
    proposal = reviewed_proposal(world, round_)
    reviewer = world.users["reviewer"]
    council.record(round_.id, {"meeting": meeting(), "members": 9,
                               "votes": _votes(proposal, **{"Nguyễn Văn Một": 9, "Trần Văn Hai": 7})}, reviewer)
    before = _state(proposal.id, round_.id)
    rows = by_name(proposal)
    with pytest.raises(ValidationFailed) as refused:
        council.record(round_.id, {
            "meeting": meeting(secretary={"name": "", "position": ""}), "members": 6,
            "votes": [{"nominee_id": rows[("Nguyễn Văn Một", CSTDCS)].id, "votes_for": 10},
                      {"nominee_id": rows[("Nguyễn Văn Một", CSTDCS)].id, "votes_for": 8}]}, reviewer)
    fields = refused.value.fields
    assert {"meeting.secretary.name", "members", "votes[0].votes_for", "votes[1].nominee_id", "votes"} <= set(fields)
    assert "Trần Văn Hai (Chiến sĩ thi đua cơ sở)" in fields["votes"]          # a CSTĐCS needs its vote
    assert "nhiều hơn tổng số thành viên Hội đồng (6)" in fields["votes[0].votes_for"]
    assert _state(proposal.id, round_.id) == before

    with pytest.raises(ValidationFailed) as refused:
        council.record(round_.id, {"meeting": {}, "members": 9, "votes": []}, reviewer)
    assert "meeting" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        council.record(round_.id, {"meeting": meeting(absent=[{"name": "Nguyễn Văn Chủ"}]), "members": 9,
                                   "votes": _votes(proposal, **{"Nguyễn Văn Một": 9, "Trần Văn Hai": 9})}, reviewer)
    assert list(refused.value.fields) == ["meeting.chair.name"]
    with pytest.raises(BadRequest):
        council.record(round_.id, {"meeting": meeting(), "members": "chín", "votes": []}, reviewer)
    assert _state(proposal.id, round_.id) == before


def test_only_reviewers_of_the_plans_body_record_and_only_its_users_see(world):
    round_ = council_round(world)
    reviewed_proposal(world, round_)
    with pytest.raises(Forbidden):
        council.record(round_.id, {"meeting": meeting(), "members": 9, "votes": []}, world.users["drafter"])
    with pytest.raises(NotFound):
        council.record(round_.id, {"meeting": meeting(), "members": 9, "votes": []}, world.users["commune_drafter"])
    with pytest.raises(NotFound):
        council.view(round_.id, world.users["commune_drafter"])
    assert council.view(round_.id, world.users["drafter"]).may_record is False
    assert db.session.get(Round, round_.id).council is None


def test_units_over_the_rounds_quota_are_warned(world):
    round_ = council_round(world, quotas={"UBND-AT": {CSTDCS: 1}})
    proposal = reviewed_proposal(world, round_)
    reviewer = world.users["reviewer"]
    [warning] = council.view(round_.id, reviewer).warnings
    assert warning.text() == "Ủy ban nhân dân xã An Trường: 2 “Chiến sĩ thi đua cơ sở”, vượt chỉ tiêu 1."
    found = council.record(round_.id, {"meeting": meeting(), "members": 9,
                                       "votes": _votes(proposal, **{"Nguyễn Văn Một": 9, "Trần Văn Hai": 7})}, reviewer)
    assert found.warnings == []       # one passed: within the quota
