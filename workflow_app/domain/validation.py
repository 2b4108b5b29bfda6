"""Checks and cleans what people type into a document, before anything is stored.

Wrong JSON types are a BadRequest (400); well-formed but unacceptable values a
ValidationFailed (422) that names each field. Every string comes back cleaned (NFC,
no control characters) so documents never meet raw input.
"""
from __future__ import annotations

from datetime import date

from .errors import BadRequest, ValidationFailed
from .text import clean

LIMITS = {
    "title": 1000, "heading": 500, "paragraph": 50_000, "legal_basis": 1000, "recipient": 500,
    "milestone": 300, "period": 300, "reason": 20_000, "full_name": 200, "position": 200,
    "organization": 300, "achievement": 5000, "note": 2000, "comment": 5000, "place": 500,
    "round_key": 64, "round_name": 300, "group_name": 200, "criterion": 2000,
}
MAX_ITEMS = {"sections": 100, "paragraphs": 300, "legal_bases": 50, "recipients": 100,
             "milestones": 50, "nominees": 5000, "awards": 100, "rounds": 20, "groups": 20,
             "criteria": 50, "attendees": 200}
MAX_ROW_ID = 2**31 - 1   # ids are 32-bit integers on every database
NOMINEE_KINDS = ("individual", "collective", "household")   # cá nhân, tập thể, hộ gia đình
GENDERS = ("", "male", "female")
REVIEW_STATUSES = ("pending", "accepted", "rejected")   # a nominee's; "pending" until the review
REVIEW_DECISIONS = ("accepted", "rejected")             # what a reviewer may decide
AWARD_NOT_CHOSEN = "Chưa chọn hình thức khen thưởng."
MAX_VOTES = 100_000      # more members than any council has: a typo, not a tally
CITIZEN_ID_DIGITS = 12   # Số định danh cá nhân on the Căn cước công dân (Luật Căn cước 2023, Điều 12)
CITIZEN_ID_INVALID = "Phải gồm đúng 12 chữ số."                                     # số CCCD
CITIZEN_ID_NOT_INDIVIDUAL = "Chỉ ghi cho cá nhân; tập thể, hộ gia đình để trống."     # số CCCD


def too_many(limit: str) -> str:
    """The refusal of a list longer than MAX_ITEMS[limit] (API and web forms alike)."""
    return f"Nhiều nhất {MAX_ITEMS[limit]} mục."


def is_row_id(value) -> bool:
    """Can `value` name a row? Anything else is simply "no such row": PostgreSQL raises on
    ids beyond 32 bits and SQLite on ids beyond 64, so they must not reach a query."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ROW_ID


class Collector:
    """Gathers every problem so the user sees them all at once."""

    def __init__(self, award_codes: set[str] | None = None):
        self.type_errors: dict[str, str] = {}
        self.problems: dict[str, str] = {}
        # the award list of the body that decides (a plan's rounds name awards from it); None: unknown
        self.award_codes = award_codes

    def text(self, value, field: str, limit: str, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.type_errors[field] = "Phải là chuỗi ký tự."
            return ""
        cleaned = clean(value)
        if len(value) > LIMITS[limit]:     # as sent: the OpenAPI maxLength counts what the client sends
            self.problems[field] = f"Dài quá {LIMITS[limit]:,} ký tự.".replace(",", ".")
        elif required and not cleaned:
            self.problems[field] = "Không được để trống."
        return cleaned

    def items(self, value, field: str, limit: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.type_errors[field] = "Phải là danh sách."
            return []
        if len(value) > MAX_ITEMS[limit]:
            self.problems[field] = too_many(limit)
            return []
        return value

    def mapping(self, value, field: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.type_errors[field] = "Phải là một đối tượng."
            return {}
        return value

    def raise_if_any(self):
        if self.type_errors:
            raise BadRequest("Dữ liệu gửi lên sai kiểu.", self.type_errors)
        if self.problems:
            raise ValidationFailed("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
                                   self.problems)


def iso_date(c: Collector, value, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        c.type_errors[field] = "Phải là ngày dạng YYYY-MM-DD."
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        c.problems[field] = "Ngày không hợp lệ (YYYY-MM-DD)."
        return None


def citizen_id(value, kind: str) -> tuple[str, str | None]:
    """(the Số CCCD as stored, the reason it is refused or None). Optional: "" when not given.
    Spaces, dots and dashes typed between the digits are dropped ("079 123 456 789"). Only an
    individual has one: a collective or a household with a number is refused, not silently
    emptied, so nobody believes a number was kept."""
    if value in (None, ""):
        return "", None
    if not isinstance(value, str):
        return "", "type"
    digits = "".join(ch for ch in clean(value) if ch not in " .-")
    if not digits:
        return "", None
    if kind != "individual":
        return "", CITIZEN_ID_NOT_INDIVIDUAL
    if len(digits) != CITIZEN_ID_DIGITS or not (digits.isascii() and digits.isdigit()):
        return "", CITIZEN_ID_INVALID
    return digits, None


def lines(c: Collector, value, field: str, count_limit: str, length_limit: str) -> list[str]:
    items = c.items(value, field, count_limit)
    return [t for i, v in enumerate(items) if (t := c.text(v, f"{field}[{i}]", length_limit))]


def _nominees(c: Collector, value, award_codes: set[str]) -> list[dict]:
    nominees = []
    for i, n in enumerate(c.items(value, "nominees", "nominees")):
        f = f"nominees[{i}]"
        n = c.mapping(n, f)
        kind = n.get("kind", "individual")
        if kind not in NOMINEE_KINDS:
            c.problems[f"{f}.kind"] = ("Chọn cá nhân (individual), tập thể (collective) "
                                      "hoặc hộ gia đình (household).")
        award = n.get("award")
        if award in (None, ""):   # not chosen: not an award missing from the list
            c.problems[f"{f}.award"] = AWARD_NOT_CHOSEN
        elif not isinstance(award, str) or award not in award_codes:
            c.problems[f"{f}.award"] = "Hình thức khen thưởng không có trong danh mục của cơ quan."
        gender = n.get("gender", "")
        if gender not in GENDERS:
            c.problems[f"{f}.gender"] = "Giới tính không hợp lệ."
        number, problem = citizen_id(n.get("citizen_id"), kind)
        if problem == "type":
            c.type_errors[f"{f}.citizen_id"] = "Phải là chuỗi ký tự."
        elif problem:
            c.problems[f"{f}.citizen_id"] = problem
        nominees.append({
            "kind": kind, "award": award, "gender": gender or "", "citizen_id": number,
            "full_name": c.text(n.get("full_name"), f"{f}.full_name", "full_name", required=True),
            "position": c.text(n.get("position"), f"{f}.position", "position"),
            "organization": c.text(n.get("organization"), f"{f}.organization", "organization"),
            "achievement": c.text(n.get("achievement"), f"{f}.achievement", "achievement", required=True),
        })
    return nominees


def require_mapping(payload) -> dict:
    """`payload` if it is a JSON object; else the 400 that says so."""
    c = Collector()
    payload = c.mapping(payload, "body")
    c.raise_if_any()
    return payload


def document_input(kind, payload, award_codes: set[str]) -> dict:
    """Clean {title, body, nominees} for `kind` (a domain.kinds.DocumentKind); raise with every problem."""
    payload = require_mapping(payload)
    c = Collector(award_codes)
    body = c.mapping(payload.get("body"), "body")
    result = {"title": c.text(payload.get("title"), "title", "title", required=True),
              "body": kind.clean_body(c, body)}
    if kind.has_nominees:
        result["nominees"] = _nominees(c, payload.get("nominees"), award_codes)
    c.raise_if_any()
    return result


def comment_input(value) -> str:
    c = Collector()
    text = c.text(value, "comment", "comment")
    c.raise_if_any()
    return text


def review_decisions(value) -> list[dict]:
    """`[{"id": 5, "status": "rejected", "note": "...", "votes_for": 7, "votes_total": 9}]` from a
    commendation review (the votes optional: both or neither, none when no vote was taken)."""
    c = Collector()
    decisions = []
    for i, d in enumerate(c.items(value, "nominees", "nominees")):
        d = c.mapping(d, f"nominees[{i}]")
        if isinstance(d.get("id"), bool) or not isinstance(d.get("id"), int):
            c.type_errors[f"nominees[{i}].id"] = "Phải là số nguyên."
        if d.get("status") not in REVIEW_DECISIONS:
            c.problems[f"nominees[{i}].status"] = "Chọn “accepted” hoặc “rejected”."
        note = c.text(d.get("note"), f"nominees[{i}].note", "note")
        if d.get("status") == "rejected" and not note:
            c.problems[f"nominees[{i}].note"] = "Cần ghi lý do không đề nghị khen thưởng."
        votes_for, votes_total = vote_counts(c, d, f"nominees[{i}]") or (None, None)
        decisions.append({"id": d.get("id"), "status": d.get("status"), "note": note,
                          "votes_for": votes_for, "votes_total": votes_total})
    c.raise_if_any()
    return decisions


def _count(c: Collector, value, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        c.type_errors[field] = "Phải là số nguyên."
        return None
    if not 0 <= value <= MAX_VOTES:
        c.problems[field] = f"Phải từ 0 đến {MAX_VOTES:,}.".replace(",", ".")
        return None
    return value


def vote_counts(c: Collector, value: dict, field: str) -> tuple[int, int] | None:
    """`votes_for` and `votes_total` of `value` (both or neither; for ≤ total, total ≥ 1);
    problems named `<field>.votes_for` / `<field>.votes_total`. A tally: domain/meeting.py Vote."""
    votes_for = _count(c, value.get("votes_for"), f"{field}.votes_for")
    total = _count(c, value.get("votes_total"), f"{field}.votes_total")
    if value.get("votes_for") is not None and value.get("votes_total") is None:
        c.problems[f"{field}.votes_total"] = "Cần nhập tổng số phiếu (số thành viên biểu quyết)."
    if value.get("votes_total") is not None and value.get("votes_for") is None:
        c.problems[f"{field}.votes_for"] = "Cần nhập số phiếu đồng ý."
    if total == 0:
        c.problems[f"{field}.votes_total"] = "Tổng số phiếu phải lớn hơn 0."
        return None
    if votes_for is None or total is None:
        return None
    if votes_for > total:
        c.problems[f"{field}.votes_for"] = (f"Số phiếu đồng ý ({votes_for}) không được lớn hơn "
                                            f"tổng số phiếu ({total}).")
        return None
    return votes_for, total
