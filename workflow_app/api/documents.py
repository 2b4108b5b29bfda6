"""Documents and their transitions: thin calls into services.documents and services.transitions."""
from __future__ import annotations

from flask import jsonify, url_for

from ..domain.errors import ValidationFailed
from ..services import documents
from ..services.transitions import apply_transition
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import operation
from .schemas import DOCUMENT_FILTERS

TRANSITION_EXTRAS = ("nominees", "signer_form", "issued_on")


def _document_reply(document, status: int = 200, kind: str | None = None):
    return jsonify(serialize.document(documents.with_details(document, kind), api_user())), status


@bp.get("/documents")
@operation("Danh sách văn bản người dùng được xem", query=DOCUMENT_FILTERS,
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
           headers={201: {"Location": "Địa chỉ của văn bản mới."}})
def create_document(payload):
    document = documents.create(api_user(), payload)
    reply, status = _document_reply(document, 201)
    reply.headers["Location"] = url_for("api.get_document", document_id=document.id)
    return reply, status


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
           description="Không có quyền: 403; không thực hiện được ở trạng thái hiện tại hoặc `version` "
                       "cũ: 409; văn bản chưa đủ điều kiện: 422 (`fields` nêu lý do).")
def fire_transition(document_id, payload):
    user = api_user()
    document = documents.get_visible(document_id, user)
    extra = {name: payload[name] for name in TRANSITION_EXTRAS if name in payload}
    kind = document.kind   # for the reply: after the step's commit, reading it would reload the row
    apply_transition(document, payload["transition"], user, comment=payload.get("comment", ""),
                     version=payload.get("version"), **extra)
    return _document_reply(document, kind=kind)
