"""One form for every transition; the fields shown depend on the step (see the template)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, RadioField, SelectField, StringField, TextAreaField

from ...domain.signing import SIGNER_FORMS
from ...domain.validation import REVIEW_DECISIONS
from ..presenters import REVIEW_STATUSES
from .common import CappedFieldList, choices, version_of


class DecisionForm(Form):
    """The reviewer's decision on one nominee."""
    nominee_id = HiddenField()
    status = RadioField(_l("Ý kiến"), choices=choices([(s, _l(REVIEW_STATUSES[s])) for s in REVIEW_DECISIONS]),
                        default="accepted", validate_choice=False)
    note = StringField(_l("Ghi chú / lý do"))


class TransitionForm(FlaskForm):
    version = HiddenField()
    comment = TextAreaField(_l("Ý kiến"))
    signer_form = SelectField(_l("Hình thức ký"), choices=choices([(k, _l(v)) for k, v in SIGNER_FORMS.items()]),
                              validate_choice=False)
    issued_on = StringField(_l("Ngày ban hành"))
    decisions = CappedFieldList(FormField(DecisionForm), "nominees")

    def extra_for(self, name: str, kind: str) -> dict:
        """What apply_transition takes besides the comment, for step `name`."""
        if name == "approve":
            return {"signer_form": self.signer_form.data or ""}
        if name == "issue":
            return {"issued_on": (self.issued_on.data or "").strip() or None}
        if name == "review" and kind == "commendation":
            return {"nominees": [{"id": version_of(d.nominee_id.data), "status": d.status.data,
                                  "note": d.note.data or ""} for d in self.decisions]}
        return {}
