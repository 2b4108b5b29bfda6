"""One form for every transition; it shows and reads the fields the step's effects take
(domain/workflows/effects.py): templates/documents/step_fields/_<field>.html shows one, and
FIELDS below says how each is read back and what it starts with."""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, RadioField, SelectField, StringField, TextAreaField

from ...domain.i18n import N_
from ...domain.signing import SIGNER_FORMS
from ...domain.validation import REVIEW_DECISIONS
from ...domain.workflows.effects import default_signer_form
from .common import CappedFieldList, choices, version_of

# the reviewer's two choices, short for the table's rows
REVIEW_CHOICES = {"accepted": N_("Đồng ý"), "rejected": N_("Không đề nghị")}


class DecisionForm(Form):
    """The reviewer's decision on one nominee."""
    nominee_id = HiddenField()
    status = RadioField(_l("Ý kiến"), choices=choices([(s, _l(REVIEW_CHOICES[s])) for s in REVIEW_DECISIONS]),
                        validate_choice=False)   # none chosen: not yet decided (counted as accepted)
    note = StringField(_l("Ghi chú / lý do"))


class TransitionForm(FlaskForm):
    version = HiddenField()
    comment = TextAreaField(_l("Ý kiến"))
    signer_form = SelectField(_l("Hình thức ký"), choices=choices([(k, _l(v)) for k, v in SIGNER_FORMS.items()]),
                              validate_choice=False)
    issued_on = StringField(_l("Ngày ban hành"))
    decisions = CappedFieldList(FormField(DecisionForm), "nominees")

    def extra_for(self, fields: tuple[str, ...]) -> dict:
        """What apply_transition takes besides the comment: the step's `fields`, read from the form."""
        return {name: FIELDS[name].read(self) for name in fields}


class StepField(NamedTuple):
    form_field: str                             # the field of TransitionForm that shows it
    read: Callable[[TransitionForm], object]    # its value for apply_transition
    initial: Callable[..., object]              # (document, user, today) -> the form's starting value


def _posted(field):
    """The value chosen, or None when the form did not send the field (the signer's default)."""
    return (field.data or "") if field.raw_data else None


def _decisions(form: TransitionForm) -> list[dict]:
    """One decision per row, in the rows' order (the service's reasons name rows by index); a row
    left undecided is accepted, as the step does with a nominee it is not told about."""
    return [{"id": version_of(d.nominee_id.data), "status": d.status.data or "accepted", "note": d.note.data or ""}
            for d in form.decisions]


def _initial_decisions(document, user, today) -> list[dict]:
    """The decisions already made (a review after a return); the others start undecided."""
    return [{"nominee_id": n.id, "status": n.review_status if n.review_status in REVIEW_DECISIONS else None,
             "note": n.review_note} for n in document.nominees]


FIELDS: dict[str, StepField] = {
    "nominees": StepField("decisions", _decisions, _initial_decisions),
    "signer_form": StepField("signer_form", lambda form: _posted(form.signer_form),
                             lambda document, user, today: default_signer_form(document, user)),
    "issued_on": StepField("issued_on", lambda form: (form.issued_on.data or "").strip() or None,
                           lambda document, user, today: today.isoformat()),
}


def initial_data(document, user, fields: tuple[str, ...], today) -> dict:
    """The form's starting values for a step taking `fields`."""
    return {"version": document.version,
            **{FIELDS[name].form_field: FIELDS[name].initial(document, user, today) for name in fields}}
