"""Decisions of the two rounds of one plan, for the statistics-per-round tests, counted by hand.

The demo plan (district, issued 01/10/2025) declares "Sơ kết giai đoạn 2023 - 2025" (first) and
"Tổng kết giai đoạn 2023 - 2030" (second). Commune An Trường, all issued:
  X in the first round: two individuals (a man and a woman), Giấy khen;
  Y in the second round: one man, Giấy khen;
  Z citing the plan but no round: one woman, Giấy khen.
An outsider: a body that is not below the district, which sees none of it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import time_machine

from tests.factories import add_user, advance, issued_plan, new_commendation
from workflow_app.extensions import db
from workflow_app.models import Document, Organization, Round, User
from workflow_app.services import demo_data, documents

AT = datetime(2025, 10, 1, 3, 0, tzinfo=timezone.utc)   # before the first round's deadline
NOMINEES = demo_data.NOMINEES


@dataclass
class Seeded:
    plan: Document
    first: Round
    second: Round
    x: Document
    y: Document
    z: Document
    outsider: User


def in_round(world, round_id: int, nominees: list[dict], **body) -> Document:
    data = {**demo_data.COMMENDATION_BODY, "round_id": round_id, **body}
    data.pop("period", None)
    return documents.create(world.users["commune_drafter"], {
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE, "body": data, "nominees": nominees})


def outsider_user() -> User:
    other = Organization(**{**demo_data.DISTRICT, "code": "UBND-TC", "name": "Ủy ban nhân dân huyện Tiểu Cần",
                            "name_lines": ["ỦY BAN NHÂN DÂN", "HUYỆN TIỂU CẦN"], "place_name": "Tiểu Cần"})
    db.session.add(other)
    db.session.commit()
    return add_user("reviewer.tieucan", other, ["reviewer"])


def seed(world) -> Seeded:
    with time_machine.travel(AT, tick=False):
        plan = issued_plan(world)
        db.session.expire_all()
        first, second = db.session.get(Document, plan.id).rounds
        x = in_round(world, first.id, [dict(NOMINEES[0]), dict(NOMINEES[1])])
        y = in_round(world, second.id, [dict(NOMINEES[2])])
        z = new_commendation(world, plan, [dict(NOMINEES[3])])
        for document in (x, y, z):
            advance(world, document, "issued")
    return Seeded(plan, first, second, x, y, z, outsider_user())
