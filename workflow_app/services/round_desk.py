"""The round's desk (issue 15, point 6): who of those expected to propose has proposed, the
proposals by state, nominees and accepted counts by award, the days left; reminders to propose
("Nhắc nộp hồ sơ", from the desk or `flask rounds remind`) and the rounds still to answer on a
user's worklist.

Who is expected to propose is services/rounds.py's rule (report()): the bodies below the plan's
issuer and the issuer's own units. Every figure is a GROUP BY over the round's proposals: the
work is a fixed number of queries whatever the number of proposals or nominees.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, joinedload, selectinload

from ..domain import notices as notice_rules
from ..domain import validation
from ..domain.clock import local_date, local_today
from ..domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..domain.kinds import KINDS
from ..domain.rounds import days_left, kind_label
from ..domain.workflows import DEFINITIONS
from ..extensions import db
from ..models import Document, Nominee, Organization, Round, RoundReminder, Unit, User, UserRole
from . import notices, rounds
from .scope import NOT_SUBMITTED, visible_clause

REMINDER_ROLES = ("approver", "drafter")   # of a body below: who signs and who writes its Tờ trình


def _declaring_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.declares_rounds]


def _answering() -> list[str]:
    """The kinds that answer a round (a round's decision cites it too, but proposes nothing)."""
    return [k.name for k in KINDS.values() if k.answers_rounds]


def answering_kind() -> str | None:
    """The kind of document that answers a round (the proposal), for "Lập tờ trình đề nghị"."""
    return next((k.name for k in KINDS.values() if k.answers_rounds), None)


# --- the desk -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    sent_at: datetime
    sent_on: date
    sent_by: str | None        # None: the scheduled reminder
    recipients: int


@dataclass(frozen=True)
class ProposalRow:
    document: Document
    proposer: str
    nominees: int
    accepted: int


@dataclass(frozen=True)
class Expected:
    """A body below or a unit of the issuer that is expected to propose in the round."""
    key: str                   # "org-5" / "unit-3": the addressee of a reminder
    name: str
    is_unit: bool
    proposals: list[ProposalRow] = field(default_factory=list)
    reminder: Reminder | None = None     # the latest
    reminded_today: bool = False

    @property
    def proposed(self) -> bool:
        return bool(self.proposals)


@dataclass(frozen=True)
class AwardLine:
    award: str
    label: str
    kind: str
    kind_label: str
    nominees: int
    accepted: int


@dataclass(frozen=True)
class Total:
    label: str
    nominees: int
    accepted: int


@dataclass(frozen=True)
class Desk:
    round: Round
    plan: Document
    issuer_side: bool
    can_remind: bool
    today: date
    left: str                  # "Còn 5 ngày" / "Hết hạn 3 ngày trước"
    overdue: bool
    expected: list[Expected]
    proposals: list[ProposalRow]
    by_state: list[tuple[str, int]]
    awards: list[AwardLine]
    award_totals: list[Total]
    kind_totals: list[Total]
    total: Total
    create_kind: str | None    # the kind a user of an expected body/unit may draft to answer
    can_decide: bool = False   # the council and the round's decision (reviewers of the issuing body)
    closed_by: Document | None = None   # the issued decision that closed the round

    @property
    def proposed(self) -> list[Expected]:
        return [e for e in self.expected if e.proposed]

    @property
    def not_proposed(self) -> list[Expected]:
        return [e for e in self.expected if not e.proposed]


def _load(round_id, user) -> tuple[Round, Document, bool]:
    """(round, plan, the user is of the issuing body); NotFound for anyone who may not see it
    (the rule of rounds.report())."""
    missing = NotFound("Không tìm thấy đợt khen thưởng.")
    if not validation.is_row_id(round_id):
        raise missing
    row = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                             .where(Round.id == round_id, Document.state == "issued",
                                    Document.kind.in_(_declaring_kinds()))).first()
    if row is None:
        raise missing
    round_, plan = row
    org = user.organization
    issuer_side = org.id == plan.issuer_id
    if not issuer_side and org.parent_id != plan.issuer_id:
        raise missing
    return round_, plan, issuer_side


def _submitted(round_: Round, org: Organization, issuer_side: bool) -> list:
    """The round's proposals sent in; a body below sees its own."""
    where = [Document.round_id == round_.id, Document.kind.in_(_answering()), Document.state.not_in(NOT_SUBMITTED)]
    if not issuer_side:
        where.append(Document.proposer_id == org.id)
    return where


def _expected(plan: Document, org: Organization, issuer_side: bool) -> list[tuple[str, str, bool, int]]:
    """(key, name, is_unit, id) of every body or unit expected to propose (a body below: itself)."""
    if not issuer_side:
        return [(f"org-{org.id}", org.name, False, org.id)]
    below = db.session.execute(select(Organization.id, Organization.name)
                               .where(Organization.parent_id == plan.issuer_id).order_by(Organization.id))
    units = db.session.execute(select(Unit.id, Unit.name).where(Unit.organization_id == plan.issuer_id)
                               .order_by(Unit.id))
    return [(f"org-{i}", name, False, i) for i, name in below] + [(f"unit-{i}", name, True, i) for i, name in units]


def _addressee_of(document: Document, plan: Document) -> str | None:
    if document.proposer_id != plan.issuer_id:
        return f"org-{document.proposer_id}"
    return f"unit-{document.unit_id}" if document.unit_id is not None else None


def _latest_reminders(round_id: int) -> dict[str, Reminder]:
    """The latest reminder of each addressee of the round (one row each, whatever the days)."""
    latest = (select(func.max(RoundReminder.id)).where(RoundReminder.round_id == round_id)
              .group_by(RoundReminder.addressee))
    return {r.addressee: Reminder(r.sent_at, r.sent_on, r.sent_by.full_name if r.sent_by else None, r.recipients)
            for r in db.session.scalars(select(RoundReminder).where(RoundReminder.id.in_(latest))
                                        .options(joinedload(RoundReminder.sent_by)))}


def desk(round_id, user, translate=lambda text: text) -> Desk:
    """The round's desk as `user` may see it: everything for the plan's issuing body, its own
    proposals (and its own deadline) for a body below."""
    round_, plan, issuer_side = _load(round_id, user)
    may = issuer_side and "reviewer" in user.roles
    return replace(_desk(round_, plan, user.organization, issuer_side, may, translate), can_decide=may)


def _desk(round_: Round, plan: Document, org: Organization, issuer_side: bool, can_remind: bool,
          translate=lambda text: text) -> Desk:
    """The desk as a user of `org` sees it (the issuing body, or a body below it). A closed round
    (its decision issued) says so, and reminds no one."""
    today = local_today()
    closed_by = rounds.closing_decision(round_)
    can_remind = can_remind and closed_by is None
    where = _submitted(round_, org, issuer_side)
    documents = db.session.scalars(select(Document).where(*where)
                                   .options(joinedload(Document.proposer), joinedload(Document.unit),
                                            selectinload(Document.register_entries))
                                   .order_by(Document.id)).all()
    accepted = func.coalesce(func.sum(case((Nominee.review_status == "accepted", 1), else_=0)), 0)
    counts = {doc_id: (n, a) for doc_id, n, a in db.session.execute(
        select(Nominee.document_id, func.count(), accepted)
        .join(Document, Document.id == Nominee.document_id).where(*where).group_by(Nominee.document_id))}
    rows = [ProposalRow(d, d.unit.name if d.proposer_id == plan.issuer_id and d.unit is not None
                        else d.proposer.name, *counts.get(d.id, (0, 0))) for d in documents]
    by_addressee: dict[str, list[ProposalRow]] = {}
    for row in rows:
        by_addressee.setdefault(_addressee_of(row.document, plan), []).append(row)
    reminders = _latest_reminders(round_.id) if issuer_side else {}
    expected = [Expected(key, name, is_unit, by_addressee.get(key, []), reminders.get(key),
                         key in reminders and reminders[key].sent_on == today)
                for key, name, is_unit, _id in _expected(plan, org, issuer_side)]

    by_state = [(state, n) for state, n in db.session.execute(
        select(Document.state, func.count()).where(*where).group_by(Document.state).order_by(Document.state))]
    labels = {a["code"]: a["label"] for a in plan.issuer.awards or []}
    awards = [AwardLine(award, labels.get(award, award), kind, translate(kind_label(kind)), n, a)
              for award, kind, n, a in db.session.execute(
                  select(Nominee.award, Nominee.kind, func.count(), accepted)
                  .join(Document, Document.id == Nominee.document_id).where(*where)
                  .group_by(Nominee.award, Nominee.kind).order_by(Nominee.award, Nominee.kind))]
    order = {a["code"]: i for i, a in enumerate(plan.issuer.awards or [])}
    awards.sort(key=lambda line: (order.get(line.award, len(order)), line.award, line.kind))
    award_totals, kind_totals = _totals(awards, lambda x: x.label), _totals(awards, lambda x: x.kind_label)
    total = Total("", sum(x.nominees for x in awards), sum(x.accepted for x in awards))
    return Desk(round_, plan, issuer_side, can_remind, today,
                days_left(round_.proposals_due, today, translate), round_.proposals_due < today, expected, rows,
                by_state, awards, award_totals, kind_totals, total,
                answering_kind() if closed_by is None else None, closed_by=closed_by)


def _totals(lines: list[AwardLine], key) -> list[Total]:
    sums: dict[str, list[int]] = {}
    for line in lines:
        found = sums.setdefault(key(line), [0, 0])
        found[0] += line.nominees
        found[1] += line.accepted
    return [Total(label, n, a) for label, (n, a) in sums.items()]


# --- reminders ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reminded:
    sent: list[tuple[str, int]]       # (name, users told)
    skipped: list[str]                # already reminded today


def _recipients(targets: list[Expected]) -> dict[str, list[User]]:
    """The users each addressee's reminder tells, in one query: the approvers and drafters of a
    body below, every user of a unit."""
    orgs = [int(t.key[4:]) for t in targets if not t.is_unit]
    units = [int(t.key[5:]) for t in targets if t.is_unit]
    clauses = []
    if orgs:
        clauses.append(and_(User.organization_id.in_(orgs),
                            User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(REMINDER_ROLES)))))
    if units:
        clauses.append(User.unit_id.in_(units))
    found: dict[str, list[User]] = {t.key: [] for t in targets}
    if not clauses:
        return found
    for user in db.session.scalars(select(User).where(User.active, or_(*clauses)).order_by(User.id)):
        if user.unit_id in units:
            found[f"unit-{user.unit_id}"].append(user)
        if user.organization_id in orgs:
            found[f"org-{user.organization_id}"].append(user)
    return found


def _send(round_: Round, plan: Document, targets: list[Expected], actor, now: datetime) -> Reminded:
    """Tell the users of `targets` (not proposed, not reminded today), record each reminder;
    commit, then the e-mails."""
    today = local_date(now)
    already = set(db.session.scalars(select(RoundReminder.addressee).where(
        RoundReminder.round_id == round_.id, RoundReminder.sent_on == today)))
    fresh = [t for t in targets if t.key not in already]
    skipped = [t.name for t in targets if t.key in already]
    users = _recipients(fresh)
    mail_ids: list[int] = []
    sent = []
    try:
        for target in fresh:
            told = users[target.key]
            mail_ids += notices.notify(told, plan, notice_rules.DEADLINE, at=now)
            db.session.add(RoundReminder(
                round_id=round_.id, addressee=target.key, sent_on=today, sent_at=now,
                organization_id=None if target.is_unit else int(target.key[4:]),
                unit_id=int(target.key[5:]) if target.is_unit else None,
                sent_by_id=actor.id if actor is not None else None, recipients=len(told)))
            sent.append((target.name, len(told)))
        db.session.commit()
    except IntegrityError:   # someone else reminded the same addressee meanwhile: nothing of ours stays
        db.session.rollback()
        raise Conflict("Vừa có người khác gửi nhắc cho cơ quan, đơn vị này hôm nay; tải lại trang để xem.") from None
    except Exception:
        db.session.rollback()
        raise
    notices.send_mail(mail_ids)
    return Reminded(sent, skipped)


def remind(round_id, user, addressee: str | None = None, now: datetime | None = None) -> Reminded:
    """"Nhắc nộp hồ sơ" (a reviewer of the plan's issuing body): one body or unit that has not
    proposed (`addressee`, its key), or every one (None). Not twice the same day to the same
    addressee: those are skipped, and said."""
    round_, plan, issuer_side = _load(round_id, user)
    if not issuer_side or "reviewer" not in user.roles:
        raise Forbidden("Chỉ cán bộ thẩm định của cơ quan ban hành kế hoạch được nhắc nộp hồ sơ.")
    view = desk(round_id, user)
    if view.closed_by is not None:
        raise Conflict(f"Đợt “{round_.name}” đã có quyết định khen thưởng; không nhắc nộp hồ sơ nữa.")
    if addressee is None:
        targets = view.not_proposed
        if not targets:
            raise Conflict("Mọi cơ quan, đơn vị đều đã nộp hồ sơ; không còn nơi nào để nhắc.")
    else:
        chosen = next((e for e in view.expected if e.key == addressee), None)
        if chosen is None:
            raise ValidationFailed("Cơ quan, đơn vị được chọn không thuộc danh sách phải nộp hồ sơ của đợt.",
                                   {"addressee": "Chọn một cơ quan, đơn vị chưa nộp hồ sơ."})
        if chosen.proposed:
            raise Conflict(f"{chosen.name} đã nộp hồ sơ; không cần nhắc.")
        targets = [chosen]
    return _send(round_, plan, targets, user, now or datetime.now(timezone.utc))


def remind_due(days: set[int], now: datetime | None = None) -> list[tuple[Round, Reminded]]:
    """The scheduled reminder (`flask rounds remind`): every round of an issued plan whose deadline
    is one of `days` days away, to every body or unit that has not proposed. Idempotent per day."""
    now = now or datetime.now(timezone.utc)
    today = local_date(now)
    dues = {date.fromordinal(today.toordinal() + d) for d in days}
    rows = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                              .where(Document.state == "issued", Document.kind.in_(_declaring_kinds()),
                                     Round.proposals_due.in_(dues), ~rounds.closed_clause())
                              .options(joinedload(Document.issuer))
                              .order_by(Round.proposals_due, Round.id)).all()
    done = []
    for round_, plan in rows:
        targets = _desk(round_, plan, plan.issuer, issuer_side=True, can_remind=True).not_proposed
        if not targets:
            continue
        try:
            done.append((round_, _send(round_, plan, targets, None, now)))
        except Conflict:   # a reviewer reminded one of them meanwhile: again, that one now skipped
            done.append((round_, _send(round_, plan, targets, None, now)))
    return done


# --- the worklist ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DueRound:
    round: Round
    plan: Document
    left: str
    overdue: bool
    unit: str | None           # the user's unit, when it is the unit that has to propose
    draft_id: int | None = None   # a proposal for it being written, that the user may open
    closed_by: Document | None = None   # the issued decision that closed it (desk_rounds only)


def _rounds_of(issuer_id: int, open_only: bool = True):
    where = [Document.state == "issued", Document.kind.in_(_declaring_kinds()), Document.issuer_id == issuer_id]
    if open_only:
        where.append(~rounds.closed_clause())
    return (select(Round, Document).join(Document, Document.id == Round.plan_id).where(*where)
            .options(selectinload(Document.register_entries)))


_Proposal = aliased(Document)


def _proposed(*conditions):
    """A proposal sent in for the round (conditions over `_Proposal`)."""
    return exists().where(_Proposal.round_id == Round.id, _Proposal.kind.in_(_answering()),
                          _Proposal.state.not_in(NOT_SUBMITTED), *conditions)


def due_for(user, translate=lambda text: text) -> list[DueRound]:
    """The open rounds the user's body (below the plan's issuer) or unit (of the issuer) still has
    to answer: gone once it has sent its proposal in. Nearest deadline first."""
    org = user.organization
    today = local_today()
    found: list[tuple[Round, Document, str | None]] = []
    if org.parent_id is not None:
        for r, p in db.session.execute(_rounds_of(org.parent_id)
                                       .where(~_proposed(_Proposal.proposer_id == org.id))):
            found.append((r, p, None))
    if user.unit_id is not None:
        unit = user.unit
        for r, p in db.session.execute(_rounds_of(org.id).where(
                ~_proposed(_Proposal.proposer_id == org.id, _Proposal.unit_id == user.unit_id))):
            found.append((r, p, unit.name))
    found.sort(key=lambda x: (x[0].proposals_due, x[0].id))
    drafts = _drafts(user, [r.id for r, _p, _u in found])
    return [DueRound(r, p, days_left(r.proposals_due, today, translate), r.proposals_due < today, unit,
                     drafts.get(r.id)) for r, p, unit in found]


def _drafts(user, round_ids: list[int]) -> dict[int, int]:
    """round id -> the newest draft answering it that `user` may open, of the user's body."""
    kind = answering_kind()
    if not round_ids or kind is None:
        return {}
    rows = db.session.execute(select(Document.round_id, func.max(Document.id))
                              .where(Document.round_id.in_(round_ids), Document.kind == kind,
                                     Document.state == DEFINITIONS[kind].initial,
                                     Document.proposer_id == user.organization_id, visible_clause(user))
                              .group_by(Document.round_id))
    return {round_id: doc_id for round_id, doc_id in rows}


def desk_rounds(user, translate=lambda text: text) -> list[DueRound]:
    """For the standing office (reviewers of a body that issued plans with rounds): every round of
    its issued plans, with a link to its desk. The open ones first, nearest deadline first; then
    the closed ones (their decision issued), the latest closed first, each with its decision: a
    past round stays reachable from here, not only by its URL."""
    if "reviewer" not in user.roles:
        return []
    today = local_today()
    rows = db.session.execute(_rounds_of(user.organization_id, open_only=False)
                              .order_by(Round.proposals_due, Round.id)).all()
    closing = rounds.closing_decisions([r.id for r, _p in rows])
    listed = [DueRound(r, p, days_left(r.proposals_due, today, translate), r.proposals_due < today, None,
                       closed_by=closing.get(r.id)) for r, p in rows]
    still_open = [d for d in listed if d.closed_by is None]
    closed = sorted((d for d in listed if d.closed_by is not None),
                    key=lambda d: (d.closed_by.issued_on or date.min, d.closed_by.id), reverse=True)
    return still_open + closed
