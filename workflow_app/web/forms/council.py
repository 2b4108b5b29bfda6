"""The council's meeting form for a round (web/council.py): the review step's meeting fields
(forms/transitions.py MeetingForm, shown by step_fields/_meeting.html), the number of members and
one vote per nominee. The service checks the values."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, StringField

from ...domain.validation import MAX_ITEMS
from .common import CappedFieldList, version_of
from .transitions import MeetingForm, _count, _initial_meeting, _meeting


class VoteForm(Form):
    nominee_id = HiddenField()
    votes_for = StringField(_l("Số phiếu đồng ý"))


class CouncilForm(FlaskForm):
    members = StringField(_l("Tổng số thành viên Hội đồng"))
    meeting = FormField(MeetingForm)
    votes = CappedFieldList(FormField(VoteForm), "nominees")

    def payload(self) -> dict:
        """What services/council.record takes: a typed count is a number, a blank one null (the
        service says what is wrong with any other text)."""
        return {"meeting": _meeting(self), "members": _count(self.members.data),
                "votes": [{"nominee_id": version_of(v.nominee_id.data), "votes_for": _count(v.votes_for.data)}
                          for v in self.votes]}


class _Recorded:
    """The recorded council as _initial_meeting reads a document (its `meeting`)."""

    def __init__(self, recorded: dict | None):
        self.meeting = (recorded or {}).get("meeting")


def initial_data(council) -> dict:
    """The form's starting values: what was recorded, else blank; a row per nominee on the list."""
    recorded = council.recorded or {}
    return {"members": str(recorded.get("members") or ""),
            "meeting": _initial_meeting(_Recorded(recorded), None, None),
            "votes": [{"nominee_id": row.nominee.id,
                       "votes_for": "" if (row.result or {}).get("votes_for") is None else str(row.result["votes_for"])}
                      for row in voted_first(council.rows)][:MAX_ITEMS["nominees"]]}


def voted_first(rows) -> list:
    """The rows that get a vote input, those whose award needs a vote first: a round with more
    nominees than a form may post (MAX_ITEMS["nominees"]) leaves out only votes that decide nothing."""
    return sorted(rows, key=lambda row: row.threshold is None)
