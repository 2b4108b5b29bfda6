"""Reading requests: JSON bodies and query strings, checked against the published schemas.

Wrong JSON types are refused with 400, missing, out-of-range or too long values with 422, in
the field notation the services use (`body.plan_id`, `nominees[0].award`), whether or not the
document's kind uses the field. The services then check what only they know (award lists,
plans, dates).
"""
from __future__ import annotations

import json
import re

from flask import current_app, request

from ..domain.errors import BadRequest, ValidationFailed
from ..domain.text import clean
from .blueprint import bp

API_MAX_BODY_BYTES = 2 * 1024 * 1024   # documents are text: far below MAX_CONTENT_LENGTH

TYPE_HINTS = {
    "object": "Phải là một đối tượng JSON.", "array": "Phải là danh sách.",
    "string": "Phải là chuỗi ký tự.", "integer": "Phải là số nguyên.",
    "number": "Phải là số.", "boolean": "Phải là true hoặc false.", "null": "Phải là null.",
}
_PYTHON_TYPES = {"object": dict, "array": list, "string": str, "integer": int,
                 "number": (int, float), "boolean": bool, "null": type(None)}
_QUERY_INTEGER = re.compile(r"-?[0-9]{1,4000}")   # Python refuses to parse longer digit strings
_QUERY_FLAGS = {"1": True, "true": True, "0": False, "false": False}


@bp.before_request
def limit_body_size():
    """The smaller of the app's limit and the API's own; reading a larger body raises 413."""
    limit = current_app.config.get("API_MAX_BODY_BYTES", API_MAX_BODY_BYTES)
    app_limit = current_app.config.get("MAX_CONTENT_LENGTH")
    request.max_content_length = min(limit, app_limit) if app_limit else limit


def _is_type(value, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _PYTHON_TYPES[name])


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check(value, schema: dict, path: str, type_errors: dict, problems: dict) -> None:
    """Collect where `value` breaks `schema` (type, required, enum, minimum, maximum, maxLength)."""
    types = schema.get("type")
    if types:
        types = [types] if isinstance(types, str) else types
        if not any(_is_type(value, t) for t in types):
            type_errors[path or "body"] = TYPE_HINTS[types[0]]
            return
    if "enum" in schema and value not in schema["enum"]:
        problems[path] = "Chọn một trong: " + ", ".join(f"“{v}”" for v in schema["enum"]) + "."
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        problems[path] = f"Dài quá {schema['maxLength']:,} ký tự.".replace(",", ".")
    if _is_type(value, "integer"):
        if "minimum" in schema and value < schema["minimum"]:
            problems[path] = f"Nhỏ nhất là {schema['minimum']}."
        if "maximum" in schema and value > schema["maximum"]:
            problems[path] = f"Lớn nhất là {schema['maximum']}."
    if isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                problems[_join(path, name)] = "Bắt buộc."
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                check(value[name], sub, _join(path, name), type_errors, problems)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], f"{path}[{i}]", type_errors, problems)


def _raise_if_any(type_errors: dict, problems: dict) -> None:
    if type_errors:
        raise BadRequest("Dữ liệu gửi lên sai kiểu.", type_errors)
    if problems:
        raise ValidationFailed("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", problems)


def _no_json_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def read_json(schema: dict):
    """The request's JSON body, checked against `schema`."""
    if not request.is_json:
        raise BadRequest("Dữ liệu gửi lên phải là JSON (Content-Type: application/json).",
                         {"Content-Type": "application/json"})
    raw = request.get_data(cache=True)   # over the size limit: 413 here
    try:
        payload = json.loads(raw, parse_constant=_no_json_constant)
        # Lone surrogates (`"\ud800"`) parse but cannot be stored or hashed as UTF-8.
        json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):
        raise BadRequest("Nội dung gửi lên không phải JSON hợp lệ (UTF-8).") from None
    type_errors, problems = {}, {}
    check(payload, schema, "", type_errors, problems)
    _raise_if_any(type_errors, problems)
    return payload


def _query_value(raw: str, schema: dict, name: str, type_errors: dict, problems: dict):
    kind = schema["type"]
    if kind == "integer":
        if not _QUERY_INTEGER.fullmatch(raw):
            type_errors[name] = TYPE_HINTS["integer"]
            return None
        value = int(raw)
    elif kind == "boolean":
        if raw.lower() not in _QUERY_FLAGS:
            type_errors[name] = "Dùng 1/0 hoặc true/false."
            return None
        value = _QUERY_FLAGS[raw.lower()]
    else:
        value = clean(raw)   # no control characters reach a query (PostgreSQL refuses NUL)
        if len(raw) > schema.get("maxLength", len(raw)):   # as sent, as openapi.json's maxLength counts
            problems[name] = f"Dài quá {schema['maxLength']} ký tự."
    check(value, schema, name, type_errors, problems)
    return value


def read_query(parameters) -> dict:
    """The query parameters declared in `parameters` (OpenAPI parameter objects), converted."""
    type_errors, problems, values = {}, {}, {}
    for parameter in parameters:
        name, schema = parameter["name"], parameter["schema"]
        schema = schema["anyOf"][0] if "anyOf" in schema else schema   # the non-empty form
        raw = request.args.get(name)
        if raw is None or raw == "":
            values[name] = schema.get("default")
        else:
            values[name] = _query_value(raw, schema, name, type_errors, problems)
    _raise_if_any(type_errors, problems)
    return values
