"""Idempotency keys (API.md, second round): a retried request does nothing again and gets the
first answer.

`claim` runs first in the request's transaction: it returns the stored answer of an earlier
request with the same key (same user, within 24 hours), or inserts this request's row and
flushes it. A concurrent request with the same key then waits on the unique (user, key) until
this one ends, and replays its answer once it has committed. `record` fills the answer in the
same transaction as the step, just before its commit: a committed step always has its answer,
and a refused one (rolled back) leaves no key behind, so its retry runs again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..domain.errors import Conflict, ValidationFailed
from ..extensions import db
from ..models import IdempotencyKey

HEADER = "Idempotency-Key"
KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 100


@dataclass(frozen=True)
class Answer:
    status: int
    body: str   # the JSON text sent the first time


def _refuse(why: str) -> ValidationFailed:
    return ValidationFailed("Khóa chống lặp (Idempotency-Key) không hợp lệ.", {HEADER: why})


def check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY_LENGTH:
        raise _refuse(f"1–{MAX_KEY_LENGTH} ký tự.")
    if not all(" " <= ch <= "~" for ch in key) or key != key.strip():
        raise _refuse("Chỉ dùng ký tự ASCII in được (chữ không dấu, số, dấu), không bắt đầu "
                      "hay kết thúc bằng khoảng trắng.")
    return key


def fingerprint(method: str, path: str, payload) -> str:
    """The request as far as a retry must repeat it: method, path and the JSON body's content,
    but for a signing PIN (issue 16), which is never stored, not even as part of a hash (a short
    PIN is found again from a hash of an otherwise known request by trying them all)."""
    from .signatures import PIN_FIELD
    if isinstance(payload, dict) and PIN_FIELD in payload:
        payload = {k: v for k, v in payload.items() if k != PIN_FIELD}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode("utf-8")).hexdigest()


def _stored(user, key: str, print_: str, now: datetime) -> Answer | None:
    row = db.session.scalars(select(IdempotencyKey).where(
        IdempotencyKey.user_id == user.id, IdempotencyKey.key == key,
        IdempotencyKey.created_at > now - KEY_LIFETIME)).first()
    if row is None:
        return None
    if row.fingerprint != print_:
        raise _refuse("Khóa này đã được dùng cho một yêu cầu khác; mỗi yêu cầu cần một khóa riêng.")
    if row.status is None:   # never committed without its answer (see `record`); defensive
        raise Conflict("Yêu cầu với khóa này đang được xử lý; vui lòng thử lại sau.")
    return Answer(row.status, row.body or "")


def claim(user, key: str, print_: str, now: datetime | None = None) -> tuple[Answer | None, IdempotencyKey | None]:
    """(the earlier answer, None) to replay, or (None, this request's flushed row) to go on."""
    now = now or datetime.now(timezone.utc)
    user_id = user.id
    for _attempt in range(3):
        answer = _stored(user, key, print_, now)
        db.session.rollback()   # end the read first: SQLite cannot turn an old read into a write
        if answer is not None:
            return answer, None
        # This user's keys past their 24 hours go (this one too, if it is that old).
        db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.user_id == user_id,
                                                        IdempotencyKey.created_at <= now - KEY_LIFETIME))
        row = IdempotencyKey(user_id=user_id, key=key, fingerprint=print_, created_at=now)
        db.session.add(row)
        try:
            db.session.flush()   # waits here while a concurrent request holds the same key
        except IntegrityError:
            db.session.rollback()   # that request committed first: replay its answer
            continue
        return None, row
    raise Conflict("Yêu cầu với khóa này đang được xử lý; vui lòng thử lại sau.")


def record(row: IdempotencyKey, status: int, body: str) -> None:
    """The answer, in the step's transaction (called just before its commit)."""
    row.status, row.body = status, body
    db.session.flush()
