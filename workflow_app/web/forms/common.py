"""Helpers shared by the forms: textareas that hold one item per line, list editing ops."""
from __future__ import annotations

import re

from wtforms.fields.choices import SelectChoice


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
