"""What the plan's issue step does besides the shared effects: its rounds become rows."""
from __future__ import annotations

from datetime import date


def open_rounds(document, actor, value, at) -> None:
    """Effect "open_rounds" (issue): the rounds of the plan's body become `rounds` rows, whose ids
    proposals cite from now on (the body stays as it was issued)."""
    from ...models import Round  # the kind's spec is imported before the tables are

    document.rounds = [
        Round(position=i, key=r["key"], name=r["name"], proposals_due=date.fromisoformat(r["proposals_due"]),
              groups=r.get("groups") or [])
        for i, r in enumerate((document.body or {}).get("rounds") or [])]
