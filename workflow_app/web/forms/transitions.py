"""One form for every transition; it shows and reads the fields the step's effects take
(domain/workflows/effects.py): templates/documents/step_fields/_<field>.html shows one, and
FIELDS below says how each is read back and what it starts with."""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from ...domain.i18n import N_
from ...domain.signing import SIGNER_FORMS
from ...domain.validation import LIMITS, MAX_ITEMS, REVIEW_DECISIONS
from ...domain.workflows.effects import default_signer_form
from .common import CappedFieldList, choices, lines, version_of

# the reviewer's two choices, short for the table's rows
REVIEW_CHOICES = {"accepted": N_("Đồng ý"), "rejected": N_("Không đề nghị")}


class DecisionForm(Form):
    """The reviewer's decision on one nominee, and the meeting's vote on it if one was taken."""
    nominee_id = HiddenField()
    status = RadioField(_l("Ý kiến"), choices=choices([(s, _l(REVIEW_CHOICES[s])) for s in REVIEW_DECISIONS]),
                        validate_choice=False)   # none chosen: not yet decided (counted as accepted)
    note = StringField(_l("Ghi chú / lý do"))
    votes_for = StringField(_l("Số phiếu đồng ý"))
    votes_total = StringField(_l("Tổng số phiếu"))


def _people_lines(form, field) -> None:
    """Each line "Họ và tên, chức vụ": a name before the comma, within the API's lengths."""
    found = lines(field.data)
    if len(found) > MAX_ITEMS["attendees"]:
        raise ValidationError(_l("Nhiều nhất %(n)d người.", n=MAX_ITEMS["attendees"]))
    for i, line in enumerate(found, 1):
        name, _, position = (part.strip() for part in line.partition(","))
        if not name:
            raise ValidationError(_l("Dòng %(n)d: thiếu họ và tên trước dấu phẩy.", n=i))
        if len(name) > LIMITS["full_name"] or len(position) > LIMITS["position"]:
            raise ValidationError(_l("Dòng %(n)d: họ tên hoặc chức vụ quá dài.", n=i))


class PersonForm(Form):
    name = StringField(_l("Họ và tên"))
    position = StringField(_l("Chức vụ"))


class MeetingForm(Form):
    """The review meeting the Biên bản records (domain/meeting.py); all blank: no meeting."""
    held_at = StringField(_l("Thời gian bắt đầu"))
    ended_at = StringField(_l("Giờ kết thúc (cùng ngày)"))
    place = StringField(_l("Địa điểm"))
    chair = FormField(PersonForm, label=_l("Chủ trì"))
    secretary = FormField(PersonForm, label=_l("Thư ký"))
    attendees = TextAreaField(_l("Thành phần tham dự (ngoài chủ trì, thư ký; mỗi người một dòng: "
                                 "Họ và tên, chức vụ)"), validators=[_people_lines])
    absent_written = TextAreaField(_l("Vắng mặt, có ý kiến bằng văn bản (mỗi người một dòng)"),
                                   validators=[_people_lines])
    absent = TextAreaField(_l("Vắng mặt, không có ý kiến (mỗi người một dòng)"), validators=[_people_lines])


class TransitionForm(FlaskForm):
    version = HiddenField()
    comment = TextAreaField(_l("Ý kiến"))
    signer_form = SelectField(_l("Hình thức ký"), choices=choices([(k, _l(v)) for k, v in SIGNER_FORMS.items()]),
                              validate_choice=False)
    issued_on = StringField(_l("Ngày ban hành"))
    signing_pin = PasswordField(_l("Mã PIN ký số"))
    decisions = CappedFieldList(FormField(DecisionForm), "nominees")
    meeting = FormField(MeetingForm)

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


def _count(value: str | None):
    """A typed count: its number, None when blank, else the text (the service says it is no number)."""
    text = (value or "").strip()
    return None if not text else int(text) if text.isdecimal() and len(text) < 10 else text


def _decisions(form: TransitionForm) -> list[dict]:
    """One decision per row, in the rows' order (the service's reasons name rows by index); a row
    left undecided is accepted, as the step does with a nominee it is not told about."""
    return [{"id": version_of(d.nominee_id.data), "status": d.status.data or "accepted", "note": d.note.data or "",
             "votes_for": _count(d.votes_for.data), "votes_total": _count(d.votes_total.data)}
            for d in form.decisions]


def _initial_decisions(document, user, today) -> list[dict]:
    """The decisions already made (a review after a return), with their votes; the others start
    undecided."""
    return [{"nominee_id": n.id, "status": n.review_status if n.review_status in REVIEW_DECISIONS else None,
             "note": n.review_note, "votes_for": "" if n.votes_for is None else str(n.votes_for),
             "votes_total": "" if n.votes_total is None else str(n.votes_total)} for n in document.nominees]


def _person(line: str) -> dict:
    name, _, position = (part.strip() for part in line.partition(","))
    return {"name": name, "position": position}


def _meeting(form: TransitionForm) -> dict:
    """The meeting typed in; {} (no meeting) when every field is blank."""
    m = form.meeting
    typed = [m.held_at.data, m.ended_at.data, m.place.data, m.chair.form.name.data, m.chair.form.position.data,
             m.secretary.form.name.data, m.secretary.form.position.data, m.attendees.data,
             m.absent_written.data, m.absent.data]
    if not any((value or "").strip() for value in typed):
        return {}
    return {
        "held_at": (m.held_at.data or "").strip(), "ended_at": (m.ended_at.data or "").strip(),
        "place": m.place.data or "",
        "chair": {"name": m.chair.form.name.data or "", "position": m.chair.form.position.data or ""},
        "secretary": {"name": m.secretary.form.name.data or "", "position": m.secretary.form.position.data or ""},
        "attendees": [_person(line) for line in lines(m.attendees.data)],
        "absent": [{**_person(line), "written_opinion": True} for line in lines(m.absent_written.data)]
                  + [{**_person(line), "written_opinion": False} for line in lines(m.absent.data)],
    }


def _person_line(person: dict) -> str:
    return ", ".join(part for part in (person.get("name"), person.get("position")) if part)


def _initial_meeting(document, user, today) -> dict:
    """The meeting recorded (a review after a return), else blank."""
    recorded = document.meeting or {}
    if not recorded:
        return {}
    absent = recorded.get("absent") or []
    return {
        "held_at": recorded["held_at"], "ended_at": recorded["ended_at"], "place": recorded["place"],
        "chair": recorded["chair"], "secretary": recorded["secretary"],
        "attendees": "\n".join(_person_line(p) for p in recorded.get("attendees") or []),
        "absent_written": "\n".join(_person_line(p) for p in absent if p.get("written_opinion")),
        "absent": "\n".join(_person_line(p) for p in absent if not p.get("written_opinion")),
    }


FIELDS: dict[str, StepField] = {
    "nominees": StepField("decisions", _decisions, _initial_decisions),
    "meeting": StepField("meeting", _meeting, _initial_meeting),
    "signer_form": StepField("signer_form", lambda form: _posted(form.signer_form),
                             lambda document, user, today: default_signer_form(document, user)),
    "issued_on": StepField("issued_on", lambda form: (form.issued_on.data or "").strip() or None,
                           lambda document, user, today: today.isoformat()),
    "signing_pin": StepField("signing_pin", lambda form: form.signing_pin.data or None,
                             lambda document, user, today: ""),
}


def initial_data(document, user, fields: tuple[str, ...], today) -> dict:
    """The form's starting values for a step taking `fields`."""
    return {"version": document.version,
            **{FIELDS[name].form_field: FIELDS[name].initial(document, user, today) for name in fields}}
