"""Separation of duties: who took part in a document earlier may not take some later steps.

A step names the earlier duties it excludes (`TransitionDef.excludes`, definitions.py): the
approver is not who wrote the content, nor who submitted or reviewed it; the văn thư who issues
is not the signer. A body where one person must hold two of these (a small commune) says so
(organizations.allow_combined_duties, of the actor's body: for approve and issue, the issuing
body): the step is then allowed, and its history row names the duties its actor combined.
No `return` excludes anyone: who may not approve a document may still send it back.

The duties, as services/duties.py finds them on a document:
  authors    its creator and everyone who saved an edit of the draft (document_editors)
  submitter  whoever took a `submit` step in its history (any round)
  reviewer   whoever took a `review` step in its history (any round)
  signer     the approver whose signature it carries now (documents.approved_by_id)
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..i18n import N_
from .model import TransitionDef

AUTHORS, SUBMITTER, REVIEWER, SIGNER = "authors", "submitter", "reviewer", "signer"
DUTIES = (AUTHORS, SUBMITTER, REVIEWER, SIGNER)
STEP_OF = {SUBMITTER: "submit", REVIEWER: "review"}   # the history rows that make one

_DID = {AUTHORS: "soạn", SUBMITTER: "trình", REVIEWER: "thẩm định", SIGNER: "ký"}
LABELS = {AUTHORS: N_("người soạn"), SUBMITTER: N_("người trình"),   # who held each; the web translates
          REVIEWER: N_("người thẩm định"), SIGNER: N_("người ký")}


class Record(Protocol):
    """What the service knows of one actor on one document."""

    relaxed: bool   # the actor's body allows one person to combine these duties

    def held(self, names: tuple[str, ...]) -> frozenset[str]:
        """Which of `names` the actor has held on the document."""


def clash(tdef: TransitionDef, record: Record) -> tuple[str, ...]:
    """The duties the actor held that `tdef` excludes, in the definition's order."""
    if not tdef.excludes:
        return ()
    held = record.held(tdef.excludes)
    return tuple(name for name in tdef.excludes if name in held)


def _listed(words: Iterable[str], last: str = "và") -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def refusal(tdef: TransitionDef, names: tuple[str, ...]) -> str:
    """Why an actor who held `names` may not take `tdef`: "Bạn đã soạn và trình văn bản này …"."""
    step = tdef.label.lower()
    who = _listed((LABELS[n] for n in tdef.excludes), "hay")
    return (f"Bạn đã {_listed(_DID[n] for n in names)} văn bản này nên không thể {step}: người {step} "
            f"không được là {who} văn bản (nguyên tắc tách bạch nhiệm vụ).")


def remark(label: str, combined: str) -> str:
    """The history's note on a step (`label`) taken with combined duties (`combined`: as
    workflow_events.combined_duties keeps them, names separated by spaces); "" for none."""
    names = [n for n in (combined or "").split() if n in LABELS]
    if not names:
        return ""
    return (f"Kiêm nhiệm theo thiết lập của cơ quan: người {label.lower()} đồng thời là "
            f"{_listed(LABELS[n] for n in names)} văn bản.")

