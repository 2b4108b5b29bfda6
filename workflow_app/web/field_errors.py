"""Puts the services' field reasons ("body.sections[0].heading") next to the form's fields.

A path is walked through the form: names are fields, `[i]` picks a list entry. A textarea
that holds one item per line takes the rest of the path as "Dòng i: ...". What cannot be
placed is returned so the view can show it above the form.
"""
from __future__ import annotations

import re

from flask_babel import gettext as _
from wtforms import Field, FieldList, FormField

_TOKEN = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def _tokens(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _TOKEN.findall(path)]


def _add(field: Field, message: str) -> None:
    if isinstance(field.errors, dict) or field.errors is None:
        field.errors = []
    field.errors = [*field.errors, message]


def _row_errors(form_field: FormField, message: str) -> None:
    form = form_field.form
    form.row_errors = [*getattr(form, "row_errors", []), message]


def anchor(path: str) -> str:
    """The editor's element for a reason's path: "body.sections[0].heading" -> "sections-0-heading"
    (WTForms' ids), "body.recipients" -> "recipients", "nominees[2]" -> "nominees-2" (a row)."""
    tokens = _tokens(path)
    if tokens and tokens[0] == "body":
        tokens = tokens[1:]
    return "-".join(str(t) for t in tokens)


def place(form, fields: dict[str, str], aliases: dict[str, str] | None = None) -> list[str]:
    """Attach each reason to its field; return the reasons that belong to no field."""
    leftover = []
    for path, message in (fields or {}).items():
        tokens = _tokens(path)
        if tokens and tokens[0] == "body":
            tokens = tokens[1:]
        if tokens and aliases and tokens[0] in aliases:
            tokens[0] = aliases[tokens[0]]
        if not _place_one(form, tokens, message):
            leftover.append(message)
    return leftover


def _place_one(form, tokens: list, message: str) -> bool:
    current = form
    for token in tokens:
        if isinstance(token, int):
            if isinstance(current, FieldList) and token < len(current.entries):
                current = current.entries[token]
                continue
            if isinstance(current, Field) and not isinstance(current, (FieldList, FormField)):
                _add(current, _("Dòng %(n)d: %(m)s", n=token + 1, m=message))
                return True
            break
        container = current.form if isinstance(current, FormField) else current
        fields = getattr(container, "_fields", None)
        if fields is None or token not in fields:
            break   # an unknown name below a known one: the nearest known field takes it
        current = fields[token]
    if current is form:
        return False
    if isinstance(current, FormField):
        _row_errors(current, message)
    elif isinstance(current, FieldList):
        current.list_errors = [*getattr(current, "list_errors", []), message]
    else:
        _add(current, message)
    return True
