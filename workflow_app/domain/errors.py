"""Refusals the domain and services raise; the web and API layers map them to HTTP.

Each carries a Vietnamese message for people. A refusal always means nothing changed.
"""
from __future__ import annotations


class WorkflowError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class BadRequest(WorkflowError):
    status, code = 400, "bad_request"


class Forbidden(WorkflowError):
    status, code = 403, "forbidden"


class NotFound(WorkflowError):
    status, code = 404, "not_found"


class Conflict(WorkflowError):
    status, code = 409, "conflict"


class ValidationFailed(WorkflowError):
    status, code = 422, "validation"
