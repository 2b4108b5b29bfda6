"""A mix of decisions for the statistics tests, with the figures counted by hand.

Plan P (district, issued 2024). Commune An Trường, citing P:
  A issued 2024-06-10: cá nhân nam GK, cá nhân nữ GK, cá nhân (giới tính trống) LĐTT, tập thể TTLĐTT,
     hộ gia đình GK, and a cá nhân nữ GK the reviewer rejected (not counted);
  B issued 31/12/2024 17:30 UTC, 1 January 2025 in Vietnam: cá nhân nữ CSTĐCS, tập thể GK;
  C a draft and D approved (not issued): not counted.
Commune Phương Thạnh (invisible to An Trường), citing plan Q: E issued 2025-02-03: cá nhân nam GK,
  tập thể GK.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from tests.factories import add_user, advance, new_commendation, new_plan
from workflow_app.extensions import db
from workflow_app.models import Document, Organization, Unit
from workflow_app.services import demo_data, documents
from workflow_app.services.transitions import apply_transition

AT_PLAN = datetime(2024, 3, 1, 3, 0, tzinfo=timezone.utc)
AT_A = datetime(2024, 6, 10, 3, 0, tzinfo=timezone.utc)
AT_B = datetime(2024, 12, 31, 17, 30, tzinfo=timezone.utc)   # 01/01/2025 00:30 in Vietnam
AT_E = datetime(2025, 2, 3, 3, 0, tzinfo=timezone.utc)


def person(name, award, kind="individual", gender=""):
    return {"kind": kind, "full_name": name, "gender": gender if kind == "individual" else "",
            "position": "", "organization": "xã", "award": award, "achievement": "Thành tích tốt."}


A_NOMINEES = [
    person("Nam Một", "giay_khen", gender="male"),
    person("Nữ Hai", "giay_khen", gender="female"),
    person("Chưa Rõ", "lao_dong_tien_tien"),
    person("Ấp Một", "tap_the_lao_dong_tien_tien", kind="collective"),
    person("Hộ ông Ba", "giay_khen", kind="household"),
    person("Nữ Bị Loại", "giay_khen", gender="female"),
]
B_NOMINEES = [person("Nữ Bốn", "chien_si_thi_dua_co_so", gender="female"),
              person("Trường Tiểu học", "giay_khen", kind="collective")]
E_NOMINEES = [person("Nam Năm", "giay_khen", gender="male"), person("Ấp Hai", "giay_khen", kind="collective")]


@dataclass
class Seeded:
    plan: Document
    other_plan: Document
    a: Document
    b: Document
    e: Document
    other_commune: Organization


def _issue(world, document, at, reject=(), signer=None):
    """submit is the signing of the Tờ trình by the proposing body's leader (issue 13, point 5)."""
    signer = signer or world.actor_for("commendation", "proposal_signer")
    apply_transition(document, "submit", signer, generate=False, at=at)
    decisions = [{"id": n.id, "status": "rejected" if n.full_name in reject else "accepted",
                  "note": "Chưa đủ tiêu chuẩn." if n.full_name in reject else ""} for n in document.nominees]
    apply_transition(document, "review", world.users["reviewer"], generate=False, at=at, nominees=decisions)
    apply_transition(document, "approve", world.users["approver"], generate=False, at=at)
    apply_transition(document, "issue", world.users["archivist"], generate=False, at=at)


def seed(world) -> Seeded:
    # Counts, not eligibility: here "Chiến sĩ thi đua cơ sở" does not ask for "Lao động tiên tiến" the
    # same year (tests/api/test_commended.py checks that rule)
    world.district.awards = [{k: v for k, v in a.items() if k not in ("requires", "requires_basis")}
                             for a in world.district.awards]
    db.session.commit()
    plan = new_plan(world)
    advance(world, plan, "issued", at=AT_PLAN)
    other_plan = new_plan(world, title=demo_data.PLAN_TITLE + " (đợt 2)")
    advance(world, other_plan, "issued", at=AT_PLAN)

    a = new_commendation(world, plan, A_NOMINEES)
    _issue(world, a, AT_A, reject=("Nữ Bị Loại",))
    b = new_commendation(world, plan, B_NOMINEES)
    _issue(world, b, AT_B)
    new_commendation(world, plan, A_NOMINEES)                       # C: a draft
    d = new_commendation(world, plan, B_NOMINEES)                   # D: approved, not issued
    advance(world, d, "approved", at=AT_E)

    other = Organization(**{**demo_data.COMMUNE, "code": "UBND-PT", "name": "Ủy ban nhân dân xã Phương Thạnh",
                            "name_lines": ["ỦY BAN NHÂN DÂN", "XÃ PHƯƠNG THẠNH"], "place_name": "Phương Thạnh"},
                         parent=world.district)
    other.units = [Unit(code="VP", name="Văn phòng xã Phương Thạnh", abbreviation="VP")]
    db.session.add(other)
    db.session.commit()
    drafter = add_user("drafter.phuongthanh", other, ["drafter"], "VP")
    chairman = add_user("approver.phuongthanh", other, ["approver"], position="Chủ tịch")
    e = documents.create(drafter, {"kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
                                   "body": {**demo_data.COMMENDATION_BODY, "plan_id": other_plan.id},
                                   "nominees": E_NOMINEES})
    _issue(world, e, AT_E, signer=chairman)
    return Seeded(plan, other_plan, a, b, e, other)
