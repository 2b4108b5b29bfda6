"""A round with proposals from several bodies, reviewed (some nominees rejected, some voted on):
what the tests of the round's one decision start from (issue 15, point 5)."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timezone

import time_machine

from tests.factories import add_user, advance, issued_plan
from workflow_app.extensions import db
from workflow_app.models import Document, Organization, Round
from workflow_app.services import demo_data, documents
from workflow_app.services.transitions import apply_transition

BEFORE_THE_DEADLINE = datetime(2025, 10, 31, 9, 0, tzinfo=timezone.utc)


@dataclass
class RoundWorld:
    plan: Document
    round: Round
    proposals: list[Document]     # reviewed, in the order made
    communes: list[Organization]


def _nominees(place: str, count: int) -> list[dict]:
    rows = copy.deepcopy(demo_data.NOMINEES[:count])
    for row in rows:
        row["organization"] = row["organization"].replace("An Trường", place)
        row["full_name"] = f"{row['full_name']} {place}"
    return rows


def second_commune(world, name="Huyền Hội", code="UBND-HH") -> tuple[Organization, dict]:
    commune = Organization(**{**demo_data.COMMUNE, "code": code, "name": f"Ủy ban nhân dân xã {name}",
                              "name_lines": ["ỦY BAN NHÂN DÂN", f"XÃ {name.upper()}"], "place_name": name})
    commune.parent = world.district
    commune.units = []
    db.session.add(commune)
    db.session.commit()
    slug = code.lower().replace("ubnd-", "")
    users = {"drafter": add_user(f"drafter.{slug}", commune, ["drafter"]),
             "approver": add_user(f"approver.{slug}", commune, ["approver"], None, "Chủ tịch",
                                  full_name=f"Chủ tịch {name}")}
    return commune, users


def proposal(world, round_: Round, drafter, signer, nominees, rejected: dict[int, str] | None = None,
             votes: tuple[int, int] | None = None, state: str = "reviewed") -> Document:
    """A proposal of the round taken to `state` before the deadline; at review the rows of
    `rejected` (index -> reason) are not accepted, and each row has `votes` if given."""
    body = {**demo_data.COMMENDATION_BODY, "round_id": round_.id}
    del body["period"]
    document = documents.create(drafter, {"kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
                                          "body": body, "nominees": nominees})
    with time_machine.travel(BEFORE_THE_DEADLINE, tick=False):
        if state == "draft":
            return document
        apply_transition(document, "submit", signer)
        if state == "submitted":
            return document
        decisions = []
        for i, n in enumerate(document.nominees):
            d = {"id": n.id, "status": "rejected" if i in (rejected or {}) else "accepted",
                 "note": (rejected or {}).get(i, "")}
            if votes:
                d["votes_for"], d["votes_total"] = votes if i not in (rejected or {}) else (2, votes[1])
            decisions.append(d)
        apply_transition(document, "review", world.users["reviewer"], nominees=decisions)
    return document


def round_world(world, proposals: int = 3) -> RoundWorld:
    """Three reviewed proposals: two from the commune (one with a rejected row and votes), one from
    a second commune."""
    plan = issued_plan(world)
    db.session.expire_all()
    round_ = db.session.get(Document, plan.id).rounds[0]
    other, other_users = second_commune(world)
    made = [make() for make in (
        lambda: proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"],
                         _nominees("An Trường", 4), rejected={1: "Chưa đủ tiêu chuẩn về thời gian công tác."},
                         votes=(7, 9)),
        lambda: proposal(world, round_, other_users["drafter"], other_users["approver"], _nominees("Huyền Hội", 3)),
        lambda: proposal(world, round_, world.users["commune_drafter"], world.users["commune_approver"],
                         [{**_nominees("An Trường", 6)[5], "kind": "collective",
                           "full_name": "Trường Tiểu học An Trường", "gender": "", "position": "",
                           "organization": "xã An Trường"}]),
    )[:proposals]]
    return RoundWorld(plan, round_, made, [world.commune, other])


def advance_decision(world, decision: Document, state: str) -> None:
    for name, role in (("approve", "approver"), ("issue", "archivist"))[:{"approved": 1, "issued": 2}[state]]:
        apply_transition(decision, name, world.users[role])


__all__ = ["RoundWorld", "advance", "advance_decision", "proposal", "round_world", "second_commune"]
