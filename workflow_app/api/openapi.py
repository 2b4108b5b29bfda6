"""Each endpoint's contract, declared once with @operation, and the OpenAPI 3.1 document built from it.

The declaration both documents the endpoint and reads its input (the body by its schema,
the query by its parameters), and the document is built from the routes actually
registered: what openapi.json says is what the code does.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, jsonify, request

from ..domain import kinds
from ..services.files import DOCX_MIMETYPE
from .blueprint import bp
from .errors import CODES, MESSAGES
from .payload import read_json, read_query
from .schemas import ID, components

DOCX = "docx"   # a response that is the .docx file itself
PDF = "pdf"     # a response that is a PDF file
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SUCCESS_DESCRIPTIONS = {200: "Thành công.", 201: "Đã tạo.", 202: "Đã nhận; đang xử lý.", 204: "Đã xoá.",
                        304: "Tệp không đổi so với bản đã có (If-None-Match)."}
RESPONSE_HEADERS = {
    401: {"WWW-Authenticate": "Bearer"},
    429: {"Retry-After": "Số giây cần đợi."},
}


@dataclass(frozen=True)
class Operation:
    summary: str
    responses: dict          # status -> component name, inline schema, DOCX, or None (no body)
    errors: tuple = ()       # statuses answered with the Error shape, besides those implied below
    body: str | None = None  # component name of the JSON body
    body_optional: bool = False   # the body may be left out (the view then gets payload None)
    query: tuple | Callable[[], tuple] = ()   # OpenAPI parameter objects (or what gives them now)
    public: bool = False     # no authentication
    description: str = ""
    headers: dict | None = None   # status -> {header: description} always sent
    path: dict | None = None      # path parameter -> schema, where the converter says too little
    header_params: tuple = ()     # OpenAPI header parameter objects (read by the view itself)
    raw_body: str | None = None   # media type of a body that is a file, read by the view itself

    def parameters(self) -> tuple:
        return self.query() if callable(self.query) else self.query

    def error_statuses(self, method: str) -> set[int]:
        implied = set(self.errors) | {414}      # a URL longer than request_limits.py takes
        if self.body:
            implied |= {400, 413, 422}
        if self.query:
            implied |= {400, 422}
        if not self.public:
            implied.add(401)
            if method in UNSAFE_METHODS:
                implied.add(400)   # a browser-session call without its CSRF token
        return implied


def operation(summary: str, **declared):
    """Declare an endpoint's contract; the view receives `payload` and/or `query` read by it."""
    op = Operation(summary, **declared)

    def decorate(view):
        @functools.wraps(view)
        def read_input_then_call(**path_args):
            if op.body:
                given = not op.body_optional or request.get_data(cache=True)
                path_args["payload"] = read_json(components()[op.body]) if given else None
            if op.query:
                path_args["query"] = read_query(op.parameters())
            return view(**path_args)

        read_input_then_call.api_operation = op
        return read_input_then_call
    return decorate


def operation_of(endpoint: str | None) -> Operation | None:
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "api_operation", None)


# --- the document -----------------------------------------------------------------------

_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")


def openapi_path(rule: str) -> str:
    """`/documents/<int:document_id>` -> `/documents/{document_id}`."""
    return _ARGUMENT.sub(lambda m: "{" + m["name"] + "}", rule)


def _path_parameters(rule: str, declared: dict | None) -> list[dict]:
    def schema(m):
        if declared and m["name"] in declared:
            return declared[m["name"]]
        return ID if m["converter"] == "int" else {"type": "string"}
    return [{"name": m["name"], "in": "path", "required": True, "schema": schema(m)}
            for m in _ARGUMENT.finditer(rule)]


def _content(schema) -> dict:
    if schema is None:
        return {}
    if schema == DOCX:
        return {"content": {DOCX_MIMETYPE: {"schema": {"type": "string", "format": "binary"}}}}
    if schema == PDF:
        return {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
    schema = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return {"content": {"application/json": {"schema": schema}}}


def _response(status: int, schema, headers: dict | None) -> dict:
    if status < 400:
        description = SUCCESS_DESCRIPTIONS[status]
    else:
        description = f"`{CODES[status]}`: {MESSAGES[status]}"
    response = {"description": description, **_content(schema)}
    if headers:
        response["headers"] = {name: {"description": text, "schema": {"type": "string"}}
                               for name, text in headers.items()}
    return response


def _operation_object(endpoint: str, op: Operation, method: str, path_parameters: list) -> dict:
    responses = {status: _response(status, "Error", RESPONSE_HEADERS.get(status))
                 for status in op.error_statuses(method)}
    responses.update({status: _response(status, schema, (op.headers or {}).get(status))
                      for status, schema in op.responses.items()})
    result = {"operationId": endpoint.removeprefix("api."), "summary": op.summary,
              "parameters": path_parameters + list(op.parameters()) + list(op.header_params),
              "responses": {str(status): responses[status] for status in sorted(responses)}}
    if op.description:
        result["description"] = op.description
    if op.body:
        result["requestBody"] = {"required": not op.body_optional, **_content(op.body)}
    elif op.raw_body:
        result["requestBody"] = {"required": True, "content": {
            op.raw_body: {"schema": {"type": "string", "format": "binary"}}}}
    if op.public:
        result["security"] = []
    return result


def build_spec(app: Flask) -> dict:
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        op = getattr(app.view_functions[rule.endpoint], "api_operation", None)
        if not rule.endpoint.startswith(f"{bp.name}.") or op is None:
            continue
        operations = paths.setdefault(openapi_path(rule.rule), {})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operations[method.lower()] = _operation_object(rule.endpoint, op, method,
                                                           _path_parameters(rule.rule, op.path))
    return {
        "openapi": "3.1.0",
        "info": {"title": "Quản lý kế hoạch và khen thưởng — API", "version": "1",
                 "description": "Kế hoạch, đề nghị khen thưởng và quy trình trình - thẩm định - phê duyệt "
                                "- ban hành. Lấy mã truy cập ở POST /api/v1/auth/token rồi gửi "
                                "`Authorization: Bearer <token>`. Lỗi: `{\"error\": {\"code\", \"message\", "
                                "\"fields\"}}`."},
        "paths": paths,
        "components": {"schemas": components(), "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": app.config["SESSION_COOKIE_NAME"],
                        "description": "Phiên đăng nhập trên trình duyệt; POST/PATCH/DELETE cần thêm "
                                       "tiêu đề X-CSRFToken."}}},
        "security": [{"bearer": []}, {"session": []}],
    }


@bp.get("/openapi.json")
@operation("Mô tả OpenAPI 3.1 của API này", responses={200: {"type": "object"}}, public=True)
def openapi_document():
    built = current_app.extensions.get("api_openapi")   # (kind registry version, document)
    if built is None or built[0] != kinds.version():
        built = current_app.extensions["api_openapi"] = (kinds.version(), build_spec(current_app))
    return jsonify(built[1])
