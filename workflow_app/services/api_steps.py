"""The API's two writing steps, creating a document and firing a transition, each answered once.

With an Idempotency-Key (services/idempotency.py) the answer is recorded in the step's own
transaction, so a retry replays it without a second step. Without one, the answer is read
after the commit; the step is done by then, so a connection lost now (the pool's pre-ping
gives the next attempt a new one) must not turn it into an error: the read is retried, and if
every read fails, SavedButUnread says the step was saved (unavailable.py's 503 says nothing was).

The answer itself, `answer(document, status, kind)`, is the caller's (api/serialize builds the
JSON): this module only decides when it is built and whether it is stored.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from sqlalchemy.exc import InterfaceError, OperationalError

from ..extensions import db
from ..models import Document
from . import documents, idempotency, round_decisions
from .idempotency import Answer
from .transitions import apply_transition

READ_ATTEMPTS_AFTER_COMMIT = 3
SAVED_BUT_UNREAD = ("Thao tác đã được lưu, nhưng tạm thời không đọc lại được văn bản từ cơ sở dữ liệu. "
                    "Vui lòng tải lại văn bản sau ít giây; không cần thực hiện lại thao tác.")

AnswerOf = Callable[[Document, int, str | None], Answer]   # (document, status, kind) -> the reply
Key = tuple[str, str]   # (Idempotency-Key, fingerprint of the request): idempotency.check_key, fingerprint

log = logging.getLogger(__name__)


class SavedButUnread(Exception):
    """The step committed, but its answer could not be read back (the API answers 503)."""

    message = SAVED_BUT_UNREAD


def read_after_commit(read: Callable[[], Answer]) -> Answer:
    """`read()`, tried again on a lost connection; SavedButUnread once every attempt failed."""
    for attempt in range(1, READ_ATTEMPTS_AFTER_COMMIT + 1):
        try:
            return read()
        except (OperationalError, InterfaceError):
            try:
                db.session.rollback()
            except Exception:   # the connection is gone: the session is reset all the same
                pass
            if attempt < READ_ATTEMPTS_AFTER_COMMIT:
                log.warning("reading the answer of a committed step failed; retrying")
                time.sleep(0.2 * attempt)
    raise SavedButUnread(SAVED_BUT_UNREAD)


def create(user, payload, key: Key | None, answer: AnswerOf) -> Answer:
    """A new draft (services.documents.create), answered 201."""
    if key is None:
        document = documents.create(user, payload)
        return read_after_commit(lambda: answer(document, 201, None))
    stored, row = idempotency.claim(user, *key)
    if stored is None:
        def remember(document):   # in the creation's transaction
            nonlocal stored
            stored = answer(document, 201, None)
            idempotency.record(row, stored.status, stored.body)
        documents.create(user, payload, before_commit=remember)
    return stored


def create_round_decision(user, round_id, payload, key: Key | None, answer: AnswerOf) -> Answer:
    """A round's decision (services.round_decisions.create), answered 201; with an Idempotency-Key,
    a retry gets the first answer instead of a second decision (or a 409)."""
    if key is None:
        document = round_decisions.create(round_id, user, payload)
        return read_after_commit(lambda: answer(document, 201, None))
    stored, row = idempotency.claim(user, *key)
    if stored is None:
        def remember(document):   # in the decision's transaction
            nonlocal stored
            stored = answer(document, 201, None)
            idempotency.record(row, stored.status, stored.body)
        round_decisions.create(round_id, user, payload, before_commit=remember)
    return stored


def transition(user, document_id: int, name, *, comment, version, extra: dict, key: Key | None,
               answer: AnswerOf) -> Answer:
    """Fire `name` on a document the user may see (services.transitions.apply_transition), answered 200."""
    stored = row = None
    if key is not None:
        stored, row = idempotency.claim(user, *key)   # first: a concurrent retry waits on it
        if stored is not None:
            return stored
    document = documents.get_visible(document_id, user)
    kind = document.kind   # for the answer: after the step's commit, reading it would reload the row

    def remember():   # in the step's transaction
        nonlocal stored
        stored = answer(document, 200, kind)
        idempotency.record(row, stored.status, stored.body)

    apply_transition(document, name, user, comment=comment, version=version,
                     before_commit=remember if row else None, **extra)
    return stored if row else read_after_commit(lambda: answer(document, 200, kind))
