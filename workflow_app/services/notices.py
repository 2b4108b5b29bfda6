"""Notices (issue 14 §10): who is told of a step, their list and count, and the e-mail for each.

`record(event)` runs inside the step's transaction (services/transitions.py), so a step and its
notices commit together or not at all. Who is told is domain/notices.py's rule, asked of the
users of the document's bodies.

E-mail, when MAIL_SERVER is set (config.py), is sent by `send_mail()` after the step has
committed, inline, over one SMTP connection bounded by MAIL_TIMEOUT: a mail server that is down
or slow costs the step at most that, and never fails it. What the server did not take is
logged and marked `failed`; `flask notices send` (cron, every few minutes) sends those again,
up to MAX_ATTEMPTS times, with any left `pending` by a process that stopped between the commit
and the send. Delivery is at least once: a send whose result could not be recorded is sent again.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from flask import current_app, has_request_context, request
from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import joinedload, lazyload

from ..domain import notices as rules
from ..domain.clock import local_date
from ..domain.errors import ValidationFailed
from ..domain.kinds import KINDS
from ..domain.rounds import days_left
from ..domain.workflows import DEFINITIONS
from ..extensions import db
from ..models import Document, Notification, Round, RoundReminder, User, UserRole, WorkflowEvent
from ..models.notification import MAIL_FAILED, MAIL_NONE, MAIL_PENDING, MAIL_SENT
from . import duties, mail
from .scope import reads_round_decision, visible_clause

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
STALE_PENDING = timedelta(minutes=10)   # pending this long: the process that should have sent it stopped
MAX_PER_PAGE = 100


# --- who is told (in the step's transaction) ----------------------------------------------

def _authors(document: Document, initial: str) -> list[User]:
    """The creator and whoever last submitted it (the actor of the latest step out of the draft),
    in one query; their roles are not needed, so not loaded."""
    submitter = (select(WorkflowEvent.actor_id)
                 .where(WorkflowEvent.document_id == document.id, WorkflowEvent.from_state == initial)
                 .order_by(WorkflowEvent.id.desc()).limit(1))
    return list(db.session.scalars(
        select(User).where(User.active, or_(User.id == document.created_by_id, User.id.in_(submitter)))
        .options(lazyload(User.role_rows)).order_by(User.id)))


def _proposal_authors(decision: Document) -> list[User]:
    """The authors (creator, submitter) of the proposals a round decision was made from."""
    found = []
    for proposal in db.session.scalars(select(Document).where(Document.decision_id == decision.id)
                                       .order_by(Document.id)):
        found += _authors(proposal, DEFINITIONS[proposal.kind].initial)
    return found


def _may_hold_a_step(document: Document, told: rules.Audience) -> list[User]:
    """A superset of the users who hold one of `told`'s forward steps, narrowed in SQL by role and
    body; domain/notices.py asks authorization.py which of them do."""
    if not told.forward_steps:
        return []
    clause = User.organization_id.in_({document.issuer_id, document.proposer_id})
    roles = rules.roles_to_ask(told)
    if roles is not None:
        clause = and_(clause, User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(roles))))
    return list(db.session.scalars(select(User).where(User.active, clause).options(joinedload(User.role_rows))
                                   .order_by(User.id)).unique())


def _mail_state(user: User) -> str:
    if mail.configured(current_app.config) and user.email and user.email_notifications:
        return MAIL_PENDING
    return MAIL_NONE


def record(event: WorkflowEvent) -> list[int]:
    """Add the notices of the step `event` (flushed, not committed) to its transaction.

    Returns the ids of those that wait for an e-mail, for `send_mail()` once the step has committed."""
    document = event.document
    definition = DEFINITIONS[document.kind]
    tdef = definition.transition_from(event.transition, event.from_state)
    told = rules.audience(definition, tdef) if tdef else None
    if told is None:
        return []
    authors = _authors(document, definition.initial) if told.authors else []
    if told.reason == rules.ISSUED and KINDS[document.kind].decides_rounds:
        authors += _proposal_authors(document)   # each body whose proposal it decides reads it now
    users = rules.recipients(told, document, event.actor_id, authors + _may_hold_a_step(document, told),
                             {user.id for user in authors}, lambda user: duties.record(document, user))
    return notify(users, document, told.reason, event=event, at=event.at)


def notify(users, document: Document, reason: str, *, event: WorkflowEvent | None = None,
           at: datetime | None = None) -> list[int]:
    """Tell `users` about `document` (and `event`, flushed), in the caller's transaction; returns the
    ids of the notices that wait for an e-mail. Also the hook for notices that no step causes (a
    round's deadline, once rounds exist): call it with no event, then commit and `send_mail()`.

    One INSERT of plain rows: a step pays for its notices without the ORM's unit of work."""
    at = at or datetime.now(timezone.utc)
    rows = [{"user_id": user.id, "document_id": document.id, "event_id": event.id if event else None,
             "reason": reason, "created_at": at, "read_at": None, "email_state": _mail_state(user),
             "email_attempts": 0, "email_error": ""} for user in users]
    if not rows:
        return []
    statement = insert(Notification)
    if all(row["email_state"] == MAIL_NONE for row in rows):
        db.session.execute(statement, rows)
        return []
    added = db.session.execute(statement.returning(Notification.id, Notification.email_state), rows)
    return [notice_id for notice_id, state in added if state == MAIL_PENDING]


# --- e-mail (after the commit) -----------------------------------------------------------

def link(endpoint: str, **values) -> str:
    """A page of the app, absolute: PUBLIC_URL, else the address of the current request."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    base = current_app.config.get("PUBLIC_URL") or (request.url_root if has_request_context() else "")
    if not base:
        log.warning("PUBLIC_URL is unset: the e-mail links to %s without a host", path)
    return base.rstrip("/") + path


def sentence(notice: Notification, translate=lambda text: text) -> str:
    """The notice in one sentence (domain/notices.py words it); the web passes its gettext."""
    event, document = notice.event, notice.document
    if event is None:
        return _reminder(notice, translate) if notice.reason == rules.DEADLINE else document.title
    return rules.describe(notice.reason, definition=DEFINITIONS[document.kind], transition=event.transition,
                          from_state=event.from_state, to_state=event.to_state, actor=event.actor.full_name,
                          comment=event.comment, title=document.title, number=document.number,
                          roles=notice.user.roles, translate=translate)


def _reminded_round(notice: Notification) -> Round | None:
    """The round a reminder to propose (services/round_desk.py) was sent for: the reminder
    recorded with the notice, at the same moment, about a round of the notice's plan."""
    return db.session.scalar(select(Round).join(RoundReminder, RoundReminder.round_id == Round.id)
                             .where(Round.plan_id == notice.document_id, RoundReminder.sent_at == notice.created_at)
                             .order_by(RoundReminder.id.desc()).limit(1))


def _reminder(notice: Notification, translate) -> str:
    """A reminder to propose, naming the round it was sent for."""
    round_ = _reminded_round(notice)
    if round_ is None:
        return notice.document.title
    return rules.reminder_sentence(round_name=round_.name, due=f"{round_.proposals_due:%d/%m/%Y}",
                                   left=days_left(round_.proposals_due, local_date(notice.created_at), translate),
                                   title=notice.document.title, translate=translate)


def _round_link(notice: Notification) -> list[str]:
    round_ = _reminded_round(notice) if notice.reason == rules.DEADLINE else None
    return [f"Theo dõi nộp hồ sơ của đợt: {link('round_desk.show', round_id=round_.id)}", ""] if round_ else []


def _outgoing(notice: Notification) -> mail.Outgoing:
    document, user = notice.document, notice.user
    label = rules.REASONS.get(notice.reason, notice.reason)
    text = "\n".join([
        f"Kính gửi {user.full_name},", "",
        sentence(notice), "",
        f"Xem văn bản: {link('documents.show', document_id=document.id)}", "",
        *_round_link(notice),
        "--",
        "Thư tự động của Hệ thống quản lý kế hoạch và khen thưởng; vui lòng không trả lời thư này.",
        f"Không muốn nhận thư thông báo: bỏ chọn ở trang Thông báo, {link('notices.index')}",
    ])
    return mail.Outgoing(to=user.email, subject=f"[Thi đua – Khen thưởng] {label}: {document.title}"[:250],
                         text=text)


def _deliver(ids: list[int]) -> tuple[int, int]:
    """Send the e-mails of these notices; record each outcome. Returns (sent, failed)."""
    found = list(db.session.scalars(
        select(Notification).where(Notification.id.in_(ids), Notification.email_state.in_((MAIL_PENDING,
                                                                                           MAIL_FAILED)))
        .options(joinedload(Notification.user), joinedload(Notification.document),
                 joinedload(Notification.event).joinedload(WorkflowEvent.actor))
        .order_by(Notification.id)))
    if not found:
        return 0, 0
    results = mail.send_all(current_app.config, [_outgoing(n) for n in found])
    for notice, error in zip(found, results):
        notice.email_attempts += 1
        notice.email_state, notice.email_error = (MAIL_SENT, "") if error is None else (MAIL_FAILED, error)
        if error is not None:
            log.warning("notice %s: e-mail to user %s not sent (attempt %s): %s",
                        notice.id, notice.user_id, notice.email_attempts, error)
    db.session.commit()
    failed = sum(1 for e in results if e is not None)
    return len(found) - failed, failed


def send_mail(notice_ids: list[int]) -> None:
    """After the commit: send the e-mails of the notices `record()` or `notify()` gave. Never raises."""
    if not notice_ids or not mail.configured(current_app.config):
        return
    try:
        _deliver(notice_ids)
    except Exception:   # the step has committed: an e-mail problem is logged, never the step's failure
        log.exception("sending the e-mails of notices failed; `flask notices send` will retry them")
        try:
            db.session.rollback()
        except Exception:
            log.warning("rolling back after a failed send failed", exc_info=True)


def send_waiting(now: datetime | None = None) -> tuple[int, int]:
    """The retry (`flask notices send`): failed e-mails with tries left, and those left pending by a
    process that stopped before sending. Returns (sent, failed)."""
    if not mail.configured(current_app.config):
        return 0, 0
    now = now or datetime.now(timezone.utc)
    ids = list(db.session.scalars(select(Notification.id).where(or_(
        and_(Notification.email_state == MAIL_FAILED, Notification.email_attempts < MAX_ATTEMPTS),
        and_(Notification.email_state == MAIL_PENDING, Notification.created_at < now - STALE_PENDING)))
        .order_by(Notification.id)))
    sent = failed = 0
    for start in range(0, len(ids), 50):   # one connection per 50 messages
        batch_sent, batch_failed = _deliver(ids[start:start + 50])
        sent, failed = sent + batch_sent, failed + batch_failed
    return sent, failed


# --- the user's list ----------------------------------------------------------------------

def _mine(user):
    """The user's notices about documents they may still see (one withdrawn to the draft, or of a
    body they left, drops out), an issued round decision holding their body's proposal included."""
    return and_(Notification.user_id == user.id, or_(visible_clause(user), reads_round_decision(user)))


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).join(Document)
                             .where(_mine(user), Notification.read_at.is_(None)))


@dataclass(frozen=True)
class Page:
    items: list[Notification]
    page: int
    per_page: int
    total: int
    unread: int


def page(user, *, page: int = 1, per_page: int = 50, unread_only: bool = False) -> Page:
    """The user's notices, newest first."""
    page, per_page = max(1, page), max(1, min(per_page, MAX_PER_PAGE))
    where = [_mine(user)] + ([Notification.read_at.is_(None)] if unread_only else [])
    total = db.session.scalar(select(func.count()).select_from(Notification).join(Document).where(*where))
    items = list(db.session.scalars(
        select(Notification).join(Document).where(*where)
        .options(joinedload(Notification.document).selectinload(Document.register_entries),
                 joinedload(Notification.event).joinedload(WorkflowEvent.actor))
        .order_by(Notification.id.desc()).limit(per_page).offset((page - 1) * per_page)))
    return Page(items, page, per_page, total, unread_count(user))


def mark_read(user, document: Document | None = None) -> int:
    """Mark the user's unread notices read: those of `document` (opened), or all. Commits; how many."""
    where = [Notification.user_id == user.id, Notification.read_at.is_(None)]
    if document is not None:
        where.append(Notification.document_id == document.id)
        # most pages have nothing unread: look before writing (no write lock for a page view)
        if db.session.scalar(select(Notification.id).where(*where).limit(1)) is None:
            return 0
    changed = db.session.execute(update(Notification).where(*where)
                                 .values(read_at=datetime.now(timezone.utc))).rowcount
    db.session.commit()
    return changed


def mark_document_read(document: Document) -> None:
    """Every notice of `document` read, for everyone: its steps are history (the demo's seed). No commit."""
    db.session.execute(update(Notification).where(Notification.document_id == document.id,
                                                  Notification.read_at.is_(None))
                       .values(read_at=datetime.now(timezone.utc)))


def set_email_notifications(user, enabled) -> None:
    if not isinstance(enabled, bool):
        raise ValidationFailed("Giá trị không hợp lệ.", {"email_notifications": "Đúng hoặc sai."})
    user.email_notifications = enabled
    db.session.commit()
