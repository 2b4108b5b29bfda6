"""A meeting as its minutes (Biên bản, Mẫu 1.9 of Decree 30/2020) record it, and a vote's tally.

When and where it was held, who chaired (chủ trì), who took the minutes (thư ký), who attended,
who was absent (and whether they sent a written opinion, which NĐ 98/2023 Đ30(7) counts), when
it ended. The review of a commendation proposal records one (the reviewer's "meeting" step
field, workflow_app/domain/workflows/effects.py); a council meeting that decides a whole round
records the same facts, so this module knows no document and no kind.

Times are the office's wall clock (Vietnam time, no time zone written): the minutes say
"08 giờ 00 phút, ngày 20 tháng 12 năm 2023", never a UTC instant. Stored as JSON
(Meeting.to_json / Meeting.from_json); read from input by meeting_input, which names every
wrong field ("meeting.chair.name") the way the rest of domain/validation.py does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from . import vnformat
from .clock import VIETNAM_TIME
from .validation import Collector

PLACE_LIMIT = "place"
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class Person:
    name: str
    position: str = ""

    def text(self) -> str:
        """'Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân huyện' (the position when known)."""
        return f"{self.name}, {self.position}" if self.position else self.name

    def to_json(self) -> dict:
        return {"name": self.name, "position": self.position}


@dataclass(frozen=True)
class Absentee(Person):
    written_opinion: bool = False

    def text(self) -> str:
        return Person.text(self) + (" (có ý kiến bằng văn bản)" if self.written_opinion else "")

    def to_json(self) -> dict:
        return {**Person.to_json(self), "written_opinion": self.written_opinion}


@dataclass(frozen=True)
class Meeting:
    held_at: datetime                       # start, local wall time (naive)
    place: str
    chair: Person
    secretary: Person
    ended_at: time                          # the same day
    attendees: tuple[Person, ...] = ()      # present besides the chair and the secretary
    absent: tuple[Absentee, ...] = ()

    @property
    def held_on(self) -> date:
        return self.held_at.date()

    def start_phrase(self) -> str:
        """'08 giờ 00 phút, ngày 20 tháng 12 năm 2023'."""
        return f"{clock_phrase(self.held_at.time())}, {vnformat.date_phrase(self.held_on)}"

    def end_phrase(self) -> str:
        """'10 giờ 30 phút'."""
        return clock_phrase(self.ended_at)

    def to_json(self) -> dict:
        return {"held_at": self.held_at.strftime("%Y-%m-%dT%H:%M"), "place": self.place,
                "chair": self.chair.to_json(), "secretary": self.secretary.to_json(),
                "attendees": [p.to_json() for p in self.attendees],
                "absent": [p.to_json() for p in self.absent],
                "ended_at": self.ended_at.strftime("%H:%M")}

    @classmethod
    def from_json(cls, data: dict | None) -> Meeting | None:
        """The meeting stored by to_json (None: no meeting recorded)."""
        if not data:
            return None
        return cls(held_at=datetime.fromisoformat(data["held_at"]), place=data["place"],
                   chair=Person(**data["chair"]), secretary=Person(**data["secretary"]),
                   attendees=tuple(Person(**p) for p in data.get("attendees") or ()),
                   absent=tuple(Absentee(**p) for p in data.get("absent") or ()),
                   ended_at=time.fromisoformat(data["ended_at"]))


@dataclass(frozen=True)
class Vote:
    """A tally: votes for out of the total the threshold counts (NĐ 98/2023 Đ30(7) counts every
    member of the council, absent members' written opinions included)."""
    votes_for: int
    votes_total: int

    @property
    def percent(self) -> Decimal:
        return (Decimal(100) * self.votes_for / self.votes_total).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def percent_text(self) -> str:
        """'77,8%', '100%' (a Vietnamese decimal comma; no ',0')."""
        text = f"{self.percent:f}".removesuffix(".0").replace(".", ",")
        return f"{text}%"

    def text(self) -> str:
        """'7/9 (77,8%)'."""
        return f"{self.votes_for}/{self.votes_total} ({self.percent_text()})"

    def reaches(self, threshold_percent: int | float | Decimal) -> bool:
        """Whether the votes for reach `threshold_percent` of the total (exactly, not rounded)."""
        return Decimal(self.votes_for) * 100 >= Decimal(str(threshold_percent)) * self.votes_total


def clock_phrase(moment: time) -> str:
    """'08 giờ 00 phút'."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


# --- input -------------------------------------------------------------------------------------

def _one_line(text: str) -> str:
    """A name, a position, a place: one line, as the web form's inputs and "name, position" lines
    show it back (a line break would be another attendee there, or glue two words in an input)."""
    return " ".join(text.split())


def _person(c: Collector, value, field: str, who: str, listed: bool = False) -> Person:
    """{"name", "position"}: the name required. `listed`: one of the attendees or the absent, which
    the web form writes one per line as "name, position": no comma in the name then."""
    value = c.mapping(value, field)
    name = _one_line(c.text(value.get("name"), f"{field}.name", "full_name"))
    if not name and f"{field}.name" not in c.problems and f"{field}.name" not in c.type_errors:
        c.problems[f"{field}.name"] = f"Cần nhập họ và tên {who}."
    elif listed and "," in name:
        c.problems[f"{field}.name"] = (f"Họ và tên {who} không được chứa dấu phẩy (chức vụ ghi ở trường "
                                       "position).")
    return Person(name, _one_line(c.text(value.get("position"), f"{field}.position", "position")))


def _held_at(c: Collector, value, field: str, now: datetime | None) -> datetime | None:
    if value in (None, ""):
        c.problems[field] = "Cần nhập thời gian bắt đầu cuộc họp (YYYY-MM-DDTHH:MM)."
        return None
    if not isinstance(value, str):
        c.type_errors[field] = "Phải là chuỗi dạng YYYY-MM-DDTHH:MM."
        return None
    try:
        if not _DATETIME.match(value):
            raise ValueError
        held_at = datetime.fromisoformat(value)
    except ValueError:
        c.problems[field] = "Thời gian bắt đầu không hợp lệ (YYYY-MM-DDTHH:MM, giờ Việt Nam)."
        return None
    if held_at.year < EARLIEST_YEAR:
        c.problems[field] = f"Năm họp phải từ {EARLIEST_YEAR} trở đi."
        return None
    if now is not None and held_at > now.astimezone(VIETNAM_TIME).replace(tzinfo=None):
        c.problems[field] = "Thời gian bắt đầu cuộc họp không được ở tương lai."
        return None
    return held_at.replace(second=0, microsecond=0)


def _ended_at(c: Collector, value, field: str, held_at: datetime | None, now: datetime | None) -> time | None:
    if value in (None, ""):
        c.problems[field] = "Cần nhập giờ kết thúc cuộc họp (HH:MM)."
        return None
    if not isinstance(value, str):
        c.type_errors[field] = "Phải là chuỗi dạng HH:MM."
        return None
    if not _TIME.match(value):
        c.problems[field] = "Giờ kết thúc không hợp lệ (HH:MM)."
        return None
    ended_at = time.fromisoformat(value).replace(second=0)
    if held_at is not None:
        if ended_at <= held_at.time().replace(second=0):
            c.problems[field] = "Giờ kết thúc phải sau giờ bắt đầu (cùng ngày)."
            return None
        if now is not None and datetime.combine(held_at.date(), ended_at) > \
                now.astimezone(VIETNAM_TIME).replace(tzinfo=None):
            c.problems[field] = "Giờ kết thúc cuộc họp không được ở tương lai."
            return None
    return ended_at


def meeting_fields(c: Collector, value, *, now: datetime | None = None, field: str = "meeting") -> Meeting | None:
    """Read a meeting into `c` (problems named `meeting.…`); None when no meeting is given
    (`null` or `{}`). `now` (aware): the meeting cannot start or end after it."""
    if value is None:
        return None
    value = c.mapping(value, field)
    if not value:
        return None
    held_at = _held_at(c, value.get("held_at"), f"{field}.held_at", now)
    place = _one_line(c.text(value.get("place"), f"{field}.place", PLACE_LIMIT))
    if not place and f"{field}.place" not in c.problems and f"{field}.place" not in c.type_errors:
        c.problems[f"{field}.place"] = "Cần nhập địa điểm họp."
    chair = _person(c, value.get("chair"), f"{field}.chair", "người chủ trì")
    secretary = _person(c, value.get("secretary"), f"{field}.secretary", "thư ký")
    attendees = tuple(
        _person(c, p, f"{field}.attendees[{i}]", f"người tham dự thứ {i + 1}", listed=True)
        for i, p in enumerate(c.items(value.get("attendees"), f"{field}.attendees", "attendees")))
    absent = []
    for i, p in enumerate(c.items(value.get("absent"), f"{field}.absent", "attendees")):
        person = _person(c, p, f"{field}.absent[{i}]", f"người vắng mặt thứ {i + 1}", listed=True)
        written = (p.get("written_opinion", False) if isinstance(p, dict) else False)
        if not isinstance(written, bool):
            c.type_errors[f"{field}.absent[{i}].written_opinion"] = "Phải là true hoặc false."
            written = False
        absent.append(Absentee(person.name, person.position, written))
    ended_at = _ended_at(c, value.get("ended_at"), f"{field}.ended_at", held_at, now)
    unknown = sorted(set(value) - {"held_at", "place", "chair", "secretary", "attendees", "absent", "ended_at"})
    for key in unknown:
        c.problems[f"{field}.{key}"] = "Không được hỗ trợ."
    if held_at is None or ended_at is None:
        return None
    return Meeting(held_at=held_at, place=place, chair=chair, secretary=secretary, ended_at=ended_at,
                   attendees=attendees, absent=tuple(absent))


def meeting_input(value, *, now: datetime | None = None, field: str = "meeting") -> Meeting | None:
    """meeting_fields on its own: raise with every problem (400 for wrong types, else 422)."""
    c = Collector()
    meeting = meeting_fields(c, value, now=now, field=field)
    c.raise_if_any()
    return meeting

