"""Helpers shared by the forms: textareas that hold one item per line, list editing ops."""
from __future__ import annotations

import re

from wtforms import FieldList
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from ...domain import validation


def lines(text: str | None) -> list[str]:
    """One item per line; blank lines dropped (Windows line ends too)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def joined(items) -> str:
    return "\n".join(items or [])


_OP = re.compile(r"^(add|remove|up|down)_([a-z]+)(?::(\d+))?$")


def parse_op(value: str | None) -> tuple[str, str, int | None] | None:
    """`remove_sections:2` -> ("remove", "sections", 2); `save` or junk -> None."""
    match = _OP.match(value or "")
    if not match:
        return None
    verb, name, index = match.groups()
    return verb, name, int(index) if index is not None else None


def apply_op(items: list, verb: str, index: int | None, blank: dict) -> list:
    """Add, remove or move one entry of an editable list, without touching the database."""
    items = list(items)
    if verb == "add":
        items.append(dict(blank))
    elif index is None or not 0 <= index < len(items):
        return items
    elif verb == "remove":
        items.pop(index)
    elif verb == "up" and index > 0:
        items[index - 1], items[index] = items[index], items[index - 1]
    elif verb == "down" and index < len(items) - 1:
        items[index + 1], items[index] = items[index], items[index + 1]
    return items


def version_of(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def choices(pairs) -> list[SelectChoice]:
    """[(value, label)] -> WTForms 3.3 SelectChoice objects (tuples are deprecated there)."""
    return [SelectChoice(value, label) for value, label in pairs]


class CappedFieldList(FieldList):
    """A FieldList with the API's cap for its list (domain.validation.MAX_ITEMS[limit]).

    WTForms builds one subform per index it finds in the request, so 80,000 posted
    `sections-N-heading` fields would build 80,000 subforms before anything is checked: only
    the first `max_entries` are built, and a request that sent more does not validate.
    """

    def __init__(self, unbound_field, limit: str, **kwargs):
        self.limit = limit
        self.sent = 0
        super().__init__(unbound_field, max_entries=validation.MAX_ITEMS[limit],
                         validators=[_within_cap], **kwargs)

    def process(self, formdata, data=unset_value, extra_filters=None):
        # counting the posted indices is cheap; building their subforms is what must not happen
        self.sent = len(set(self._extract_indices(self.name, formdata))) if formdata else 0
        super().process(formdata, data, extra_filters)

    @property
    def full(self) -> bool:
        return len(self.entries) >= self.max_entries


def _within_cap(form, field: CappedFieldList) -> None:
    if field.sent > field.max_entries:
        raise ValidationError(validation.too_many(field.limit))
