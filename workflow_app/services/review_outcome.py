"""What a review decided, for the people after it (approver, văn thư) and the document page:
counts by decision and by award, and the nominees not proposed with the reviewer's reasons.

Works on any kind that has nominees; `award_labels` maps an award code to its label (the
issuing body's award list). Pure: it reads the nominees it is given, nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field

DECIDED = ("accepted", "rejected")
# the steps before the review: nothing to sum up yet (a draft may carry decisions from a return)
BEFORE_REVIEW = ("draft", "submitted")


@dataclass
class AwardOutcome:
    code: str
    label: str
    accepted: int = 0
    rejected: int = 0
    pending: int = 0


@dataclass(frozen=True)
class RejectedNominee:
    position: int            # STT in the list (1-based)
    full_name: str
    award_label: str
    note: str


@dataclass
class ReviewOutcome:
    accepted: int = 0
    rejected: int = 0
    pending: int = 0
    by_award: list[AwardOutcome] = field(default_factory=list)
    rejected_list: list[RejectedNominee] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.accepted + self.rejected + self.pending


def outcome(nominees, award_labels: dict[str, str]) -> ReviewOutcome:
    """Counts of `nominees` (in list order) by decision and by award (awards in the order they
    first appear), and the rejected ones with their reasons."""
    result = ReviewOutcome()
    awards: dict[str, AwardOutcome] = {}
    for position, n in enumerate(nominees, start=1):
        status = n.review_status if n.review_status in DECIDED else "pending"
        label = award_labels.get(n.award, n.award)
        award = awards.setdefault(n.award, AwardOutcome(n.award, label))
        setattr(award, status, getattr(award, status) + 1)
        setattr(result, status, getattr(result, status) + 1)
        if status == "rejected":
            result.rejected_list.append(RejectedNominee(position, n.full_name, label, n.review_note or ""))
    result.by_award = list(awards.values())
    return result


def outcome_of(document, award_labels: dict[str, str]) -> ReviewOutcome | None:
    """The review's outcome to show on the document's pages, or None: a kind without nominees,
    a document not yet reviewed, or one whose nominees nobody has decided."""
    nominees = getattr(document, "nominees", None)
    if not nominees or document.state in BEFORE_REVIEW:
        return None
    if not any(n.review_status in DECIDED for n in nominees):
        return None
    return outcome(nominees, award_labels)
