"""The emulation council (Hội đồng Thi đua - Khen thưởng) that votes on a round's nominees, and
the award-list data it needs: each award's vote threshold, the levels of body that may give it,
and a round's quotas per proposing unit.

Award-list entries (Organization.awards) may carry, besides {code, label, certificate, requires}:
- "vote_threshold": {"percent": 80, "of": "members"}: the share of votes for a nominee of that
  award needs, of every member of the council ("members", as NĐ 98/2023 Đ30(7) counts for
  Chiến sĩ thi đua cơ sở: absent members' written opinions included) or of the members present
  ("present"). No threshold: the council's vote, if any, is recorded but decides nothing.
- "given_by": ["tinh", "huyen"]: the levels (LEVELS) of the bodies whose head may give the award
  (Luật Thi đua, khen thưởng 2022, Điều 80); a body of another level refuses a proposal of it.
  No list: any body may.

A plan's round may carry "quotas": {"<proposing body or unit: code, name or id>": {"<award>": n}}:
at most n nominees of that unit for that award; the council page warns ("vượt chỉ tiêu") when
more would be awarded, it does not refuse.

This module knows no database and no web: it reads and checks values and does the sums.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .meeting import Meeting, Vote
from .rounds import GROUP_SEPARATOR, one_line
from .text import clean, fold
from .validation import MAX_VOTES, Collector

# The levels of bodies (shared/notes/rounds.md §0: no district level after 01/07/2025; kept for the
# data written before it). Organization.level holds one of these codes, or nothing.
LEVELS = {"tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã", "co_quan": "cơ quan, đơn vị"}
# What a threshold's percent is taken of.
BASES = {"members": "tổng số thành viên", "present": "số thành viên có mặt"}
MAX_MEMBERS = 500            # no council is larger; a bigger number is a typo
MAX_QUOTA = 100_000
QUOTA_KEY_MAX = 300


class RuleError(ValueError):
    """A value of an award entry that cannot be used; `message` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def percent_text(value: Decimal) -> str:
    """80 -> '80%', 66.7 -> '66,7%'."""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}%"


@dataclass(frozen=True)
class Threshold:
    percent: Decimal        # 0 < percent <= 100, at most one decimal
    of: str                 # a key of BASES

    def text(self) -> str:
        """'≥ 80% tổng số thành viên'."""
        return f"≥ {percent_text(self.percent)} {BASES[self.of]}"

    def to_json(self) -> dict:
        number = self.percent.normalize()
        return {"percent": int(number) if number == number.to_integral_value() else float(number), "of": self.of}


def threshold_from(value) -> Threshold | None:
    """An award entry's "vote_threshold" ({"percent", "of"}; None or {} for none) -> Threshold.
    Raises RuleError naming what is wrong."""
    if value in (None, {}, ""):
        return None
    if not isinstance(value, dict):
        raise RuleError("Ngưỡng phiếu phải có dạng {\"percent\": 80, \"of\": \"members\"}.")
    unknown = sorted(set(value) - {"percent", "of"})
    if unknown:
        raise RuleError("Ngưỡng phiếu chỉ gồm percent và of (không hỗ trợ " + ", ".join(unknown) + ").")
    raw = value.get("percent")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)) or raw in ("", None):
        raise RuleError("Cần nhập tỷ lệ phiếu (phần trăm), ví dụ 80.")
    try:
        percent = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise RuleError("Tỷ lệ phiếu phải là một số phần trăm, ví dụ 80.") from None
    if not percent.is_finite() or not 0 < percent <= 100:
        raise RuleError("Tỷ lệ phiếu phải lớn hơn 0 và không quá 100 (%).")
    if percent != percent.quantize(Decimal("0.1")):
        raise RuleError("Tỷ lệ phiếu lấy nhiều nhất một chữ số thập phân, ví dụ 66,7.")
    of = value.get("of") or "members"
    if of not in BASES:
        raise RuleError("Tỷ lệ tính trên “members” (tổng số thành viên Hội đồng) hoặc “present” "
                        "(số thành viên có mặt).")
    return Threshold(percent.quantize(Decimal("0.1")), of)


def given_by_from(value) -> list[str]:
    """An award entry's "given_by" (a list of level codes, or the same comma-separated) -> the
    codes, each once; [] for none. Raises RuleError naming an unknown code."""
    if value in (None, "", []):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.replace(";", ",").split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError("Cấp được tặng phải là danh sách mã cấp, ví dụ [\"tinh\", \"huyen\"].")
    codes = list(dict.fromkeys(clean(v) for v in value if clean(v)))
    unknown = [v for v in codes if v not in LEVELS]
    if unknown:
        raise RuleError("Mã cấp " + ", ".join(f"“{v}”" for v in unknown) + " không hợp lệ; dùng "
                        + ", ".join(f"{k} ({label})" for k, label in LEVELS.items()) + ".")
    return codes


def award_rules(entry: dict) -> tuple[dict, dict[str, str]]:
    """The council rules of one award-list entry, checked: ({"vote_threshold": ..., "given_by": ...}
    with only the keys set, {key: problem})."""
    rules, problems = {}, {}
    try:
        threshold = threshold_from(entry.get("vote_threshold"))
    except RuleError as exc:
        problems["vote_threshold"] = exc.message
    else:
        if threshold is not None:
            rules["vote_threshold"] = threshold.to_json()
    try:
        given_by = given_by_from(entry.get("given_by"))
    except RuleError as exc:
        problems["given_by"] = exc.message
    else:
        if given_by:
            rules["given_by"] = given_by
    return rules, problems


def level_label(level: str | None) -> str:
    return LEVELS.get(level or "", "chưa khai báo cấp")


def may_not_give(entry: dict, level: str | None) -> str | None:
    """Why a body of `level` may not give the award `entry` (a reason in Vietnamese), or None."""
    given_by = entry.get("given_by") or []
    if not given_by or level in given_by:
        return None
    allowed = ", ".join(LEVELS.get(code, code) for code in given_by)
    label = entry.get("label", entry.get("code"))
    return f"“{label}” chỉ do {allowed} tặng; cơ quan xét ({level_label(level)}) không có thẩm quyền."


def given_by_problems(awards: list[dict], level: str | None, nominees: list[dict]) -> dict[str, str]:
    """{"nominees[i].award": "Dòng i+1 (name): reason"} for each nominee whose award the deciding
    body (of `level`, with the award list `awards`) may not give."""
    listed = {a.get("code"): a for a in awards or () if isinstance(a, dict)}
    problems = {}
    for i, n in enumerate(nominees):
        why = may_not_give(listed.get(n.get("award")) or {}, level)
        if why:
            problems[f"nominees[{i}].award"] = f"Dòng {i + 1} ({n.get('full_name', '')}): {why}"
    return problems


# --- quotas (a plan's round) -----------------------------------------------------------------

def clean_quotas(c: Collector, value, field: str) -> dict[str, dict[str, int]]:
    """A round's "quotas" ({unit: {award code: n}}) checked into `c`; {} when none."""
    if value in (None, {}):
        return {}
    value = c.mapping(value, field)
    quotas: dict[str, dict[str, int]] = {}
    first: dict[str, str] = {}       # folded unit -> the key that named it first (quota_matches folds)
    if len(value) > 500:
        c.problems[field] = "Nhiều nhất 500 đơn vị."
        return {}
    for key, per_award in value.items():
        unit = one_line(clean(key)) if isinstance(key, str) else ""
        f = f"{field}[{key}]"
        if not unit or len(unit) > QUOTA_KEY_MAX:
            c.problems[f] = f"Tên, mã hoặc số hiệu của đơn vị đề nghị (1–{QUOTA_KEY_MAX} ký tự)."
            continue
        if GROUP_SEPARATOR in unit:      # the plan editor writes a quota as "unit | award | n"
            c.problems[f] = f"Tên đơn vị đề nghị không được chứa dấu “{GROUP_SEPARATOR}”."
            continue
        if fold(unit) in first:          # one of the two limits would go unseen
            c.problems[f] = f"Trùng đơn vị đề nghị với “{first[fold(unit)]}”; gộp chỉ tiêu vào một mục."
            continue
        first[fold(unit)] = unit
        per_award = c.mapping(per_award, f)
        limits = {}
        for award, n in per_award.items():
            af = f"{f}.{award}"
            if c.award_codes is not None and award not in c.award_codes:
                c.problems[af] = f"Hình thức khen thưởng “{award}” không có trong danh mục của cơ quan."
            elif isinstance(n, bool) or not isinstance(n, int):
                c.type_errors[af] = "Phải là số nguyên."
            elif not 0 <= n <= MAX_QUOTA:
                c.problems[af] = f"Chỉ tiêu của {unit} phải từ 0 đến {MAX_QUOTA:,}.".replace(",", ".")
            else:
                limits[award] = n
        if limits:
            quotas[unit] = limits
    return quotas


def quota_matches(key: str, names: tuple[str, ...]) -> bool:
    """Does a quota's key name the unit known by `names` (its code, name, id)? Case, diacritics and
    spaces aside."""
    wanted = fold(key)
    return any(wanted == fold(str(n)) for n in names if n not in (None, ""))


@dataclass(frozen=True)
class QuotaWarning:
    unit: str           # the proposing unit's name
    award: str          # its label
    count: int
    limit: int

    def text(self) -> str:
        return f"{self.unit}: {self.count} “{self.award}”, vượt chỉ tiêu {self.limit}."


# --- the council's vote ---------------------------------------------------------------------

def present_count(meeting: Meeting) -> int:
    """Members present: the chair, the secretary (when another person) and the attendees."""
    people = {fold(meeting.chair.name), fold(meeting.secretary.name), *(fold(p.name) for p in meeting.attendees)}
    return len(people)


def meeting_problems(meeting: Meeting, members: int, field: str = "meeting") -> dict[str, str]:
    """What makes `meeting` impossible for a council of `members`: more present than members, more
    present and absent than members, the chair, the secretary or an attendee listed absent."""
    problems = {}
    present = present_count(meeting)
    if present > members:
        problems["members"] = (f"Số thành viên có mặt ({present}: chủ trì, thư ký và người tham dự) "
                               f"nhiều hơn tổng số thành viên Hội đồng ({members}).")
    elif present + len(meeting.absent) > members:
        problems["members"] = (f"Có mặt {present} và vắng mặt {len(meeting.absent)}: nhiều hơn tổng số "
                               f"thành viên Hội đồng ({members}).")
    absent = {fold(p.name) for p in meeting.absent}
    for role, person in (("chair", meeting.chair), ("secretary", meeting.secretary)):
        if fold(person.name) in absent:
            problems[f"{field}.{role}.name"] = f"{person.name} có tên trong danh sách vắng mặt."
    for i, person in enumerate(meeting.attendees):
        if fold(person.name) in absent:
            problems[f"{field}.attendees[{i}].name"] = f"{person.name} có tên trong danh sách vắng mặt."
    return problems


@dataclass(frozen=True)
class Judgement:
    vote: Vote | None           # None: no vote given
    threshold: Threshold | None
    passed: bool

    @property
    def reason(self) -> str:
        """Why it did not pass: 'Không đạt tỷ lệ phiếu bầu (7/9 = 77,8%, cần ≥ 80% tổng số thành viên)'."""
        if self.passed or self.vote is None or self.threshold is None:
            return ""
        v = self.vote
        return (f"Không đạt tỷ lệ phiếu bầu ({v.votes_for}/{v.votes_total} = {v.percent_text()}, "
                f"cần {self.threshold.text()})")


def judge(votes_for: int | None, threshold: Threshold | None, members: int, present: int) -> Judgement:
    """A nominee's vote against its award's threshold: counted of all members or of those present."""
    total = present if threshold is not None and threshold.of == "present" else members
    vote = Vote(votes_for, total) if votes_for is not None and total > 0 else None
    if threshold is None:
        return Judgement(vote, None, True)
    return Judgement(vote, threshold, vote is not None and vote.reaches(threshold.percent))


def members_from(c: Collector, value, field: str = "members") -> int | None:
    """The council's number of members: a whole number from 1 to MAX_MEMBERS, required."""
    if value is None:
        c.problems[field] = "Cần nhập tổng số thành viên Hội đồng."
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        c.type_errors[field] = "Phải là số nguyên."
        return None
    if not 1 <= value <= MAX_MEMBERS:
        c.problems[field] = f"Tổng số thành viên Hội đồng phải từ 1 đến {MAX_MEMBERS}."
        return None
    return value


def votes_from(c: Collector, value, field: str = "votes") -> list[tuple[int, int | None, int]]:
    """[(position, nominee_id, votes_for)] of the request's votes ([{"nominee_id", "votes_for"}]);
    a votes_for of null: no vote on that nominee."""
    found = []
    for i, v in enumerate(c.items(value, field, "nominees")):
        f = f"{field}[{i}]"
        v = c.mapping(v, f)
        nominee_id = v.get("nominee_id")
        if isinstance(nominee_id, bool) or not isinstance(nominee_id, int):
            c.type_errors[f"{f}.nominee_id"] = "Phải là số nguyên."
            continue
        votes_for = v.get("votes_for")
        if votes_for is not None:
            if isinstance(votes_for, bool) or not isinstance(votes_for, int):
                c.type_errors[f"{f}.votes_for"] = "Phải là số nguyên."
                continue
            if not 0 <= votes_for <= MAX_VOTES:
                c.problems[f"{f}.votes_for"] = "Số phiếu không được âm."
                continue
        unknown = sorted(set(v) - {"nominee_id", "votes_for"})
        for key in unknown:
            c.problems[f"{f}.{key}"] = "Không được hỗ trợ."
        found.append((i, nominee_id, votes_for))
    return found
