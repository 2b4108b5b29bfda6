"""A round whose proposals the council votes on (issue 15, point 4): the plan's second round
("Tổng kết", which gives Chiến sĩ thi đua cơ sở to individuals), and a commune's reviewed
proposal with two CSTĐCS nominees (each with the Lao động tiên tiến a CSTĐCS needs) and one
Giấy khen."""
from __future__ import annotations

import copy

from tests.factories import advance, new_plan
from workflow_app.extensions import db
from workflow_app.models import Document, Round
from workflow_app.services import demo_data, documents

CSTDCS, LDTT, GIAY_KHEN = "chien_si_thi_dua_co_so", "lao_dong_tien_tien", "giay_khen"


def person(name: str, award: str, **more) -> dict:
    return {"kind": "individual", "full_name": name, "gender": "male", "position": "Giáo viên",
            "organization": "Trường THCS An Trường", "award": award,
            "achievement": "Có sáng kiến được công nhận trong công tác khuyến học.", **more}


NOMINEES = [person("Nguyễn Văn Một", CSTDCS), person("Nguyễn Văn Một", LDTT),
            person("Trần Văn Hai", CSTDCS), person("Trần Văn Hai", LDTT),
            person("Lê Văn Ba", GIAY_KHEN)]


def council_round(world, quotas: dict | None = None) -> Round:
    """The issued plan's second round (with `quotas`, if given)."""
    body = copy.deepcopy(demo_data.PLAN_BODY)
    if quotas is not None:
        body["rounds"][1]["quotas"] = quotas
    plan = new_plan(world, body=body)
    advance(world, plan, "issued")
    db.session.expire_all()
    return db.session.get(Document, plan.id).rounds[1]


def reviewed_proposal(world, round_: Round, nominees=None, state: str = "reviewed") -> Document:
    proposal = documents.create(world.users["commune_drafter"], {
        "kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
        "body": {**{k: v for k, v in demo_data.COMMENDATION_BODY.items() if k != "period"}, "round_id": round_.id},
        "nominees": NOMINEES if nominees is None else nominees})
    advance(world, proposal, state)
    db.session.expire_all()
    return db.session.get(Document, proposal.id)


def meeting(**change) -> dict:
    found = {"held_at": "2026-11-20T08:00", "ended_at": "10:30", "place": "Hội trường UBND huyện",
             "chair": {"name": "Nguyễn Văn Chủ", "position": "Chủ tịch UBND huyện, Chủ tịch Hội đồng"},
             "secretary": {"name": "Nguyễn Văn Hùng", "position": "Trưởng phòng Nội vụ, Thư ký Hội đồng"},
             "attendees": [{"name": f"Thành viên {i}", "position": "Ủy viên"} for i in range(1, 6)],
             "absent": [{"name": "Phạm Văn Vắng", "position": "Ủy viên", "written_opinion": True}]}
    found.update(change)
    return found


def by_name(document: Document) -> dict:
    """{(name, award): nominee} of a proposal."""
    return {(n.full_name, n.award): n for n in document.nominees}
