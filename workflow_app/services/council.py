"""The emulation council's meeting for a round (Hội đồng Thi đua - Khen thưởng, issue 15 point 4):
its Biên bản facts, and its vote on each nominee of the round's reviewed proposals.

Who: the reviewers of the body that issued the round's plan (its standing office presents the
list; shared/notes/rounds.md §2.3). What is voted on: the nominees the review accepted on the
round's proposals that are reviewed (not yet approved); a nominee the council turned down before
is on the list again, so that a new vote can take it back.

Each nominee's vote is judged against its award's threshold in the deciding body's list
(domain/council.py: 80 % of all members for Chiến sĩ thi đua cơ sở, NĐ 98/2023 Đ30(7)); one that
falls short is not accepted (review_status "rejected", review_note "Không đạt tỷ lệ phiếu bầu
(7/9 = 77,8%, cần ≥ 80% tổng số thành viên)"), the fields the review sets, so a decision built
from the round leaves it out. Recording again first undoes what the earlier record did to each
nominee (if nobody changed it since), then judges afresh. Meeting, votes and results are written
in one transaction, or nothing is.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import council as rules
from ..domain import validation
from ..domain.council import QuotaWarning, Threshold
from ..domain.errors import Forbidden, NotFound
from ..domain.kinds import KINDS
from ..domain.meeting import Meeting, meeting_fields
from ..domain.validation import Collector
from ..extensions import db
from ..models import Document, Nominee, Round, User
from .rounds import _proposer_name

REVIEWED = "reviewed"       # the proposals the council votes on: reviewed, not yet approved
PAYLOAD_KEYS = {"meeting", "members", "votes"}


@dataclass(frozen=True)
class Row:
    """One nominee as the council sees it."""
    nominee: Nominee
    document: Document
    unit: str                       # who proposed it
    award_label: str
    threshold: Threshold | None
    result: dict | None             # what the recorded council decided for it, if anything


@dataclass(frozen=True)
class Council:
    round: Round
    plan: Document
    rows: list[Row]
    recorded: dict | None           # round.council
    recorded_by: str                # the full name of who recorded it
    warnings: list[QuotaWarning]
    may_record: bool

    @property
    def meeting(self) -> Meeting | None:
        return Meeting.from_json((self.recorded or {}).get("meeting"))


def _find(round_id, user) -> tuple[Round, Document]:
    """The round and its issued plan, for users of the plan's issuing body; anyone else: NotFound."""
    missing = NotFound("Không tìm thấy đợt khen thưởng.")
    if not validation.is_row_id(round_id):
        raise missing
    row = db.session.execute(select(Round, Document).join(Document, Document.id == Round.plan_id)
                             .where(Round.id == round_id, Document.state == "issued")).first()
    if row is None or user.organization_id != row[1].issuer_id:
        raise missing
    return row[0], row[1]


def may_record(user, plan: Document) -> bool:
    return user.organization_id == plan.issuer_id and "reviewer" in user.roles


def _failed_by_council(nominee: Nominee, result: dict) -> bool:
    """Is the nominee as the council's earlier record left it (turned down, nobody changed it since)?"""
    return (not result.get("passed") and nominee.review_status == "rejected"
            and nominee.review_note == result.get("note"))


def _rows(round_: Round, plan: Document) -> list[Row]:
    """The nominees accepted by the review on the round's reviewed proposals, and those the
    recorded council turned down, by proposal then order."""
    recorded = {r["nominee_id"]: r for r in (round_.council or {}).get("results") or []}
    documents = db.session.scalars(
        select(Document).where(Document.round_id == round_.id, Document.state == REVIEWED,
                               Document.kind.in_([k.name for k in KINDS.values() if k.answers_rounds]))
        .options(selectinload(Document.nominees)).order_by(Document.id)).all()
    listed = {a.get("code"): a for a in plan.issuer.awards or [] if isinstance(a, dict)}
    rows = []
    for document in documents:
        unit = _proposer_name(document, plan)
        for n in sorted(document.nominees, key=lambda n: n.order):
            result = recorded.get(n.id)
            if n.review_status != "accepted" and not (result and _failed_by_council(n, result)):
                continue
            entry = listed.get(n.award) or {}
            rows.append(Row(n, document, unit, entry.get("label", n.award),
                            rules.threshold_from(entry.get("vote_threshold")), result))
    return rows


def _quotas(round_: Round, plan: Document) -> dict[str, dict[str, int]]:
    found = ((plan.body or {}).get("rounds") or [])
    return (found[round_.position].get("quotas") or {}) if round_.position < len(found) else {}


def _unit_names(document: Document, plan: Document) -> tuple:
    """What a quota may call the proposing unit: its code, name or id."""
    if document.proposer_id == plan.issuer_id and document.unit is not None:
        return document.unit.code, document.unit.name, document.unit.id
    return document.proposer.code, document.proposer.name, document.proposer.id


def quota_warnings(round_: Round, plan: Document, rows: list[Row]) -> list[QuotaWarning]:
    """Units whose accepted nominees of an award are more than the round's quota of it ("vượt
    chỉ tiêu"): a warning, the council decides."""
    quotas = _quotas(round_, plan)
    if not quotas:
        return []
    counts: dict[tuple[str, str], int] = {}
    names: dict[str, tuple] = {}
    labels = {}
    for row in rows:
        if row.nominee.review_status != "accepted":
            continue
        counts[(row.unit, row.nominee.award)] = counts.get((row.unit, row.nominee.award), 0) + 1
        names[row.unit] = _unit_names(row.document, plan)
        labels[row.nominee.award] = row.award_label
    warnings = []
    for (unit, award), count in counts.items():
        for key, limits in quotas.items():
            limit = limits.get(award)
            if limit is not None and rules.quota_matches(key, names[unit]) and count > limit:
                warnings.append(QuotaWarning(unit, labels[award], count, limit))
    return warnings


def view(round_id, user) -> Council:
    round_, plan = _find(round_id, user)
    return _council(round_, plan, user)


def _council(round_: Round, plan: Document, user) -> Council:
    rows = _rows(round_, plan)
    recorded = round_.council
    by = db.session.get(User, recorded["recorded_by"]) if recorded and recorded.get("recorded_by") else None
    return Council(round_, plan, rows, recorded, by.full_name if by is not None else "",
                   quota_warnings(round_, plan, rows), may_record(user, plan))


def record(round_id, payload, user, at: datetime | None = None) -> Council:
    """Record the council's meeting and vote for a round (the service's docstring). `payload`:
    {"meeting": {...as the review step's}, "members": 9, "votes": [{"nominee_id", "votes_for"}]}.
    Every problem is named at once (400 wrong types, 422 otherwise); nothing changes then."""
    at = at or datetime.now(timezone.utc)
    round_, plan = _find(round_id, user)
    if not may_record(user, plan):
        raise Forbidden("Chỉ người thẩm định của cơ quan ban hành kế hoạch mới được ghi kết quả họp Hội đồng.")
    payload = validation.require_mapping(payload)
    c = Collector()
    meeting = meeting_fields(c, payload.get("meeting"), now=at)
    if meeting is None and not any(k == "meeting" or k.startswith("meeting.") for k in (*c.problems, *c.type_errors)):
        c.problems["meeting"] = "Cần nhập cuộc họp của Hội đồng: thời gian, địa điểm, chủ trì, thư ký."
    members = rules.members_from(c, payload.get("members"))
    votes = rules.votes_from(c, payload.get("votes"))
    for key in sorted(set(payload) - PAYLOAD_KEYS):
        c.problems[key] = "Không được hỗ trợ."
    if meeting is not None and members is not None:
        c.problems.update(rules.meeting_problems(meeting, members))
    rows = _rows(round_, plan)
    present = rules.present_count(meeting) if meeting is not None else 0
    given = _check_votes(c, rows, votes, members, present)
    c.raise_if_any()

    results = []
    try:
        for row in rows:          # undo what the earlier record did, then judge afresh
            if row.result is not None and _failed_by_council(row.nominee, row.result):
                before = row.result.get("before") or {}
                row.nominee.review_status = before.get("status", "accepted")
                row.nominee.review_note = before.get("note", "")
        for row in rows:
            n = row.nominee
            before = (row.result or {}).get("before") or {
                "status": n.review_status, "note": n.review_note, "votes_for": n.votes_for,
                "votes_total": n.votes_total}
            judged = rules.judge(given.get(n.id), row.threshold, members, present)
            if judged.vote is not None:
                n.votes_for, n.votes_total = judged.vote.votes_for, judged.vote.votes_total
            else:
                n.votes_for, n.votes_total = before.get("votes_for"), before.get("votes_total")
            if not judged.passed:
                n.review_status, n.review_note = "rejected", judged.reason
            results.append({
                "nominee_id": n.id, "document_id": row.document.id, "award": n.award,
                "votes_for": judged.vote.votes_for if judged.vote else None,
                "votes_total": judged.vote.votes_total if judged.vote else None,
                "percent": float(judged.vote.percent) if judged.vote else None,
                "threshold": row.threshold.to_json() if row.threshold else None,
                "passed": judged.passed, "note": judged.reason, "before": before})
        round_.council = {"meeting": meeting.to_json(), "members": members, "present": present,
                          "results": results, "recorded_by": user.id,
                          "recorded_at": at.astimezone(timezone.utc).isoformat(timespec="seconds")}
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return _council(round_, plan, user)


def _check_votes(c: Collector, rows: list[Row], votes, members: int | None, present: int) -> dict[int, int]:
    """{nominee id: votes for} of the request, with what is wrong put into `c`: a nominee not on
    the list, given twice, more votes than members (or than those present, for a threshold of
    those present), and a nominee whose award needs a vote without one."""
    by_id = {row.nominee.id: row for row in rows}
    given: dict[int, int] = {}
    seen: dict[int, int] = {}
    for i, nominee_id, votes_for in votes:
        field = f"votes[{i}]"
        row = by_id.get(nominee_id)
        if row is None:
            c.problems[f"{field}.nominee_id"] = (f"Người được đề nghị mã {nominee_id} không có trong danh sách "
                                                 "Hội đồng xét của đợt (tờ trình đã thẩm định).")
            continue
        if nominee_id in seen:
            c.problems[f"{field}.nominee_id"] = (f"{row.nominee.full_name}: đã có số phiếu ở dòng "
                                                 f"{seen[nominee_id] + 1}.")
            continue
        seen[nominee_id] = i
        if votes_for is None:
            continue
        if members is not None and votes_for > members:
            c.problems[f"{field}.votes_for"] = (f"{row.nominee.full_name}: số phiếu đồng ý ({votes_for}) nhiều hơn "
                                                f"tổng số thành viên Hội đồng ({members}).")
            continue
        if row.threshold is not None and row.threshold.of == "present" and present and votes_for > present:
            c.problems[f"{field}.votes_for"] = (f"{row.nominee.full_name}: số phiếu đồng ý ({votes_for}) nhiều hơn "
                                                f"số thành viên có mặt ({present}).")
            continue
        given[nominee_id] = votes_for
    missing = [row for row in rows if row.threshold is not None and row.nominee.id not in given
               and (row.nominee.id not in seen or f"votes[{seen[row.nominee.id]}].votes_for" not in c.problems)]
    if missing:
        c.problems["votes"] = "Chưa nhập số phiếu đồng ý cho: " + "; ".join(
            f"{row.nominee.full_name} ({row.award_label})" for row in missing) + "."
    return given

