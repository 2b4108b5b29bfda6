"""The caller's notices (issue 14 §10): what changed for them, and marking them read."""
from __future__ import annotations

from flask import jsonify

from ..services import documents, notices
from . import serialize
from .auth import api_user
from .blueprint import bp
from .openapi import operation
from .schemas import NOTICE_FILTERS


@bp.get("/notifications")
@operation("Thông báo của tôi: văn bản trình đến, bị trả lại, đã ban hành", query=NOTICE_FILTERS,
           responses={200: "NotificationPage"},
           description="Mới nhất trước, chỉ về những văn bản người dùng còn được xem. Khi hệ thống cấu hình "
                       "máy chủ thư (MAIL_SERVER), mỗi thông báo cũng được gửi qua thư điện tử, trừ người "
                       "đã tắt. Mở văn bản trên giao diện web, hoặc POST /notifications/read, đánh dấu đã đọc.")
def list_notifications(query):
    user = api_user()
    found = notices.page(user, page=query["page"], per_page=query["per_page"] or 50,
                         unread_only=bool(query["unread"]))
    return jsonify(items=[serialize.notice(n) for n in found.items], page=found.page, per_page=found.per_page,
                   total=found.total, unread=found.unread)


@bp.post("/notifications/read")
@operation("Đánh dấu đã đọc: mọi thông báo, hoặc các thông báo về một văn bản", body="NotificationsRead",
           responses={200: "ReadResult"}, errors=(404,),
           description="`document_id` của văn bản không được xem: 404.")
def read_notifications(payload):
    user = api_user()
    document = documents.get_visible(payload["document_id"], user) if "document_id" in payload else None
    marked = notices.mark_read(user, document)
    return jsonify(marked=marked, unread=notices.unread_count(user))
