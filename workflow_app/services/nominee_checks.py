"""Who is proposed twice: rows of one list that name the same person or collective, people
already awarded by an earlier decision of the same round or proposed in another proposal of it,
and awards that need another one the same year (Chiến sĩ thi đua cơ sở needs Lao động tiên tiến).

Who is the same nominee: two rows carrying the same Số CCCD (citizen_id) are the same person,
however the name is spelt. Two rows carrying different numbers are two people. Otherwise their
names and units (organization) must match once folded: without diacritics, case or extra spaces
("NGUYEN  van Mot" is "Nguyễn Văn Một"). A name alone is not enough: two teachers of different
schools may share it. Stored nominees are found by their indexed folded name (Nominee.name_key)
and number, never by folding every row in Python.

The round (đợt khen thưởng) of a proposal: the one it cites (documents.round_id), whose
decisions and proposals are those with the same round_id; for a proposal citing no round, the
plan it cites, or without one the deciding body and the year. `previous_awards` and
`other_proposals` only ask the Round's `matches` (and narrow their query by `round_id`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import aliased

from ..domain.clock import local_date
from ..domain.kinds import KINDS
from ..domain.text import fold
from ..domain.workflows import STATES
from ..extensions import db
from ..models import Document, Nominee, RegisterEntry

STOPPED = tuple(s.name for s in STATES if s.stopped)   # Đã hủy: no longer a proposal
_CHUNK = 500   # names or numbers per IN (...): well below every database's parameter limit


def _get(nominee, name: str) -> str:
    return (nominee.get(name) if isinstance(nominee, dict) else getattr(nominee, name, "")) or ""


def nominee_key(nominee) -> tuple[str, str]:
    """(folded name, folded unit) of a nominee: a model, or a dict as the forms and the import give."""
    return fold(_get(nominee, "full_name")), fold(_get(nominee, "organization"))


def citizen_id(nominee) -> str:
    """The nominee's Số CCCD, "" if none (collectives and households never have one)."""
    return _get(nominee, "citizen_id") if _get(nominee, "kind") in ("", "individual") else ""


def same_nominee(a, b) -> bool:
    """Do `a` and `b` name the same person or collective? (the rule in the module's docstring)"""
    first, second = citizen_id(a), citizen_id(b)
    if first and second:
        return first == second
    key = nominee_key(a)
    return bool(key[0]) and key == nominee_key(b)


def _candidates(nominees: list) -> dict[int, set[int]]:
    """position -> positions that share its number or its name and unit (to be checked)."""
    buckets: dict[tuple, list[int]] = {}
    for i, n in enumerate(nominees):
        key = nominee_key(n)
        if key[0]:
            buckets.setdefault(("name", *key), []).append(i)
        if citizen_id(n):
            buckets.setdefault(("cccd", citizen_id(n)), []).append(i)
    found: dict[int, set[int]] = {}
    for group in buckets.values():
        for i in group:
            found.setdefault(i, set()).update(j for j in group if j != i)
    return found


def companions(awards) -> frozenset[frozenset[str]]:
    """The pairs of award codes one person rightly holds together on one list: an award and each
    it `requires` (a body's award list: CSTĐCS with LĐTT). Such two rows are no duplicate."""
    return frozenset(frozenset((a["code"], other)) for a in awards or () if isinstance(a, dict)
                     for other in a.get("requires") or () if other != a.get("code"))


def paired(a, b, pairs) -> bool:
    """Are the awards of rows `a` and `b` one of `pairs` (companions())?"""
    return frozenset((_get(a, "award"), _get(b, "award"))) in pairs


def duplicates(nominees, pairs: frozenset = frozenset()) -> dict[int, list[int]]:
    """position -> the other positions (0-based) in `nominees` naming the same nominee, but for
    two rows whose awards are `pairs` (companions(): an award beside the one it requires)."""
    nominees = list(nominees)
    result = {}
    for i, others in _candidates(nominees).items():
        same = sorted(j for j in others if same_nominee(nominees[i], nominees[j])
                      and not paired(nominees[i], nominees[j], pairs))
        if same:
            result[i] = same
    return result


def duplicate_groups(nominees, pairs: frozenset = frozenset()) -> list[list[int]]:
    """The groups (0-based positions, in order) of rows that name the same nominee."""
    seen, groups = set(), []
    for i, others in sorted(duplicates(nominees, pairs).items()):
        if i not in seen:
            group = sorted([i, *others])
            seen.update(group)
            groups.append(group)
    return groups


@dataclass(frozen=True)
class Round:
    """The đợt a proposal belongs to: the round it cites, else its plan, else its deciding body's
    year."""
    kind: str
    issuer_id: int
    plan_id: int | None
    year: int
    round_id: int | None = None

    def matches(self, document: Document) -> bool:
        """Is `document` (an issued decision, or a proposal) of this round? A round's one decision
        (a kind that decides rounds) is of the round too, whatever the proposals' kind."""
        if document.kind not in (self.kind, *_deciding_kinds()) or document.issuer_id != self.issuer_id:
            return False
        if self.round_id is not None:
            return document.round_id == self.round_id
        plan_id = (document.body or {}).get("plan_id")
        if self.plan_id is not None:
            return plan_id == self.plan_id
        return not plan_id and _year(document) == self.year


def _deciding_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.decides_rounds]


def _year(document: Document) -> int:
    day: date = document.issued_on or local_date(document.created_at)
    return day.year


def round_of(document: Document) -> Round:
    plan_id = (document.body or {}).get("plan_id")
    return Round(kind=document.kind, issuer_id=document.issuer_id,
                 plan_id=plan_id if isinstance(plan_id, int) else None, year=_year(document),
                 round_id=document.round_id)


def _matching_rows(nominees: list, query) -> Iterable[tuple[list[int], tuple]]:
    """Run `query` (selecting Nominee first, then `columns`) for the stored nominees that may be
    one of `nominees` (by indexed name key or number, in chunks); yield (positions it is, row)."""
    names = sorted({nominee_key(n)[0] for n in nominees} - {""})
    numbers = sorted({citizen_id(n) for n in nominees} - {""})
    if not names and not numbers:
        return
    by_name: dict[str, list[int]] = {}
    by_number: dict[str, list[int]] = {}
    for i, n in enumerate(nominees):
        by_name.setdefault(nominee_key(n)[0], []).append(i)
        if citizen_id(n):
            by_number.setdefault(citizen_id(n), []).append(i)
    seen_rows = set()
    chunks = [("name", names[k:k + _CHUNK]) for k in range(0, len(names), _CHUNK)]
    chunks += [("cccd", numbers[k:k + _CHUNK]) for k in range(0, len(numbers), _CHUNK)]
    with db.session.no_autoflush:
        for what, values in chunks:
            where = Nominee.name_key.in_(values) if what == "name" else Nominee.citizen_id.in_(values)
            for row in db.session.execute(query.where(where)).all():
                stored = row[0]
                if stored.id in seen_rows:
                    continue
                seen_rows.add(stored.id)
                maybe = set(by_name.get(stored.name_key, ())) | set(by_number.get(stored.citizen_id, ()))
                positions = sorted(i for i in maybe if same_nominee(nominees[i], stored))
                if positions:
                    yield positions, row


def _own_ids(nominees) -> set[int]:
    return {n.document_id for n in nominees if not isinstance(n, dict) and getattr(n, "document_id", None)}


def _issued_query(kinds: Iterable[str]):
    """Accepted nominees of issued decisions (numbers not voided), with the document and its entry."""
    return (select(Nominee, Document, RegisterEntry)
            .join(Document, Nominee.document_id == Document.id)
            .join(RegisterEntry, (RegisterEntry.document_id == Document.id) & (RegisterEntry.purpose == "issued"))
            .where(Document.kind.in_(list(kinds)),
                   Nominee.review_status == "accepted", RegisterEntry.voided_at.is_(None))
            .order_by(RegisterEntry.issued_on, RegisterEntry.id, Nominee.order))


@dataclass(frozen=True)
class PreviousAward:
    number: str          # the decision's number, "01/QĐ-UBND"
    document_id: int
    issued_on: date
    award: str           # the award's code


def previous_awards(nominees, round: Round) -> dict[int, list[PreviousAward]]:
    """position in `nominees` -> the earlier issued decisions of `round` that awarded the same
    nominee (accepted nominees only), the round's one decision included (the kinds that decide
    rounds). The document the nominees belong to is left out, and so are the copies of its rows
    in a round decision made from it."""
    nominees = list(nominees)
    kinds = list(dict.fromkeys([round.kind, *_deciding_kinds()]))
    query = _issued_query(kinds).where(Document.issuer_id == round.issuer_id)
    own = _own_ids(nominees)
    if own:   # neither the document itself nor a round decision's copies of its rows
        query = query.where(Document.id.not_in(own),
                            or_(Nominee.proposal_id.is_(None), Nominee.proposal_id.not_in(own)))
    if round.round_id is not None:
        query = query.where(Document.round_id == round.round_id)
    elif round.plan_id is None:   # a round without a plan is a year: the other years are not read
        query = query.where(RegisterEntry.year == round.year)
    found: dict[int, list[PreviousAward]] = {}
    for positions, (stored, document, entry) in _matching_rows(nominees, query):
        if not round.matches(document):
            continue
        for i in positions:
            found.setdefault(i, []).append(PreviousAward(entry.number, document.id, entry.issued_on, stored.award))
    return found


@dataclass(frozen=True)
class OtherProposal:
    number: str          # the Tờ trình's number, "05/TTr-UBND" ("" if it has none)
    document_id: int
    proposer: str        # the proposing body's name
    award: str           # the award's code there


def other_proposals(nominees, round: Round, visible=None) -> dict[int, list[OtherProposal]]:
    """position in `nominees` -> the other proposals of `round` under way (submitted, not yet
    issued, not in an issued round decision, not cancelled; a draft sent back counts) that
    propose the same nominee, not rejected
    there. `visible`: a SQL clause over Document restricting them to what the viewer may see."""
    nominees = list(nominees)
    decided = aliased(Document)   # a proposal taken into a round's decision is done once that is issued
    in_issued_decision = exists().where(decided.id == Document.decision_id, decided.state == "issued")
    query = (select(Nominee, Document)
             .join(Document, Nominee.document_id == Document.id)
             .where(Document.kind == round.kind, Document.issuer_id == round.issuer_id,
                    Document.state.not_in(("issued", *STOPPED)), ~in_issued_decision,
                    or_(Document.state != "draft", Document.ever_submitted.is_(True)),
                    Nominee.review_status != "rejected")
             .order_by(Document.id, Nominee.order))
    if round.round_id is not None:
        query = query.where(Document.round_id == round.round_id)
    own = _own_ids(nominees)
    if own:
        query = query.where(Document.id.not_in(own))
    if visible is not None:
        query = query.where(visible)
    found: dict[int, list[OtherProposal]] = {}
    for positions, (stored, document) in _matching_rows(nominees, query):
        if not round.matches(document):
            continue
        entry = document.proposal_entry
        other = OtherProposal(entry.number if entry is not None else "", document.id,
                              document.proposer.name, stored.award)
        for i in positions:
            if other not in found.get(i, ()):
                found.setdefault(i, []).append(other)
    return found


@dataclass(frozen=True)
class Marks:
    """What the review should see by one nominee."""
    duplicate_of: tuple[int, ...] = ()                     # the other rows (1-based) naming it
    previously_awarded: tuple[PreviousAward, ...] = ()     # earlier decisions of the round
    also_proposed: tuple[OtherProposal, ...] = ()          # other proposals of the round under way


def marks(document: Document, viewer=None) -> dict[int, Marks]:
    """nominee id -> its Marks, for the nominees that have any (the document page, the review
    form and the API's document read it). The other proposals shown are those `viewer` may see
    (none without a viewer): a commune does not learn of another commune's Tờ trình."""
    from .scope import visible_clause
    nominees = list(document.nominees)
    round = round_of(document)
    doubles = duplicates(nominees, companions(document.issuer.awards))
    earlier = previous_awards(nominees, round)
    others = other_proposals(nominees, round, visible_clause(viewer)) if viewer is not None else {}
    return {nominees[i].id: Marks(tuple(j + 1 for j in doubles.get(i, ())), tuple(earlier.get(i, ())),
                                  tuple(others.get(i, ())))
            for i in sorted(set(doubles) | set(earlier) | set(others))}


# --- awards that need another the same year ------------------------------------------------

def _nominee_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.has_nominees]


def missing_prerequisites(document: Document) -> dict[str, str]:
    """Guard: every individual proposed (not rejected) for an award whose entry in the deciding
    body's list says `requires: [codes]` also holds each of those awards in the same year: on
    another row of this proposal for the same person (not rejected), or in an issued decision
    of that calendar year (accepted there). {"nominees[i]": "Dòng 3 — …: …"} for each one missing."""
    listed = {a["code"]: a for a in (document.issuer.awards or []) if isinstance(a, dict) and "code" in a}
    labels = {code: a.get("label") or code for code, a in listed.items()}
    nominees = list(document.nominees)
    counted = [n for n in nominees if n.review_status != "rejected"]
    wanted: dict[int, list[str]] = {}   # position -> the codes it still needs
    for i, n in enumerate(nominees):
        needs = listed.get(n.award, {}).get("requires") or []
        if n in counted and n.kind == "individual" and needs:
            held = {m.award for m in counted if m is not n and same_nominee(n, m)}
            missing = [code for code in needs if code not in held]
            if missing:
                wanted[i] = missing
    if not wanted:
        return {}
    year = _year(document)
    subjects = [nominees[i] for i in wanted]
    query = (_issued_query(_nominee_kinds()).where(RegisterEntry.year == year)
             .where(Nominee.award.in_(sorted({c for codes in wanted.values() for c in codes}))))
    own = _own_ids(nominees)
    if own:
        query = query.where(Document.id.not_in(own))
    positions = list(wanted)
    for found, (stored, _document, _entry) in _matching_rows(subjects, query):
        for k in found:
            codes = wanted.get(positions[k])
            if codes and stored.award in codes:
                codes.remove(stored.award)
    problems = {}
    for i, codes in wanted.items():
        if not codes:
            continue
        n = nominees[i]
        basis = listed[n.award].get("requires_basis")
        needed = ", ".join(f"“{labels.get(code, code)}”" for code in codes)
        message = (f"Dòng {i + 1} — {n.full_name}: danh hiệu “{labels.get(n.award, n.award)}” cần có "
                   f"danh hiệu {needed} cùng năm")
        problems[f"nominees[{i}]"] = message + (f" ({basis})." if basis else ".")
    return problems
