"""Documents and their transitions: thin calls into services.documents and services.transitions."""
from __future__ import annotations

import json
import time

from flask import current_app, jsonify, request, url_for
from sqlalchemy.exc import InterfaceError, OperationalError

from ..domain.errors import ValidationFailed
from ..domain.workflows.effects import STEP_FIELDS
from ..extensions import db
from ..json_error import error_response
from ..services import documents, idempotency
from ..services.transitions import apply_transition
from ..unavailable import RETRY_AFTER
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import operation
from .schemas import IDEMPOTENCY_KEY, document_filters

READ_ATTEMPTS_AFTER_COMMIT = 3
SAVED_BUT_UNREAD = ("Thao tác đã được lưu, nhưng tạm thời không đọc lại được văn bản từ cơ sở dữ liệu. "
                    "Vui lòng tải lại văn bản sau ít giây; không cần thực hiện lại thao tác.")


def _document_reply(document, status: int = 200, kind: str | None = None):
    return jsonify(serialize.document(documents.with_details(document, kind), api_user())), status


def _reply_after_commit(document, status: int, kind: str | None = None):
    """The committed step's answer. The step is done: a connection lost now (the pool's pre-ping
    gives the next attempt a new one) must not turn it into an error, so the read is retried;
    if every read fails, the 503 says the step was saved (unavailable.py's says nothing was)."""
    for attempt in range(1, READ_ATTEMPTS_AFTER_COMMIT + 1):
        try:
            return _document_reply(document, status, kind)
        except (OperationalError, InterfaceError):
            try:
                db.session.rollback()
            except Exception:   # the connection is gone: the session is reset all the same
                pass
            if attempt == READ_ATTEMPTS_AFTER_COMMIT:
                return error_response(503, "service_unavailable", SAVED_BUT_UNREAD,
                                      headers={"Retry-After": RETRY_AFTER}), 503
            current_app.logger.warning("reading the answer of a committed step failed; retrying")
            time.sleep(0.2 * attempt)


def _idempotency_key(payload) -> tuple[str, str] | None:
    """(key, fingerprint of this request) when the client sent an Idempotency-Key."""
    key = request.headers.get(idempotency.HEADER)
    if key is None:
        return None
    return idempotency.check_key(key), idempotency.fingerprint(request.method, request.path, payload)


def _answer(document, status: int, kind: str | None = None) -> idempotency.Answer:
    data = serialize.document(documents.with_details(document, kind), api_user())
    return idempotency.Answer(status, current_app.json.dumps(data))


def _send(answer: idempotency.Answer, location: bool = False):
    reply = current_app.response_class(f"{answer.body}\n", status=answer.status, mimetype="application/json")
    if location:
        reply.headers["Location"] = url_for("api.get_document", document_id=json.loads(answer.body)["id"])
    return reply


@bp.get("/documents")
@operation("Danh sách văn bản người dùng được xem", query=document_filters,
           responses={200: "DocumentPage"},
           description="Mới cập nhật trước. `actionable=1` là danh sách việc cần làm.")
def list_documents(query):
    user = api_user()
    page = documents.search(user, kind=query["kind"], state=query["state"], q=query["q"],
                            year=query["year"], mine=bool(query["mine"]),
                            actionable=bool(query["actionable"]), page=query["page"],
                            per_page=query["per_page"])
    return jsonify(items=[serialize.document_summary(d, user) for d in page.items],
                   page=page.page, per_page=page.per_page, total=page.total)


@bp.post("/documents")
@operation("Tạo văn bản (dự thảo)", body="DocumentCreate", responses={201: "Document"}, errors=(403,),
           headers={201: {"Location": "Địa chỉ của văn bản mới."}}, header_params=(IDEMPOTENCY_KEY,))
def create_document(payload):
    user, keyed = api_user(), _idempotency_key(payload)
    if keyed is None:
        document = documents.create(user, payload)
        reply, status = _reply_after_commit(document, 201)
        if status == 201:
            reply.headers["Location"] = url_for("api.get_document", document_id=document.id)
        return reply, status
    answer, row = idempotency.claim(user, *keyed)
    if answer is None:
        def remember(document):   # in the creation's transaction
            nonlocal answer
            answer = _answer(document, 201)
            idempotency.record(row, answer.status, answer.body)
        documents.create(user, payload, before_commit=remember)
    return _send(answer, location=True)


@bp.get("/documents/<int:document_id>")
@operation("Một văn bản, với lịch sử và các tệp", responses={200: "Document"}, errors=(404,))
def get_document(document_id):
    return _document_reply(documents.get_visible(document_id, api_user()))


@bp.patch("/documents/<int:document_id>")
@operation("Sửa dự thảo", body="DocumentUpdate", responses={200: "Document"}, errors=(403, 404, 409),
           description="Chỉ ở trạng thái dự thảo và bởi người được sửa; `version` cũ: 409.")
def update_document(document_id, payload):
    user = api_user()
    document = documents.get_visible(document_id, user)
    if payload.get("kind", document.kind) != document.kind:
        raise ValidationFailed("Không đổi được loại văn bản.", {"kind": "Phải giữ nguyên."})
    documents.update(document, user, payload)
    return _document_reply(document)


@bp.delete("/documents/<int:document_id>")
@operation("Xoá dự thảo chưa từng trình", responses={204: None}, errors=(403, 404, 409),
           description="Chỉ người tạo hoặc quản trị của cơ quan.")
def delete_document(document_id):
    user = api_user()
    documents.delete(documents.get_visible(document_id, user), user)
    return "", 204


@bp.post("/documents/<int:document_id>/transitions")
@operation("Thực hiện một bước quy trình (trình, rút lại, thẩm định, phê duyệt, ban hành, trả lại)",
           body="TransitionRequest", responses={200: "Document"}, errors=(403, 404, 409),
           header_params=(IDEMPOTENCY_KEY,),
           description="Không có quyền: 403; không thực hiện được ở trạng thái hiện tại hoặc `version` "
                       "cũ: 409; văn bản chưa đủ điều kiện: 422 (`fields` nêu lý do).")
def fire_transition(document_id, payload):
    user, keyed = api_user(), _idempotency_key(payload)
    answer = row = None
    if keyed is not None:
        answer, row = idempotency.claim(user, *keyed)   # first: a concurrent retry waits on it
        if answer is not None:
            return _send(answer)
    document = documents.get_visible(document_id, user)
    extra = {name: payload[name] for name in STEP_FIELDS if name in payload}   # the step refuses those it does not take
    kind = document.kind   # for the reply: after the step's commit, reading it would reload the row

    def remember():   # in the step's transaction
        nonlocal answer
        answer = _answer(document, 200, kind)
        idempotency.record(row, answer.status, answer.body)

    apply_transition(document, payload["transition"], user, comment=payload.get("comment", ""),
                     version=payload.get("version"), before_commit=remember if row else None, **extra)
    return _send(answer) if row else _reply_after_commit(document, 200, kind)
