"""Building blocks of JSON Schema (OpenAPI 3.1 dialect), for the API and for each kind's body.

Length limits come from domain/validation.py, so what the schema publishes is what is checked.
"""
from __future__ import annotations

from .validation import LIMITS, MAX_ROW_ID

ID = {"type": "integer", "minimum": 1, "maximum": MAX_ROW_ID}
DATE = {"type": "string", "format": "date"}
TIME = {"type": "string", "format": "date-time"}


def text(limit: str | None = None, **extra) -> dict:
    schema = {"type": "string", **extra}
    if limit:
        schema["maxLength"] = LIMITS[limit]
    return schema


def nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def obj(properties: dict, required=(), **extra) -> dict:
    schema = {"type": "object", "properties": properties, **extra}
    if required:
        schema["required"] = list(required)
    return schema


def array(items: dict, **extra) -> dict:
    return {"type": "array", "items": items, **extra}
