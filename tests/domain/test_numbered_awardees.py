"""numbered_awardees keeps the Danh sách's numbering of one nominees tuple (a round decision's issue
asks it once per file: its certificates and Thông báo per proposing body); it must answer exactly
what numbered(accepted(...)) answers, for the tuple it is given and not one seen before."""
from __future__ import annotations

from dataclasses import replace

from workflow_app.domain.documents.commendation_contexts import accepted, gold_book_numbers, numbered_awardees
from workflow_app.domain.documents.context_parts import numbered
from workflow_app.kinds.decision.content import SAMPLE


def test_the_same_answer_as_numbering_afresh_and_kept_for_the_parts_of_one_content():
    expected = tuple(numbered(accepted(SAMPLE.nominees)))
    assert numbered_awardees(SAMPLE) == expected
    part = replace(SAMPLE, certificates_for=SAMPLE.proposals[1].proposer)   # shares the nominees tuple
    assert numbered_awardees(part) is numbered_awardees(SAMPLE)


def test_other_nominees_are_numbered_for_themselves():
    first = numbered_awardees(SAMPLE)
    fewer = replace(SAMPLE, nominees=SAMPLE.nominees[1:])
    assert numbered_awardees(fewer) == tuple(numbered(accepted(fewer.nominees))) != first
    as_list = replace(SAMPLE, nominees=list(SAMPLE.nominees))               # not a tuple: never kept
    assert numbered_awardees(as_list) == first
    assert gold_book_numbers(fewer) == {n.order: stt for stt, n in numbered(accepted(fewer.nominees))}
