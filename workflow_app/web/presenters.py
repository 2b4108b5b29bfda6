"""How things look: labels from the workflow definitions, dates, sizes, badge colours.

Labels come from the same definitions the engine fires (and signing.py), translated when
a catalog has them: their msgids are the Vietnamese labels, marked N_ where they are kept.
"""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import LazyString, format_datetime, format_decimal, gettext

from ..domain.i18n import N_
from ..domain.signing import SIGNER_FORMS
from ..domain.vnformat import roman
from ..domain.workflows import DEFINITIONS, STATES, duties
from ..domain.workflows.definitions import ROLE_LABELS
from ..domain.workflows.effects import fields_of

STATE_ORDER = [s.name for s in STATES]
PROGRESS_ORDER = [s.name for s in STATES if not s.stopped]   # the five steps; Đã hủy stops them
STATE_COLOURS = {"draft": "secondary", "submitted": "info", "reviewed": "primary",
                 "approved": "warning", "issued": "success", "cancelled": "dark"}
# Labels of the values domain/validation.py accepts (NOMINEE_KINDS, GENDERS, REVIEW_STATUSES).
NOMINEE_KINDS = {"individual": N_("Cá nhân"), "collective": N_("Tập thể"), "household": N_("Hộ gia đình")}
GENDERS = {"": "—", "male": N_("Nam"), "female": N_("Nữ")}
REVIEW_STATUSES = {"pending": N_("Chưa thẩm định"), "accepted": N_("Đồng ý đề nghị"),
                   "rejected": N_("Không đề nghị")}


def state_label(state: str) -> str:
    return gettext(next((s.label for s in STATES if s.name == state), state))


def state_colour(state: str) -> str:
    return STATE_COLOURS.get(state, "secondary")


def kind_labels() -> dict[str, str]:
    """Every registered kind -> its label, translated."""
    return {kind: gettext(d.label) for kind, d in DEFINITIONS.items()}


def kind_label(kind: str) -> str:
    definition = DEFINITIONS.get(kind)
    return gettext(definition.label) if definition else kind


def step_fields(document, name: str) -> tuple[str, ...]:
    """The request fields step `name` takes from the document's state (templates/documents/step_fields/)."""
    tdef = DEFINITIONS[document.kind].transition_from(name, document.state)
    return fields_of(tdef.effects) if tdef else ()


def step_tone(document, name: str) -> str:
    """The button colour of step `name`: "danger" for a step back that needs a reason (Trả lại)
    and for Hủy, "secondary" for one back that does not (Rút lại), "primary" for a step forward."""
    definition = DEFINITIONS[document.kind]
    tdef = definition.transition_from(name, document.state)
    if tdef is not None and definition.stops(tdef):
        return "danger"
    if tdef is None or not definition.is_step_back(tdef):
        return "primary"
    return "danger" if tdef.comment_required else "secondary"


def step_needs_reason(document, name: str) -> bool:
    """Step `name` must say why (Trả lại); Hủy is red but its comment is optional."""
    tdef = DEFINITIONS[document.kind].transition_from(name, document.state)
    return bool(tdef and tdef.comment_required)


def transition_label(kind: str, name: str) -> str:
    return gettext(DEFINITIONS[kind].transition_label(name))


def combined_remark(kind: str, event) -> str:
    """A history row's note when its actor combined duties their body allows (in Vietnamese, as
    the API gives it); "" for the usual step."""
    return duties.remark(DEFINITIONS[kind].transition_label(event.transition), event.combined_duties)


def role_label(role: str) -> str:
    return gettext(ROLE_LABELS.get(role, role))


def label_from(mapping: dict[str, str], key) -> str:
    return gettext(mapping.get(key or "", key or ""))


def short_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def iso_date(value: str | None) -> str:
    """"2025-12-31" (as the body JSON keeps dates) -> "31/12/2025"."""
    try:
        return short_date(date.fromisoformat(value)) if value else ""
    except ValueError:
        return value


def local_datetime(value: datetime | None) -> str:
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_decimal(round(size / 1024, 1))} KB"
    return f"{format_decimal(round(size / 1024 / 1024, 1))} MB"


def progress(state: str) -> list[dict]:
    """The five states as steps: done, current or to come; none for a document whose workflow
    stopped (Đã hủy: its badge says so)."""
    if state not in PROGRESS_ORDER:
        return []
    position = PROGRESS_ORDER.index(state)
    if position == len(PROGRESS_ORDER) - 1:
        position = len(PROGRESS_ORDER)   # the last state reached: every step is done
    return [{"name": name, "label": state_label(name),
             "status": "done" if i < position else "current" if i == position else "todo"}
            for i, name in enumerate(PROGRESS_ORDER)]


def who_takes(next_step) -> str:
    """services.document_pages.NextStep in words: "do người có vai trò Thẩm định ở Phòng Nội vụ,
    Ủy ban nhân dân huyện …"."""
    where = next_step.body
    if next_step.units:
        where = gettext("%(units)s, %(body)s", units=gettext(" hoặc ").join(next_step.units), body=where)
    if next_step.signers is not None:   # the leader signs the Tờ trình their body's drafters prepared
        if not next_step.signers:
            return gettext("do lãnh đạo ở %(where)s ký (chưa có tài khoản nào được giao)", where=where)
        return gettext("do %(who)s ký, ở %(where)s", who=gettext(" hoặc ").join(next_step.signers), where=where)
    roles = next_step.step.roles
    if not roles:
        return gettext("do người dùng ở %(where)s", where=where)
    return gettext("do người có vai trò %(roles)s ở %(where)s",
                   roles=gettext(" hoặc ").join(role_label(r) for r in roles), where=where)


def row_landing(verb: str, index: int | None, count: int) -> int | None:
    """The editor's row to land at once op (verb, index) redrew a list of `count` rows
    (forms.common.apply_op): the new row, the moved row in its new place, the row that took a
    removed one's place (or the one before it, for the last); None when no row is left."""
    if verb == "add":
        return count
    if verb == "up":
        return max(index - 1, 0)
    if verb == "down":
        return min(index + 1, count - 1)
    return min(index, count - 2) if count > 1 else None


def is_message(value) -> bool:
    """A field's error text: a str, or a validator's lazy_gettext message (a FieldList's errors
    also hold its rows' lists and dicts, which are not)."""
    return isinstance(value, (str, LazyString))


def register(app: Flask) -> None:
    from .review_table import review_table
    app.jinja_env.tests["message"] = is_message
    app.jinja_env.filters.update(
        state_label=state_label, state_colour=state_colour, kind_label=kind_label,
        short_date=short_date, local_datetime=local_datetime, file_size=file_size,
        role_label=role_label, iso_date=iso_date, roman=roman)
    app.jinja_env.globals.update(
        transition_label=transition_label, combined_remark=combined_remark, progress=progress, who_takes=who_takes,
        label_from=label_from, NOMINEE_KINDS=NOMINEE_KINDS, GENDERS=GENDERS,
        REVIEW_STATUSES=REVIEW_STATUSES, SIGNER_FORMS=SIGNER_FORMS, kind_labels=kind_labels,
        step_fields=step_fields, step_tone=step_tone, step_needs_reason=step_needs_reason, row_landing=row_landing,
        STATE_ORDER=STATE_ORDER, ROLE_LABELS=ROLE_LABELS, DEFINITIONS=DEFINITIONS, review_table=review_table)
