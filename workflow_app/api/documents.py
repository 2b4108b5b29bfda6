"""Documents and their transitions: thin calls into services.documents and services.api_steps."""
from __future__ import annotations

import json

from flask import current_app, jsonify, request, url_for

from ..domain.errors import ValidationFailed
from ..domain.workflows.effects import STEP_FIELDS
from ..services import api_steps, documents, duties, idempotency
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import operation
from .schemas import IDEMPOTENCY_KEY, document_filters


def _document_reply(document, status: int = 200, kind: str | None = None):
    return jsonify(serialize.document(documents.with_details(document, kind), api_user())), status


def _idempotency_key(payload) -> tuple[str, str] | None:
    """(key, fingerprint of this request) when the client sent an Idempotency-Key."""
    key = request.headers.get(idempotency.HEADER)
    if key is None:
        return None
    return idempotency.check_key(key), idempotency.fingerprint(request.method, request.path, payload)


def _answer(document, status: int, kind: str | None = None) -> idempotency.Answer:
    """A step's answer as JSON text, compact as jsonify() sends it; stored with its Idempotency-Key, if any."""
    data = serialize.document(documents.with_details(document, kind), api_user())
    return idempotency.Answer(status, current_app.json.dumps(data, separators=(",", ":")))


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
                            per_page=query["per_page"], count_limit=None)   # `total` is exact (API.md)
    records = duties.records(page.items, user)   # what the user did on any of them: one query
    return jsonify(items=[serialize.document_summary(d, user, records[d.id]) for d in page.items],
                   page=page.page, per_page=page.per_page, total=page.total)


@bp.post("/documents")
@operation("Tạo văn bản (dự thảo)", body="DocumentCreate", responses={201: "Document"}, errors=(403,),
           headers={201: {"Location": "Địa chỉ của văn bản mới."}}, header_params=(IDEMPOTENCY_KEY,))
def create_document(payload):
    user, key = api_user(), _idempotency_key(payload)
    return _send(api_steps.create(user, payload, key, _answer), location=True)


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
                       "cũ: 409; văn bản chưa đủ điều kiện: 422 (`fields` nêu lý do). Tách bạch nhiệm vụ: "
                       "người phê duyệt không được là người soạn (tạo hoặc sửa nội dung), người trình hay "
                       "người thẩm định văn bản; văn thư ban hành không được là người ký (403 nêu lý do), "
                       "trừ khi cơ quan cho phép kiêm nhiệm (`allow_combined_duties`): khi đó lịch sử ghi "
                       "bước kiêm nhiệm (`combined_duties`, `remark`).")
def fire_transition(document_id, payload):
    user, key = api_user(), _idempotency_key(payload)
    extra = {name: payload[name] for name in STEP_FIELDS if name in payload}   # the step refuses those it does not take
    return _send(api_steps.transition(user, document_id, payload["transition"], comment=payload.get("comment", ""),
                                      version=payload.get("version"), extra=extra, key=key, answer=_answer))
