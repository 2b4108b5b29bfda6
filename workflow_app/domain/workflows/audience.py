"""Who a document is shown to, and how much of it: its issuer, its proposer, or a body below.

The issuing body made the document and sees all of it. A proposing body (a commune, for its
commendation proposal) sees what concerns it: its own steps (Hủy among them), the return
with its reason, the issue, its own Tờ trình and the issued papers; not the issuer's internal
papers (Biên bản, Phiếu trình, the approved draft) or opinions. A body below that an issued plan
addresses is meant to read the issued text only.
`user` needs organization_id; `document` organization_id and owner_organization_id.
"""
from __future__ import annotations

ISSUER, PROPOSER, ADDRESSEE = "issuer", "proposer", "addressee"

_STEPS_SHOWN = {PROPOSER: {"submit", "withdraw", "cancel", "return", "issue"}, ADDRESSEE: {"issue"}}
_FILES_SHOWN = {PROPOSER: {"submitted", "issued"}, ADDRESSEE: {"issued"}}


def audience(user, document) -> str:
    if user.organization_id == document.issuer_id:
        return ISSUER
    if user.organization_id == document.proposer_id:
        return PROPOSER
    return ADDRESSEE


def shows_step(who: str, transition: str) -> bool:
    return who == ISSUER or transition in _STEPS_SHOWN[who]


def shows_file(who: str, step: str) -> bool:
    """`step`: the state a file was made for ("submitted", "issued", …)."""
    return who == ISSUER or step in _FILES_SHOWN[who]
