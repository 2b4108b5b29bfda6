"""Tra cứu khen thưởng: who was awarded what, by which decision. A search by the name of a person,
collective or household, without accents or case, over the accepted nominees of the issued
decisions a user may see (the documents they may see: services/scope.py); of a round's one
decision, which a proposing body reads once issued, that body sees its own awardees only (those
whose Nominee.proposal_id is one of its proposals).

Bounded work: the documents' full-text index (services/full_text.py, which holds every nominee's
name) narrows the decisions first, then the nominees' indexed folded name (Nominee.name_key) is
matched; a page is LIMIT/OFFSET and the total is counted up to COUNT_LIMIT.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, literal, or_, select
from sqlalchemy.orm import aliased

from ..domain.kinds import KINDS
from ..domain.text import search_words
from ..domain.validation import citizen_id
from ..extensions import db
from ..models import Document, Nominee, Organization, RegisterEntry
from .full_text import COUNT_LIMIT, TextQuery
from .scope import reads_round_decision, visible_clause

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Award:
    """One award of one issued decision."""
    nominee_id: int
    full_name: str
    kind: str            # individual | collective | household
    position: str
    organization: str    # the nominee's unit
    award: str           # the award's code
    award_label: str
    document_id: int
    number: str          # the decision's number
    issued_on: date
    issuer: str          # the deciding body's name


@dataclass(frozen=True)
class AwardPage:
    items: list[Award]
    page: int
    per_page: int
    total: int
    more: bool           # more than `total` (counted up to COUNT_LIMIT)


def _nominee_kinds() -> list[str]:
    return [k.name for k in KINDS.values() if k.has_nominees]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(user, q: str | None = None, year: int | None = None, page: int = 1, per_page: int = 50) -> AwardPage:
    """The awards whose nominee's name holds the words of `q` (in order, the last one perhaps
    unfinished: "nguyen thi ngoc an" finds "Nguyễn Thị Ngọc Ánh"), newest decision first; all the
    user may see when `q` has no word; a `q` of 12 digits is a Số CCCD, found exactly. `year`: the
    decisions' year of issue."""
    page, per_page = max(1, page or 1), min(max(1, per_page or 50), MAX_PER_PAGE)
    words = search_words(q or "")
    number, _problem = citizen_id(q or "", "individual")   # 12 digits: a Số CCCD, not a name
    proposal = aliased(Document)
    own_rows = and_(reads_round_decision(user), proposal.proposer_id == user.organization_id)
    where = [Document.kind.in_(_nominee_kinds()), Nominee.review_status == "accepted",
             RegisterEntry.voided_at.is_(None), or_(visible_clause(user), own_rows)]
    if number:
        where.append(Nominee.citizen_id == number)
    elif words:
        where.append(TextQuery(" ".join(words)).clause())   # the decisions holding the words, by the index
        where.append(Nominee.name_key.like(f"%{_escape_like(' '.join(words))}%", escape="\\"))
    if year is not None:
        where.append(RegisterEntry.year == year)
    joined = (select(Nominee, Document, RegisterEntry, Organization)
              .join(Document, Nominee.document_id == Document.id)
              .join(RegisterEntry, (RegisterEntry.document_id == Document.id) & (RegisterEntry.purpose == "issued"))
              .join(Organization, Organization.id == Document.issuer_id)
              .outerjoin(proposal, proposal.id == Nominee.proposal_id)
              .where(*where))
    rows = db.session.execute(joined.order_by(RegisterEntry.issued_on.desc(), RegisterEntry.id.desc(),
                                              Nominee.order)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    counted = (select(literal(1)).select_from(Nominee)
               .join(Document, Nominee.document_id == Document.id)
               .join(RegisterEntry, (RegisterEntry.document_id == Document.id) & (RegisterEntry.purpose == "issued"))
               .outerjoin(proposal, proposal.id == Nominee.proposal_id)
               .where(*where).limit(COUNT_LIMIT + 1))
    total = db.session.scalar(select(func.count()).select_from(counted.subquery()))
    items = []
    for nominee, document, entry, issuer in rows:
        labels = {a.get("code"): a.get("label") for a in issuer.awards or () if isinstance(a, dict)}
        items.append(Award(nominee.id, nominee.full_name, nominee.kind, nominee.position, nominee.organization,
                           nominee.award, labels.get(nominee.award) or nominee.award, document.id, entry.number,
                           entry.issued_on, issuer.name))
    return AwardPage(items, page, per_page, min(total, COUNT_LIMIT), total > COUNT_LIMIT)
