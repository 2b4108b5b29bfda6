"""JSON Schemas (OpenAPI 3.1 dialect) of what the API takes and gives.

The request schemas are what `payload.read_json()` checks requests against and what
openapi.json publishes, so the two cannot drift. Value sets come from the registered kinds
(domain/kinds.py: their workflows and body schemas) and the step fields of
domain/workflows/effects.py; length limits from domain/validation.py, the rules' own homes.
What depends on the kinds is rebuilt when they change (a test may register a kind of its
own): `components()`, `document_filters()`.
"""
from __future__ import annotations

from ..domain import kinds
from ..domain.council import BASES as COUNCIL_BASES
from ..domain.council import MAX_MEMBERS
from ..domain.kinds import KINDS
from ..domain.notices import REASONS as NOTICE_REASONS
from ..domain.schema_parts import DATE, ID, TIME, array, nullable, obj, text
from ..domain.signing import SIGNER_FORMS
from ..domain.validation import GENDERS, MAX_ITEMS, MAX_VOTES, NOMINEE_KINDS, REVIEW_DECISIONS, REVIEW_STATUSES
from ..domain.workflows.duties import DUTIES
from ..domain.workflows.effects import STEP_FIELDS


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _kinds() -> list[str]:
    return list(KINDS)


def _states() -> list[str]:
    return list(dict.fromkeys(s for k in KINDS.values() for s in k.definition.state_names))


def _transitions() -> list[str]:
    return list(dict.fromkeys(t for k in KINDS.values() for t in k.definition.transition_names))


def _per_registry(build):
    """`build()` once per state of the kind registry."""
    built: dict[int, object] = {}

    def current():
        version = kinds.version()
        if version not in built:
            built.clear()
            built[version] = build()
        return built[version]
    return current


# --- requests ---------------------------------------------------------------------------

TOKEN_REQUEST = obj({"username": {"type": "string"}, "password": {"type": "string"}},
                    required=("username", "password"))

CITIZEN_ID_DESCRIPTION = (
    "Số CCCD của cá nhân (12 chữ số; khoảng trắng, dấu chấm, gạch ngang giữa các số được bỏ qua), không "
    "bắt buộc; để trống với tập thể, hộ gia đình (gửi số cho tập thể, hộ gia đình bị từ chối 422). Dùng để "
    "nhận ra cùng một người dù họ tên viết khác; không in trên văn bản nào. Khi sửa danh sách, dòng không "
    "gửi trường này thì không còn số CCCD.")

NOMINEE_INPUT = obj({
    "kind": {"type": "string", "enum": list(NOMINEE_KINDS), "default": "individual"},
    "full_name": text("full_name"),
    "position": text("position"),
    "organization": text("organization"),
    "gender": {"type": "string", "enum": list(GENDERS)},
    "award": {"type": "string", "description": "Mã hình thức khen thưởng trong danh mục của cơ quan, "
                                               "ví dụ giay_khen."},
    "achievement": text("achievement"),
    "citizen_id": {"type": "string", "maxLength": 40, "description": CITIZEN_ID_DESCRIPTION},
}, required=("full_name", "award", "achievement"))


def _document_body() -> dict:
    """Every kind's body fields in one object; each kind checks its own (DocumentKind.clean_body)."""
    properties: dict[str, dict] = {}
    for kind in KINDS.values():
        for name, schema in kind.body_schema.items():
            properties.setdefault(name, schema)
    uses = "; ".join(f"{kind.label.lower()} dùng {', '.join(kind.body_schema)}" for kind in KINDS.values())
    return obj(properties, description=f"Nội dung; {uses}.")


def _document_fields() -> dict:
    return {
        "kind": {"type": "string", "enum": _kinds()},
        "title": text("title"),
        "body": _document_body(),
        "nominees": array(NOMINEE_INPUT, description="Loại văn bản có danh sách đề nghị "
                                                     "(đề nghị khen thưởng): danh sách đề nghị."),
    }


_VOTES = nullable({"type": "integer", "minimum": 0, "maximum": MAX_VOTES})
_PERSON = obj({"name": text("full_name"), "position": text("position")})
MEETING = obj({
    "held_at": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$",
                "description": "Bắt đầu, giờ Việt Nam: 2023-12-20T08:00."},
    "place": text("place"),
    "chair": _PERSON | {"description": "Chủ trì."},
    "secretary": _PERSON | {"description": "Thư ký."},
    "attendees": array(_PERSON, maxItems=MAX_ITEMS["attendees"],
                       description="Thành phần tham dự, ngoài chủ trì và thư ký."),
    "absent": array(obj({**_PERSON["properties"], "written_opinion": {"type": "boolean"}}),
                    maxItems=MAX_ITEMS["attendees"],
                    description="Vắng mặt; `written_opinion`: có ý kiến bằng văn bản."),
    "ended_at": {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$", "description": "Kết thúc, cùng ngày: 10:30."},
}, description="Mọi trường bắt buộc (trừ chức vụ, `attendees`, `absent`); thiếu: 422 nêu trường.")


# The request fields a step may take (domain/workflows/effects.py STEP_FIELDS), as published.
STEP_FIELD_SCHEMAS = {
    "nominees": array(obj({"id": ID, "status": {"type": "string", "enum": list(REVIEW_DECISIONS)},
                           "note": text("note"), "votes_for": _VOTES, "votes_total": _VOTES},
                          required=("id", "status")),
                      description="Thẩm định đề nghị khen thưởng: ý kiến từng trường hợp; "
                                  "trường hợp không nêu được chấp nhận. Khi có biểu quyết: số phiếu "
                                  "đồng ý `votes_for` trên tổng số `votes_total` (cả hai, hoặc không)."),
    "meeting": nullable(MEETING) | {
        "description": "Thẩm định đề nghị khen thưởng: cuộc họp xét mà Biên bản ghi lại (giờ Việt Nam). "
                       "Không gửi: giữ cuộc họp đã ghi; `{}`: không có cuộc họp."},
    "signer_form": {"type": "string", "enum": list(SIGNER_FORMS),
                    "description": "Phê duyệt, và trình (lãnh đạo ký tờ trình của cơ quan đề nghị): hình thức "
                                   "ký (KT., Q., TL., TUQ.; trống: người đứng đầu ký)."},
    "issued_on": {**DATE, "description": "Ban hành: ngày ban hành, mặc định hôm nay."},
    "signing_pin": {"type": "string", "maxLength": 128,
                    "description": "Phê duyệt, khi cơ quan ban hành ký số: mã PIN mở khóa ký số của người phê "
                                   "duyệt. Thiếu hoặc sai: 422, không có gì thay đổi."},
}
assert set(STEP_FIELD_SCHEMAS) == set(STEP_FIELDS), "every step field is published, and only those"


def _transition_request() -> dict:
    return obj({
        "transition": {"type": "string", "enum": _transitions()},
        "version": {"type": "integer", "description": "Phiên bản đã đọc; khác phiên bản hiện tại thì 409."},
        "comment": text("comment", description="Bắt buộc khi trả lại (return)."),
        **STEP_FIELD_SCHEMAS,
    }, required=("transition",))


# --- responses --------------------------------------------------------------------------

_ERROR_DETAIL = obj({
    "code": {"type": "string"}, "message": {"type": "string"},
    "fields": {"type": "object", "additionalProperties": {"type": "string"},
               "description": "Trường nào sai và vì sao, ví dụ {\"nominees[0].award\": \"...\"}."},
}, required=("code", "message", "fields"))
_ORGANIZATION = obj({
    "code": {"type": "string"}, "name": {"type": "string"},
    "allow_combined_duties": {"type": "boolean", "description": (
        "Cơ quan cho phép kiêm nhiệm: một người được phê duyệt văn bản mình đã soạn, trình hoặc thẩm "
        "định, văn thư được ban hành văn bản mình đã ký (cơ quan ít người); mặc định false.")},
}, required=("code", "name", "allow_combined_duties"))


def _summary_fields() -> dict:
    return {
        "id": ID, "kind": {"type": "string", "enum": _kinds()}, "state": {"type": "string", "enum": _states()},
        "version": {"type": "integer"}, "title": {"type": "string"},
        "organization": ref("Organization"), "owner_organization": ref("Organization"),
        "created_by": {"type": "string"}, "created_at": TIME, "updated_at": TIME,
        "number": nullable({"type": "string"}), "issued_on": nullable(DATE),
        "proposal_number": nullable({"type": "string", "description": "Số Tờ trình của đơn vị đề nghị."}),
        "late": {"type": "boolean", "description": "Tờ trình đề nghị khen thưởng gửi sau hạn của đợt khen "
                                                   "thưởng (nộp muộn); khi thẩm định cần ghi lý do (comment)."},
        "decision_id": nullable(ID) | {"description": "Tờ trình đề nghị khen thưởng đã được đưa vào quyết định "
                                                      "khen thưởng của đợt: mã quyết định đó; null nếu chưa."},
        "available_transitions": array({"type": "string", "enum": _transitions()}),
        "url": {"type": "string"},
    }


_COUNT = {"type": "integer", "minimum": 0}
_STATISTICS_COUNTS = obj({k: _COUNT for k in ("collective", "individual", "household", "total")},
                         required=("collective", "individual", "household", "total"),
                         description="Số được khen thưởng: tập thể, cá nhân, hộ gia đình và tổng số.")


@_per_registry
def components() -> dict:
    """The named schemas of openapi.json (and of the request bodies read by @operation)."""
    kinds_, states, transitions = _kinds(), _states(), _transitions()
    summary = _summary_fields()
    fields = _document_fields()
    return {
        "Error": obj({"error": _ERROR_DETAIL}, required=("error",)),
        "TokenRequest": TOKEN_REQUEST,
        "Token": obj({"token": {"type": "string"}, "token_type": {"type": "string", "const": "Bearer"},
                      "expires_at": TIME}, required=("token", "expires_at")),
        "Organization": _ORGANIZATION,
        "DocumentCreate": obj(fields, required=("kind", "title")),
        "DocumentUpdate": obj({**fields, "version": {"type": "integer"}}, required=("version",),
                              description="Chỉ các trường gửi lên được thay đổi; `kind` không đổi được."),
        "TransitionRequest": _transition_request(),
        "Nominee": obj({
            "id": ID, "order": {"type": "integer"}, "kind": {"type": "string", "enum": list(NOMINEE_KINDS)},
            "full_name": {"type": "string"}, "position": {"type": "string"},
            "organization": {"type": "string"}, "gender": {"type": "string"}, "award": {"type": "string"},
            "achievement": {"type": "string"},
            "citizen_id": {"type": "string", "description": "Số CCCD (12 chữ số) hoặc “” nếu không có."},
            "review_status": {"type": "string", "enum": list(REVIEW_STATUSES)}, "review_note": {"type": "string"},
            "votes_for": _VOTES, "votes_total": _VOTES,
            "gold_book_number": nullable({"type": "integer", "minimum": 1}) | {
                "description": "Số sổ vàng: STT của người được khen thưởng trong Danh sách kèm theo Quyết định, "
                               "in trên giấy khen, giấy chứng nhận; có từ khi Quyết định được ban hành, "
                               "null trước đó và với người không được khen thưởng."},
            "proposal_id": nullable(ID) | {
                "description": "Quyết định khen thưởng của đợt: tờ trình đề nghị mà trường hợp này được lấy từ; "
                               "null ở các văn bản khác."},
            "duplicate_of": array({"type": "integer", "minimum": 1}) | {
                "description": "Chỉ có khi trong danh sách có dòng khác trùng họ tên và đơn vị (không phân biệt "
                               "dấu, hoa thường, khoảng trắng): số thứ tự (từ 1) của các dòng đó."},
            "previously_awarded": array(obj({"number": {"type": "string"}, "issued_on": DATE},
                                            required=("number", "issued_on"))) | {
                "description": "Chỉ có khi người này (cùng số CCCD; không có số: cùng họ tên và đơn vị) đã được "
                               "khen thưởng theo Quyết định "
                               "đã ban hành trước đó trong cùng đợt (cùng kế hoạch; không có kế hoạch: cùng cơ "
                               "quan quyết định và năm)."},
            "also_proposed": array(obj({"number": {"type": "string"}, "proposer": {"type": "string"},
                                        "award": {"type": "string"}},
                                       required=("number", "proposer", "award"))) | {
                "description": "Chỉ có khi người này (cùng số CCCD; không có số: cùng họ tên và đơn vị) cũng được "
                               "đề nghị trong tờ trình khác của cùng đợt đang được xử lý (đã trình, chưa ban hành, "
                               "chưa hủy; trừ khi đã bị thẩm định không đề nghị) mà người xem được phép xem: số Tờ "
                               "trình, cơ quan đề nghị, mã hình thức khen thưởng."},
        }, required=("id", "order", "kind", "full_name", "position", "organization", "award",
                     "achievement", "review_status", "review_note", "votes_for", "votes_total",
                     "gold_book_number", "proposal_id")),
        "Signer": obj({"full_name": {"type": "string"}, "position": {"type": "string"},
                       "form": {"type": "string", "description": "“”, KT, Q, TL hoặc TUQ."}},
                      required=("full_name", "position", "form")),
        "HistoryEntry": obj({
            "transition": {"type": "string", "enum": transitions},
            "from": {"type": "string", "enum": states}, "to": {"type": "string", "enum": states},
            "actor": {"type": "string"}, "at": TIME, "comment": {"type": "string"},
            "combined_duties": array({"type": "string", "enum": list(DUTIES)}, description=(
                "Nhiệm vụ người thực hiện đã đảm nhận trước đó trên văn bản mà bước này lẽ ra loại trừ "
                "(authors: soạn, submitter: trình, reviewer: thẩm định, signer: ký), được làm vì cơ quan "
                "cho phép kiêm nhiệm; rỗng với bước thông thường.")),
            "remark": {"type": "string",
                       "description": "Ghi chú về bước kiêm nhiệm, bằng tiếng Việt; rỗng nếu không có."},
            "file_ids": array(ID),
        }, required=("transition", "from", "to", "actor", "at", "comment", "combined_duties", "remark",
                     "file_ids")),
        "File": obj({
            "id": ID, "step": {"type": "string", "enum": states}, "name": {"type": "string"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "size": {"type": "integer"},
            "created_at": TIME, "url": {"type": "string"},
            "pdf_url": {"type": "string", "description": "Bản PDF của tệp (PDF/A-2b với tệp ban hành), "
                                                         "tạo ngoài yêu cầu: GET trả 202 khi đang tạo."},
        }, required=("id", "step", "name", "sha256", "size", "created_at", "url")),
        "PdfStatus": obj({
            "status": {"type": "string", "enum": ["pending", "failed"],
                       "description": "pending: đang tạo (thử lại sau Retry-After giây); failed: đã thử "
                                      "hết số lần mà không tạo được (POST để tạo lại)."},
            "attempts": {"type": "integer", "minimum": 0},
            "error": {"type": "string", "description": "Lý do lần thử gần nhất không thành công."},
        }, required=("status",)),
        "DocumentSummary": obj(summary, required=tuple(summary)),
        "Document": obj({
            **summary,
            "body": {"type": "object"},
            "meeting": nullable(MEETING) | {"description": "Cuộc họp xét mà Biên bản ghi lại; null: không có."},
            "nominees": array(ref("Nominee")),
            "signer": {"oneOf": [ref("Signer"), {"type": "null"}]},
            "history": array(ref("HistoryEntry")),
            "files": array(ref("File")),
            "signatures": array(ref("DocumentSignature")),
        }, required=(*summary, "body", "meeting", "nominees", "signer", "history", "files", "signatures")),
        "DocumentSignature": obj({
            "role": {"type": "string", "enum": ["approver", "organization"],
                     "description": "approver: chữ ký số của người phê duyệt (khi phê duyệt); organization: "
                                    "chữ ký số của cơ quan (con dấu, khi ban hành)."},
            "signer": {"type": "string", "description": "Tên trong chứng thư ký số."},
            "signed_at": TIME,
            "file_id": {**ID, "description": "Tệp PDF đã ký (GET /files/{id})."},
        }, required=("role", "signer", "signed_at", "file_id")),
        "Award": obj({
            "full_name": {"type": "string"}, "kind": {"type": "string", "enum": list(NOMINEE_KINDS)},
            "position": {"type": "string"}, "organization": {"type": "string", "description": "Đơn vị."},
            "award": {"type": "string", "description": "Mã hình thức khen thưởng."},
            "award_label": {"type": "string", "description": "Tên hình thức khen thưởng của cơ quan quyết định."},
            "document_id": ID, "number": {"type": "string", "description": "Số Quyết định."},
            "issued_on": DATE, "year": {"type": "integer"},
            "issuer": {"type": "string", "description": "Cơ quan ban hành Quyết định."},
            "url": {"type": "string", "description": "Địa chỉ API của Quyết định."},
        }, required=("full_name", "kind", "position", "organization", "award", "award_label", "document_id",
                     "number", "issued_on", "year", "issuer", "url")),
        "AwardPage": obj({
            "items": array(ref("Award")), "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1}, "total": {"type": "integer", "minimum": 0},
            "more": {"type": "boolean", "description": "Có nhiều hơn `total` (đếm đến 1000)."},
        }, required=("items", "page", "per_page", "total", "more")),
        "DocumentPage": obj({
            "items": array(ref("DocumentSummary")), "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1}, "total": {"type": "integer", "minimum": 0},
        }, required=("items", "page", "per_page", "total")),
        "RegisterEntry": obj({
            "number": {"type": "string"}, "seq": {"type": "integer"}, "series": {"type": "string"},
            "issued_on": DATE, "kind": {"type": "string", "enum": kinds_}, "title": {"type": "string"},
            "signer": {"type": "string"}, "recipients": array({"type": "string"}), "document_id": ID,
            "sha256": nullable({"type": "string", "pattern": "^[0-9a-f]{64}$"}),
            "unused": {"type": "boolean", "description": "Số đã cấp nhưng không sử dụng: văn bản đã bị hủy "
                                                         "(số không bao giờ được cấp lại)."},
        }, required=("number", "seq", "series", "issued_on", "kind", "title", "signer", "recipients",
                     "document_id", "sha256", "unused")),
        "Register": obj({"items": array(ref("RegisterEntry"))}, required=("items",)),
        "Round": obj({
            "id": ID, "plan_id": ID, "key": {"type": "string"}, "name": {"type": "string"},
            "proposals_due": DATE,
            "open": {"type": "boolean", "description": "Đợt còn nhận tờ trình (tờ trình gửi sau hạn bị đánh "
                                                       "dấu nộp muộn)."},
            "groups": array(obj({"name": {"type": "string"}, "kind": {"type": "string"},
                                 "criteria": array({"type": "string"}), "awards": array({"type": "string"})},
                                required=("name", "kind", "criteria", "awards"))),
            "proposals": array(obj({
                "document_id": ID, "organization": {"type": "string"},
                "state": {"type": "string", "enum": states}, "late": {"type": "boolean"},
                "nominees": {"type": "integer", "minimum": 0}, "accepted": {"type": "integer", "minimum": 0},
                "url": {"type": "string"},
            }, required=("document_id", "organization", "state", "late", "nominees", "accepted", "url"))),
            "not_proposed": array({"type": "string"}, description="Cơ quan cấp dưới, đơn vị của cơ quan ban "
                                                                  "hành kế hoạch chưa gửi tờ trình của đợt."),
            "decision_ids": array(ID, description="Các quyết định khen thưởng của đợt."),
        }, required=("id", "plan_id", "key", "name", "proposals_due", "open", "proposals", "not_proposed",
                     "decision_ids")),
        "RoundDecisionRequest": obj({
            "proposal_ids": array(ID, description="Các tờ trình đề nghị của đợt đưa vào quyết định; không gửi: "
                                                  "mọi tờ trình đã thẩm định của đợt chưa có quyết định."),
        }),
        # the council's meeting for a round (services/council.py; issue 15, point 4)
        "CouncilRequest": obj({
            "meeting": MEETING | {"description": "Cuộc họp của Hội đồng Thi đua - Khen thưởng, như trường "
                                                 "`meeting` của bước thẩm định; bắt buộc."},
            "members": {"type": "integer", "minimum": 1, "maximum": MAX_MEMBERS,
                        "description": "Tổng số thành viên Hội đồng (kể cả người vắng mặt)."},
            "votes": array(obj({"nominee_id": ID, "votes_for": _VOTES}, required=("nominee_id",)),
                           description="Số phiếu đồng ý cho từng người được đề nghị; bắt buộc với hình "
                                       "thức khen thưởng có ngưỡng phiếu (`vote_threshold`)."),
        }, required=("meeting", "members")),
        "Council": obj({
            "round_id": ID, "recorded": {"type": "boolean", "description": "Đã ghi kết quả họp Hội đồng."},
            "meeting": nullable(MEETING), "members": nullable({"type": "integer", "minimum": 1}),
            "present": nullable({"type": "integer", "minimum": 0}),
            "recorded_at": nullable(TIME), "recorded_by": {"type": "string"},
            "may_record": {"type": "boolean", "description": "Người gọi được ghi kết quả (người thẩm định)."},
            "nominees": array(obj({
                "nominee_id": ID, "document_id": ID, "full_name": {"type": "string"},
                "organization": {"type": "string"}, "unit": {"type": "string", "description": "Đơn vị đề nghị."},
                "award": {"type": "string"}, "award_label": {"type": "string"},
                "threshold": nullable(obj({"percent": {"type": "number"},
                                           "of": {"type": "string", "enum": list(COUNCIL_BASES)}},
                                          required=("percent", "of"))),
                "votes_for": _VOTES, "votes_total": _VOTES, "percent": nullable({"type": "number"}),
                "passed": nullable({"type": "boolean"}) | {"description": "null: Hội đồng chưa xét."},
                "note": {"type": "string", "description": "Lý do không đạt."},
            }, required=("nominee_id", "document_id", "full_name", "organization", "unit", "award",
                         "award_label", "threshold", "votes_for", "votes_total", "percent", "passed", "note"))),
            "warnings": array(obj({"unit": {"type": "string"}, "award": {"type": "string"},
                                   "count": {"type": "integer"}, "limit": {"type": "integer"},
                                   "message": {"type": "string"}},
                                  required=("unit", "award", "count", "limit", "message")),
                              description="Đơn vị vượt chỉ tiêu của đợt (chỉ cảnh báo)."),
        }, required=("round_id", "recorded", "meeting", "members", "present", "recorded_at", "recorded_by",
                     "may_record", "nominees", "warnings")),
        "Verification": obj({
            "authentic": {"type": "boolean", "description": (
                "true: đúng tệp hệ thống đã ban hành và mọi chữ ký số (nếu có) đều hợp lệ.")},
            "number": nullable({"type": "string"}), "issued_on": nullable(DATE),
            "organization": nullable({"type": "string"}), "title": nullable({"type": "string"}),
            "signatures": array(obj({
                "signer": {"type": "string", "description": "Tên trong chứng thư số của người ký."},
                "role": {"type": "string", "enum": ["approver", "organization", "other"],
                         "description": "approver: người có thẩm quyền (SigLeader, chữ ký chứng nhận); "
                                        "organization: cơ quan ban hành (SigOrg, con dấu)."},
                "signed_at": nullable(TIME), "valid": {"type": "boolean"},
                "timestamped_at": nullable(TIME) | {"description": (
                    "Thời điểm do máy chủ cấp dấu thời gian tin cậy xác nhận (PAdES B-T); null: chữ ký "
                    "không có dấu thời gian.")},
            }, required=("signer", "role", "signed_at", "valid")), description="Chỉ với tệp PDF."),
            "reasons": array({"type": "string"}, description="Vì sao không xác thực được (tiếng Việt)."),
            "altered": {"type": "boolean", "description": "Tệp đã bị thay đổi sau khi ký."},
        }, required=("authentic", "number", "issued_on", "organization", "title")),
        "NotAuthentic": obj({"authentic": {"type": "boolean", "const": False}, "error": _ERROR_DETAIL},
                            required=("authentic",)),
        "Notification": obj({
            "id": ID,
            "reason": {"type": "string", "enum": list(NOTICE_REASONS),
                       "description": "awaiting: văn bản chờ bạn xử lý (đã trình, đã thẩm định, đã phê duyệt); "
                                      "returned: văn bản của bạn bị trả lại; issued: văn bản của bạn đã ban hành."},
            "message": {"type": "string", "description": "Nội dung thông báo bằng tiếng Việt."},
            "document": obj({"id": ID, "kind": {"type": "string", "enum": kinds_}, "title": {"type": "string"},
                             "state": {"type": "string", "enum": states}, "number": nullable({"type": "string"}),
                             "url": {"type": "string"}}, required=("id", "kind", "title", "state", "number", "url")),
            "transition": nullable({"type": "string", "description": "Bước đã làm phát sinh thông báo."}),
            "actor": nullable({"type": "string", "description": "Tên đăng nhập của người thực hiện bước đó."}),
            "created_at": TIME, "read_at": nullable(TIME),
        }, required=("id", "reason", "message", "document", "transition", "actor", "created_at", "read_at")),
        "NotificationPage": obj({
            "items": array(ref("Notification")), "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1}, "total": {"type": "integer", "minimum": 0},
            "unread": {"type": "integer", "minimum": 0, "description": "Số thông báo chưa đọc (mọi trang)."},
        }, required=("items", "page", "per_page", "total", "unread")),
        "NotificationsRead": obj({"document_id": ID}, description="Có `document_id`: các thông báo về văn "
                                 "bản đó; không có: mọi thông báo."),
        "ReadResult": obj({"marked": {"type": "integer", "minimum": 0}, "unread": {"type": "integer", "minimum": 0}},
                          required=("marked", "unread")),
        "StatisticsCounts": _STATISTICS_COUNTS,
        "Statistics": obj({
            "year": nullable(YEAR), "plan_id": nullable(ID), "round_id": nullable(ID),
            "round": nullable(obj({"id": ID, "plan_id": ID, "name": {"type": "string"}},
                                  required=("id", "plan_id", "name"),
                                  description="Đợt khen thưởng được lọc (khi gửi `round_id`).")),
            "decisions": {"type": "integer", "minimum": 0, "description": "Số quyết định khen thưởng đã ban hành."},
            "total": {"type": "integer", "minimum": 0, "description": "Số tập thể, cá nhân, hộ gia đình được khen."},
            "by_kind": ref("StatisticsCounts"),
            "by_gender": obj({g: _COUNT for g in ("male", "female", "unknown", "total")},
                             required=("male", "female", "unknown", "total"),
                             description="Cá nhân theo giới tính (unknown: không ghi)."),
            "by_award": array({"allOf": [ref("StatisticsCounts"), obj(
                {"code": {"type": "string"}, "label": {"type": "string"}}, required=("code", "label"))]},
                description="Theo hình thức khen thưởng, theo thứ tự trong danh mục của cơ quan quyết định."),
            "by_proposer": array({"allOf": [ref("StatisticsCounts"), obj({
                "organization_id": ID, "name": {"type": "string"}, "decisions": _COUNT,
                "units": array({"allOf": [ref("StatisticsCounts"), obj({
                    "unit_id": nullable(ID), "name": {"type": "string"}, "decisions": _COUNT},
                    required=("unit_id", "name", "decisions"))]}),
            }, required=("organization_id", "name", "decisions", "units"))]},
                description="Theo cơ quan đề nghị (nhiều nhất trước), và trong đó theo đơn vị soạn tờ trình."),
        }, required=("year", "plan_id", "round_id", "round", "decisions", "total", "by_kind", "by_gender", "by_award",
                     "by_proposer")),
    }


# --- query parameters (OpenAPI parameter objects) ---------------------------------------


# API.md writes `?kind=&state=&q=`: an empty value means "no filter" (payload.read_query skips it).
EMPTY = {"type": "string", "enum": [""]}


def query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": {"anyOf": [schema, EMPTY]},
            "description": description}


YEAR = {"type": "integer", "minimum": 1900, "maximum": 2999}


@_per_registry
def document_filters() -> tuple[dict, ...]:
    return (
        query("kind", {"type": "string", "enum": _kinds()}, "Loại văn bản."),
        query("state", {"type": "string", "enum": _states()}, "Trạng thái."),
        query("q", {"type": "string", "maxLength": 200},
              "Tìm trong trích yếu, số, nội dung và tên người được đề nghị, không phân biệt dấu: các từ "
              "liền nhau theo thứ tự, từ cuối có thể chưa gõ hết (`xa hoi hoc ta` tìm thấy `xã hội học tập`)."),
        query("year", YEAR, "Năm ban hành (văn bản chưa ban hành: năm tạo)."),
        query("mine", {"type": "boolean"}, "1: chỉ văn bản tôi tạo."),
        query("actionable", {"type": "boolean"}, "1: việc cần làm — văn bản tôi có thao tác thực hiện được."),
        query("page", {"type": "integer", "minimum": 1, "maximum": 100_000, "default": 1}, "Trang, từ 1."),
        query("per_page", {"type": "integer", "minimum": 1, "default": 50},
              "Số văn bản mỗi trang; trên 200 được tính là 200."),
    )


AWARD_FILTERS = (
    query("q", {"type": "string", "maxLength": 200},
          "Họ tên cá nhân, tên tập thể, hộ gia đình, không phân biệt dấu và hoa thường: các từ liền nhau theo "
          "thứ tự, từ cuối có thể chưa gõ hết (`nguyen thi ngoc an` tìm thấy `Nguyễn Thị Ngọc Ánh`); hoặc "
          "đúng 12 chữ số: tìm theo số CCCD. Trống: mọi khen thưởng người dùng được xem."),
    query("year", YEAR, "Năm ban hành Quyết định."),
    query("page", {"type": "integer", "minimum": 1, "maximum": 100_000, "default": 1}, "Trang, từ 1."),
    query("per_page", {"type": "integer", "minimum": 1, "default": 50},
          "Số dòng mỗi trang; trên 100 được tính là 100."),
)
NOTICE_FILTERS = (
    query("unread", {"type": "boolean"}, "1: chỉ thông báo chưa đọc."),
    query("page", {"type": "integer", "minimum": 1, "maximum": 100_000, "default": 1}, "Trang, từ 1."),
    query("per_page", {"type": "integer", "minimum": 1, "default": 50},
          "Số thông báo mỗi trang; trên 100 được tính là 100."),
)
REGISTER_FILTERS = (
    query("year", YEAR, "Năm của sổ; mặc định năm nay."),
    query("series", {"type": "string", "maxLength": 20},
          "Sổ (loại văn bản): KH, QĐ, TTr ...; trống: mọi sổ."),
)
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[!-~]([ -~]*[!-~])?$"},
    "description": "Khóa chống lặp do máy khách chọn (≤ 100 ký tự ASCII). Gửi lại cùng khóa trong 24 giờ: "
                   "không thực hiện lại, trả lời đúng như lần đầu (cùng mã trạng thái, cùng nội dung). "
                   "Cùng khóa với nội dung khác: 422 (`fields`: `Idempotency-Key`).",
}
STATISTICS_FILTERS = (
    query("year", YEAR, "Năm ban hành quyết định (ngày ban hành theo giờ Việt Nam); không gửi: mọi năm."),
    query("plan_id", ID, "Chỉ các quyết định thuộc kế hoạch này (kế hoạch mà tờ trình căn cứ; một kế hoạch đã "
                         "ban hành mà người dùng được xem; kế hoạch không có hoặc không được xem: 404)."),
    query("round_id", ID, "Chỉ các quyết định của đợt khen thưởng này (một đợt của kế hoạch đã ban hành mà người "
                          "dùng được xem; đợt không có hoặc không được xem: 404)."),
)
