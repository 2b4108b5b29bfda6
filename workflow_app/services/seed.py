"""seed-demo: the demo bodies, users and documents, created once (running it again changes nothing)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ..domain.register import RegisterKey, series_for
from ..extensions import db
from ..models import Document, Organization, SigningCredential, Unit, User
from ..models.signing import TRUST_ROOT
from . import accounts, demo_data, documents, notices, register
from .transitions import apply_transition


def _organization(spec: dict, parent: Organization | None, units: list[dict]) -> Organization:
    org = db.session.scalar(select(Organization).where(Organization.code == spec["code"]))
    if org is None:
        org = Organization(parent=parent, **spec)
        org.units = [Unit(**u) for u in units]
        db.session.add(org)
        db.session.commit()
    return org


def _users(password: str | None) -> dict[str, str]:
    """Creates missing demo users; returns the passwords of those created (to print once)."""
    created = {}
    for username, full_name, position, org_code, unit_code, roles in demo_data.USERS:
        if accounts.find_user(username):
            continue
        org = db.session.scalar(select(Organization).where(Organization.code == org_code))
        unit = next((u for u in org.units if u.code == unit_code), None)
        created[username] = password or accounts.new_password()
        user = accounts.create_user(username, created[username], full_name=full_name, position=position,
                                    organization=org, unit=unit, roles=roles)
        user.heads_unit = username in demo_data.UNIT_HEADS
        db.session.commit()
    return created


def _user(username: str) -> User:
    return accounts.find_user(username)


def _existing(kind: str, title: str, owner: Organization) -> Document | None:
    return db.session.scalar(select(Document).where(
        Document.kind == kind, Document.title == title, Document.proposer_id == owner.id))


def _seed_plan(district: Organization) -> Document:
    plan = _existing("plan", demo_data.PLAN_TITLE, district)
    if plan is not None:
        return plan
    plan = documents.create(_user("drafter"), {"kind": "plan", "title": demo_data.PLAN_TITLE,
                                              "body": demo_data.PLAN_BODY})
    first_at = datetime.fromisoformat(demo_data.PLAN_HISTORY[0][2])
    plan.created_at = plan.updated_at = first_at - timedelta(days=2)
    db.session.commit()
    for name, username, at, comment, extra in demo_data.PLAN_HISTORY:
        apply_transition(plan, name, _user(username), comment=comment,
                         at=datetime.fromisoformat(at), **extra)
    notices.mark_document_read(plan)   # its history is 2023's: nothing waits for anyone
    db.session.commit()
    return plan


def _seed_commendation(commune: Organization, plan: Document) -> Document:
    proposal = _existing("commendation", demo_data.COMMENDATION_TITLE, commune)
    if proposal is None:
        proposal = documents.create(_user("drafter.antruong"), {
            "kind": "commendation", "title": demo_data.COMMENDATION_TITLE,
            # it answers the plan's first round (Sơ kết giai đoạn 2023 - 2025)
            "body": {**demo_data.COMMENDATION_BODY, "plan_id": plan.id,
                     "round_id": plan.rounds[0].id if plan.rounds else None},
            "nominees": demo_data.NOMINEES})
    return proposal


def seed_demo(password: str | None = None) -> dict[str, str]:
    """Everything DESIGN.md §8 lists; returns {username: password} for the users it created."""
    district = _organization(demo_data.DISTRICT, None, demo_data.DISTRICT_UNITS)
    commune = _organization(demo_data.COMMUNE, district, demo_data.COMMUNE_UNITS)
    created = _users(password)
    for code, year, type_abbr, last in demo_data.REGISTER_STARTS:
        org = db.session.scalar(select(Organization).where(Organization.code == code))
        register.set_start(RegisterKey(org.id, year, series_for(org.numbering_scheme, type_abbr)), last)
    db.session.commit()
    plan = _seed_plan(district)
    _seed_commendation(commune, plan)
    return created


def seed_signing(at: datetime, pin: str | None = None) -> dict[str, str]:
    """Digital signing for the demo (issue 16), once, after the demo documents (signed on paper):
    a DEMO certificate authority (trusted here; its key is thrown away), a certificate for every
    approver (PIN-protected PKCS#12), a seal certificate for each body, and both bodies sign
    digitally. Returns {username: PIN} for the approvers' new certificates (to print once); `pin`:
    one PIN for all (default: a random 6 digits each)."""
    import secrets

    from . import demo_pki, signatures
    from .signers import certificate_info
    existing = db.session.scalar(select(SigningCredential).where(
        SigningCredential.purpose == TRUST_ROOT, SigningCredential.subject == demo_pki.DEMO_CA_NAME))
    if existing is not None:
        return {}
    ca = demo_pki.make_ca(at)
    signatures.add_trust_root(certificate_info(ca.cert).der)
    pins = {}
    for username, *_rest, roles in demo_data.USERS:
        if "approver" not in roles:
            continue
        user = _user(username)
        pins[username] = pin or "".join(secrets.choice("0123456789") for _ in range(6))
        p12 = demo_pki.issue_pkcs12(ca, user.full_name, pins[username], at, organization=user.organization.name)
        signatures.import_personal(user, p12, pins[username])
    for spec in (demo_data.DISTRICT, demo_data.COMMUNE):
        org = db.session.scalar(select(Organization).where(Organization.code == spec["code"]))
        one_off = secrets.token_hex(8)
        signatures.import_seal(org, demo_pki.issue_pkcs12(ca, org.name, one_off, at), one_off)
        org.signs_digitally = True
    db.session.commit()
    return pins
