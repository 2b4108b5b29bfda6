"""Who is proposed twice: rows of one list that name the same person or collective, and people
already awarded by an earlier decision of the same round.

Two rows are the same nominee when their names and units (organization) match once folded:
without diacritics, case or extra spaces ("NGUYEN  van Mot" is "Nguyễn Văn Một"). A name alone
is not enough: two teachers of different schools may share it.

A round (đợt khen thưởng) does not exist as such yet: `round_of` takes the plan the proposal
cites, or without one the deciding body and the year. `previous_awards` only asks the Round's
`matches`, so a real round replaces it there.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..domain.clock import local_date
from ..domain.text import fold
from ..extensions import db
from ..models import Document, Nominee, RegisterEntry


def _get(nominee, name: str) -> str:
    return (nominee.get(name) if isinstance(nominee, dict) else getattr(nominee, name, "")) or ""


def nominee_key(nominee) -> tuple[str, str]:
    """(folded name, folded unit) of a nominee: a model, or a dict as the forms and the import give."""
    return fold(_get(nominee, "full_name")), fold(_get(nominee, "organization"))


def duplicates(nominees) -> dict[int, list[int]]:
    """position -> the other positions (0-based) in `nominees` with the same name and unit."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, n in enumerate(nominees):
        key = nominee_key(n)
        if key[0]:
            by_key.setdefault(key, []).append(i)
    return {i: [j for j in group if j != i] for group in by_key.values() if len(group) > 1 for i in group}


def duplicate_groups(nominees) -> list[list[int]]:
    """The groups (0-based positions, in order) of rows that name the same nominee."""
    seen, groups = set(), []
    for i, others in sorted(duplicates(nominees).items()):
        if i not in seen:
            group = sorted([i, *others])
            seen.update(group)
            groups.append(group)
    return groups


@dataclass(frozen=True)
class Round:
    """The đợt a proposal belongs to, until rounds exist: its plan, or its deciding body's year."""
    kind: str
    issuer_id: int
    plan_id: int | None
    year: int

    def matches(self, document: Document) -> bool:
        """Is the issued `document` a decision of this round?"""
        if document.kind != self.kind or document.issuer_id != self.issuer_id:
            return False
        plan_id = (document.body or {}).get("plan_id")
        if self.plan_id is not None:
            return plan_id == self.plan_id
        return not plan_id and _year(document) == self.year


def _year(document: Document) -> int:
    day: date = document.issued_on or local_date(document.created_at)
    return day.year


def round_of(document: Document) -> Round:
    plan_id = (document.body or {}).get("plan_id")
    return Round(kind=document.kind, issuer_id=document.issuer_id,
                 plan_id=plan_id if isinstance(plan_id, int) else None, year=_year(document))


@dataclass(frozen=True)
class PreviousAward:
    number: str          # the decision's number, "01/QĐ-UBND"
    document_id: int
    issued_on: date
    award: str           # the award's code


def previous_awards(nominees, round: Round) -> dict[int, list[PreviousAward]]:
    """position in `nominees` -> the earlier issued decisions of `round` that awarded the same
    name and unit (accepted nominees only). The document the nominees belong to is left out."""
    wanted: dict[tuple[str, str], list[int]] = {}
    for i, n in enumerate(nominees):
        key = nominee_key(n)
        if key[0]:
            wanted.setdefault(key, []).append(i)
    if not wanted:
        return {}
    own = {n.document_id for n in nominees if not isinstance(n, dict) and getattr(n, "document_id", None)}
    names = {name for name, _ in wanted}
    query = (
        select(Nominee.full_name, Nominee.organization, Nominee.award, Document, RegisterEntry)
        .join(Document, Nominee.document_id == Document.id)
        .join(RegisterEntry, (RegisterEntry.document_id == Document.id) & (RegisterEntry.purpose == "issued"))
        .where(Document.kind == round.kind, Document.issuer_id == round.issuer_id,
               Nominee.review_status == "accepted", RegisterEntry.voided_at.is_(None))
        .order_by(RegisterEntry.issued_on, RegisterEntry.id))
    if own:
        query = query.where(Document.id.not_in(own))
    if round.plan_id is None:   # a round without a plan is a year: the other years are not read
        query = query.where(RegisterEntry.year == round.year)
    with db.session.no_autoflush:
        rows = db.session.execute(query).all()
    found: dict[int, list[PreviousAward]] = {}
    for full_name, organization, award, document, entry in rows:
        if fold(full_name) not in names or not round.matches(document):
            continue
        for i in wanted.get((fold(full_name), fold(organization)), ()):
            found.setdefault(i, []).append(PreviousAward(entry.number, document.id, entry.issued_on, award))
    return found


@dataclass(frozen=True)
class Marks:
    """What the review should see by one nominee."""
    duplicate_of: tuple[int, ...] = ()                     # the other rows (1-based) naming it
    previously_awarded: tuple[PreviousAward, ...] = ()     # earlier decisions of the round


def marks(document: Document) -> dict[int, Marks]:
    """nominee id -> its Marks, for the nominees that have any (the document page, the review
    form and the API's document read it)."""
    nominees = list(document.nominees)
    doubles = duplicates(nominees)
    earlier = previous_awards(nominees, round_of(document))
    return {nominees[i].id: Marks(tuple(j + 1 for j in doubles.get(i, ())), tuple(earlier.get(i, ())))
            for i in sorted(set(doubles) | set(earlier))}
