"""The review's outcome (issue 13): counts by decision and by award, the rejected with reasons."""
from __future__ import annotations

from types import SimpleNamespace

from workflow_app.services.review_outcome import outcome, outcome_of

LABELS = {"giay_khen": "Giấy khen", "lao_dong_tien_tien": "Lao động tiên tiến"}


def nominee(name, award, status, note=""):
    return SimpleNamespace(full_name=name, award=award, review_status=status, review_note=note)


def test_counts_by_decision_and_by_award_and_the_rejected_with_reasons():
    nominees = [nominee(f"Người {i}", "lao_dong_tien_tien" if i % 10 == 0 else "giay_khen", "accepted")
                for i in range(1, 101)]
    nominees[6] = nominee("Người 7", "giay_khen", "rejected", "Chưa đủ tiêu chuẩn.")
    nominees[41] = nominee("Người 42", "giay_khen", "rejected", "Đã khen năm trước.")
    nominees[89] = nominee("Người 90", "lao_dong_tien_tien", "rejected", "Thiếu hồ sơ.")
    result = outcome(nominees, LABELS)
    assert (result.accepted, result.rejected, result.pending, result.total) == (97, 3, 0, 100)
    assert [(a.label, a.accepted, a.rejected) for a in result.by_award] == [
        ("Giấy khen", 88, 2), ("Lao động tiên tiến", 9, 1)]
    assert [(r.position, r.full_name, r.award_label, r.note) for r in result.rejected_list] == [
        (7, "Người 7", "Giấy khen", "Chưa đủ tiêu chuẩn."), (42, "Người 42", "Giấy khen", "Đã khen năm trước."),
        (90, "Người 90", "Lao động tiên tiến", "Thiếu hồ sơ.")]


def test_an_unknown_award_keeps_its_code_and_undecided_ones_are_counted():
    result = outcome([nominee("A", "la", "pending"), nominee("B", "la", "accepted")], LABELS)
    assert [(a.label, a.accepted, a.pending) for a in result.by_award] == [("la", 1, 1)]
    assert (result.accepted, result.pending) == (1, 1)


def test_nothing_to_show_before_the_review_or_without_nominees():
    decided = [nominee("A", "giay_khen", "accepted")]
    assert outcome_of(SimpleNamespace(state="submitted", nominees=decided), LABELS) is None
    assert outcome_of(SimpleNamespace(state="draft", nominees=decided), LABELS) is None
    assert outcome_of(SimpleNamespace(state="reviewed", nominees=[]), LABELS) is None
    assert outcome_of(SimpleNamespace(state="reviewed", nominees=[nominee("A", "giay_khen", "pending")]),
                      LABELS) is None
    assert outcome_of(SimpleNamespace(state="approved", nominees=decided), LABELS).accepted == 1
