"""Creating, editing, finding and deleting documents, within what each user may see and do."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from operator import attrgetter

from sqlalchemy import and_, case, func, inspect, or_, select
from sqlalchemy.orm import defer, immediateload, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..domain import council, validation
from ..domain.clock import VIETNAM_TIME
from ..domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..domain.kinds import KINDS, DocumentKind, kind_spec
from ..domain.text import search_text
from ..domain.workflows import DEFINITIONS
from ..domain.workflows.audience import ADDRESSEE, audience, shows_file, shows_step
from ..domain.workflows.authorization import in_scope, may_fire
from ..domain.workflows.guards import problems
from ..extensions import db
from ..models import Document, DocumentCount, Nominee, Organization, User, WorkflowEvent
from . import duties, full_text, rounds
from .scope import (
    actionable_clause,
    count_actionable,
    following_clause,
    reads_round_decision,
    returned_clause,
    shows_part,
    visible_clause,
)

MAX_PER_PAGE = 200


def award_codes(organization: Organization) -> set[str]:
    return {a["code"] for a in organization.awards or []}


def search_key(document: Document) -> str:
    """What a search finds of a document (services/full_text.py): the folded words of its title
    (and of the trích yếu it was registered under), its numbers, its nominees' names and what its
    kind gives of its body (DocumentKind.search_text)."""
    spec = KINDS.get(document.kind)
    with db.session.no_autoflush:  # reading the number must not flush half an edit
        numbers = [entry.number for entry in document.register_entries]
        # a decision's own trích yếu, beside the proposal's title (both find it)
        titles = [entry.title for entry in document.register_entries if entry.title != document.title]
        names = [n.full_name for n in document.nominees] if spec is not None and spec.has_nominees else []
        body = spec.search_text(document) if spec is not None and spec.search_text is not None else ""
    return search_text(document.title, *titles, *numbers, *names, body)


# Read by nearly every use of a single document: the number (its register rows, at most one
# per purpose, so the join adds a row at most) and the unit (a step's documents print it).
_WITH_NUMBER_AND_UNIT = (joinedload(Document.register_entries), joinedload(Document.unit))


def get_visible(document_id, user) -> Document:
    """The document if `user` may see it; otherwise NotFound, never a hint that it exists."""
    if not validation.is_row_id(document_id):
        raise NotFound("Không tìm thấy văn bản.")
    query = (select(Document).where(Document.id == document_id,
                                    or_(visible_clause(user), reads_round_decision(user)))
             .options(*_WITH_NUMBER_AND_UNIT))
    document = db.session.scalars(query).unique().one_or_none()
    if document is None:
        raise NotFound("Không tìm thấy văn bản.")
    return document


# What the full view shows, in two queries (three for a proposal): the document's row with its
# issuing body, creator and register rows (at most one per purpose) joined; its history with
# each step's actor and files joined; a proposal's nominees. The options are built once:
# building them anew costs about as much as a query. Actors and the creator are shown by name:
# their roles load only if used.
_DETAILS_OF_ANY_KIND = (
    selectinload(Document.events).options(joinedload(WorkflowEvent.actor).lazyload(User.role_rows),
                                          joinedload(WorkflowEvent.files)),
    joinedload(Document.register_entries), joinedload(Document.issuer),
    joinedload(Document.created_by).lazyload(User.role_rows),
)
_DETAILS = _DETAILS_OF_ANY_KIND + (joinedload(Document.proposer),
                                   immediateload(Document.nominees))
# A kind without nominees (a plan): joining them adds no row and saves a query (a proposal's,
# often dozens, come by their own query rather than repeat the document's row for each). Such
# a kind's owner is its issuer, just loaded by the join: the lazy load finds it in the session.
_DETAILS_WITHOUT_NOMINEES = _DETAILS_OF_ANY_KIND + (joinedload(Document.nominees),)


def with_details(document: Document, kind: str | None = None) -> Document:
    """`document` with its history (actors, files), files, nominees and register rows loaded.

    kind: the document's kind if the caller knows it (after a commit, reading it would reload
    the row); it only chooses how the nominees and the owner are loaded.
    """
    state = inspect(document)   # the id without reloading a document expired by a commit
    spec = KINDS.get(kind or state.dict.get("kind"))
    options = _DETAILS_WITHOUT_NOMINEES if spec is not None and not spec.has_nominees else _DETAILS
    query = select(Document).where(Document.id == state.identity[0]).options(*options)
    document = db.session.scalars(query).unique().one()
    # Every file is made by a step and stored with its history row (generation.store_step_files,
    # the only writer): the document's files are its history's, so they need no query of their own.
    files = sorted((f for event in document.events for f in event.files), key=attrgetter("id"))
    set_committed_value(document, "files", files)   # as Document.files loads them: by id
    return document


@dataclass(frozen=True)
class ShownStep:
    """A history row as one audience sees it: with only the files shown to that audience."""
    event: WorkflowEvent
    files: list


@dataclass(frozen=True)
class Shown:
    history: list[ShownStep]
    files: list
    drafting: bool          # who drafted it, and when


def shown_to(document: Document, user) -> Shown:
    """History and files of a document loaded `with_details`, as much as `user`'s body may see
    (domain/workflows/audience.py): all for its issuer, less for a proposer or a body below."""
    who = audience(user, document)
    def shown(f) -> bool:
        return shows_file(who, f.step) and shows_part(f, user)
    history = [ShownStep(e, [f for f in e.files if shown(f)]) for e in document.events if shows_step(who, e.transition)]
    return Shown(history, [f for f in document.files if shown(f)], drafting=who != ADDRESSEE)


def can_edit(document: Document, user) -> bool:
    return document.state == "draft" and (
        user.id == document.created_by_id
        or ("drafter" in user.roles and in_scope("owner_unit", user, document)))


def can_delete(document: Document, user) -> bool:
    return (document.state == "draft" and not document.ever_submitted
            and (user.id == document.created_by_id
                 or ("admin" in user.roles and user.organization_id == document.proposer_id)))


def available_transitions(document: Document, user, record: duties.Record | None = None) -> list[str]:
    """Names of the transitions `user` may fire now (content guards aside: they explain themselves;
    but a step that ends the workflow, Hủy, is no choice while its guards refuse it: a draft never
    submitted is deleted instead). `record`: what the user did earlier on it, when a list found it
    for its whole page (duties.records)."""
    definition, record = DEFINITIONS[document.kind], record or duties.record(document, user)
    return list(dict.fromkeys(t.name for t in definition.transitions_from(document.state)
                              if may_fire(t, user, document, record)
                              and not (definition.stops(t) and problems(t.requires, document,
                                                                         kind_spec(document.kind).guards))))


def issuer_for(kind: str, user) -> Organization:
    """Who issues a document of `kind` its drafter writes: their own body (a plan), or the body
    above, to which a proposal goes (DocumentKind.issued_by)."""
    own = user.organization
    if kind_spec(kind).issued_by == "parent" and own.parent is not None:
        return own.parent
    return own


def _check_authority(kind: DocumentKind, data: dict, issuer: Organization) -> None:
    """Each nominee's award is one the deciding body may give: an award of its list that says
    "given_by" levels is refused (422 naming the row) to a body of another level (domain/council.py)."""
    if not kind.has_nominees:
        return
    problems = council.given_by_problems(issuer.awards or [], issuer.level, data.get("nominees") or [])
    if problems:
        raise ValidationFailed(f"Có hình thức khen thưởng mà {issuer.name} không có thẩm quyền tặng.", problems)


def _check_citations(kind: DocumentKind, body: dict, user) -> None:
    """Every document the body names (DocumentKind.cites) is an issued one `user` may see."""
    for field, cited_kind in kind.cites.items():
        cited_id = body.get(field)
        if cited_id is None:
            continue
        cited = None
        if validation.is_row_id(cited_id):
            cited = db.session.scalar(select(Document).where(
                Document.id == cited_id, Document.kind == cited_kind, Document.state == "issued",
                visible_clause(user)))
        if cited is None:
            label = kind_spec(cited_kind).label
            raise ValidationFailed(f"{label} được chọn không tồn tại hoặc chưa ban hành.",
                                   {f"body.{field}": f"Chọn một {label.lower()} đã ban hành."})


def _set_nominees(document: Document, nominees: list[dict]) -> None:
    document.nominees = [Nominee(order=i + 1, **n) for i, n in enumerate(nominees)]


def create(user, payload, before_commit=None) -> Document:
    """A new draft. `before_commit(document)`, if given, runs once it is written, in its transaction."""
    payload = validation.require_mapping(payload)
    kind = KINDS.get(payload.get("kind")) if isinstance(payload.get("kind"), str) else None
    if kind is not None and not kind.composed:
        raise ValidationFailed(f"{kind.label} không soạn trực tiếp: được lập từ đợt khen thưởng.",
                               {"kind": "Lập từ đợt khen thưởng (POST /api/v1/rounds/{id}/decision)."})
    if kind is None:
        choices = " hoặc ".join(f"“{name}”" for name in KINDS if KINDS[name].composed)
        raise ValidationFailed("Loại văn bản không hợp lệ.", {"kind": f"Chọn {choices}."})
    if "drafter" not in user.roles:
        raise Forbidden("Chỉ chuyên viên soạn thảo mới được tạo văn bản.")
    issuer = issuer_for(kind.name, user)
    data = validation.document_input(kind, payload, award_codes(issuer))
    rounds.apply_round(kind, data, user, issuer)
    _check_authority(kind, data, issuer)
    _check_citations(kind, data["body"], user)
    document = Document(kind=kind.name, state=kind.definition.initial, title=data["title"],
                        body=data["body"], issuer_id=issuer.id, round_id=data["body"].get("round_id"),
                        proposer_id=user.organization_id, unit_id=user.unit_id,
                        created_by_id=user.id)
    _set_nominees(document, data.get("nominees", []))
    document.search_text = search_key(document)
    db.session.add(document)
    duties.note_author(document, user)
    if before_commit is not None:
        db.session.flush()
        before_commit(document)
    db.session.commit()
    return document


def update(document: Document, user, payload) -> Document:
    payload = validation.require_mapping(payload)
    version = payload.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValidationFailed("Thiếu phiên bản (version) của văn bản.", {"version": "Bắt buộc, số nguyên."})
    if document.state != "draft":
        raise Conflict("Chỉ sửa được văn bản ở trạng thái dự thảo.")
    if not can_edit(document, user):
        raise Forbidden("Bạn không có quyền sửa văn bản này.")
    if version != document.version:
        raise Conflict("Văn bản đã được người khác sửa; vui lòng tải lại trước khi lưu.")
    merged = {"title": document.title, "body": document.body,
              "nominees": [_nominee_input(n) for n in document.nominees]}
    merged.update({k: v for k, v in payload.items() if k in ("title", "body", "nominees")})
    kind = kind_spec(document.kind)
    data = validation.document_input(kind, merged, award_codes(document.issuer))
    rounds.apply_round(kind, data, user, document.issuer)
    _check_authority(kind, data, document.issuer)
    _check_citations(kind, data["body"], user)
    if kind.has_nominees and "nominees" in payload:
        _set_nominees(document, data["nominees"])
    document.title, document.body = data["title"], data["body"]
    document.round_id = data["body"].get("round_id")
    document.search_text = search_key(document)
    duties.note_author(document, user)
    _commit_or_conflict()
    return document


def _nominee_input(n: Nominee) -> dict:
    return {"kind": n.kind, "full_name": n.full_name, "position": n.position, "gender": n.gender,
            "organization": n.organization, "award": n.award, "achievement": n.achievement,
            "citizen_id": n.citizen_id}


def _commit_or_conflict() -> None:
    from sqlalchemy.orm.exc import StaleDataError
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict("Văn bản đã được người khác sửa; vui lòng tải lại.") from None


def delete(document: Document, user) -> None:
    if not can_delete(document, user):
        if document.state != "draft" or document.ever_submitted:
            raise Conflict("Chỉ xoá được dự thảo chưa từng trình; dự thảo đã trình thì người tạo hủy (Hủy).")
        raise Forbidden("Chỉ người tạo hoặc quản trị mới được xoá dự thảo.")
    db.session.delete(document)
    _commit_or_conflict()


@dataclass(frozen=True)
class Page:
    items: list[Document]
    page: int
    per_page: int
    total: int
    more: bool = False   # a search counts up to full_text.COUNT_LIMIT: there are more than `total`


def _year_clause(year: int):
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    # an unissued document belongs to the office year it was written in, Vietnam's calendar year
    start_at = datetime(year, 1, 1, tzinfo=VIETNAM_TIME).astimezone(timezone.utc)
    end_at = datetime(year + 1, 1, 1, tzinfo=VIETNAM_TIME).astimezone(timezone.utc)
    return or_(and_(Document.issued_on >= start, Document.issued_on < end),
               and_(Document.issued_on.is_(None), Document.created_at >= start_at,
                    Document.created_at < end_at))


def _column_filters(table, user, *, kind, state, mine) -> list:
    """Filters on columns that Document and DocumentCount both have."""
    out = []
    if kind:
        out.append(table.kind == kind)
    if state:
        out.append(table.state == state)
    if mine:
        out.append(table.created_by_id == user.id)
    return out


def _walk_newest_first(clause):
    """Visibility matches most documents (every body sees the issued plans above it): walking the
    (updated_at, id) index and filtering finds a page at once, where SQLite would otherwise
    collect the whole visible set through its OR indexes and sort it. CASE hides the OR from it."""
    return case((clause, 1), else_=0) == 1


def search(user, *, kind=None, state=None, q=None, year=None, mine=False, actionable=False,
           page=1, per_page=50, count_limit: int | None | str = "limited", desk: str | None = None) -> Page:
    """The documents `user` may see, filtered, newest first, one page at a time.

    desk (the web's worklist, not the API's actionable=1): "waiting", the documents where the
    user has a step forward, returned drafts first; "following", those where they could only
    take a step back (Rút lại, Trả lại).

    count_limit: a search (q) counts its matches up to this many ("limited":
    full_text.COUNT_LIMIT; Page.more says there are more); None counts them all, as the API's
    `total` promises (API.md), however long it takes."""
    page = max(1, page)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    # The worklist needs no visibility filter: a document with a transition open to the user
    # is always one they may see (tests/services/test_scope.py holds the two together).
    if desk not in (None, "waiting", "following"):
        raise ValueError(f"unknown desk {desk!r}")
    actionable = actionable or desk is not None
    rule = actionable_clause if actionable else visible_clause
    columns = {"kind": kind, "state": state, "mine": mine}
    row_filters = []
    if year:
        row_filters.append(_year_clause(year))
    if desk == "waiting":
        scope = actionable_clause(user, forward_only=True)
    elif desk == "following":
        scope = following_clause(user)
    else:   # a proposing body also reads the issued round decisions holding its proposals
        scope = rule(user) if actionable else _walk_newest_first(or_(rule(user), reads_round_decision(user)))
    where = and_(scope, *_column_filters(Document, user, **columns), *row_filters)
    offset = (page - 1) * per_page
    first = [case((returned_clause(), 0), else_=1)] if desk == "waiting" else []

    def page_of(clause):
        return (select(Document).where(clause)
                .options(selectinload(Document.register_entries), defer(Document.body),
                         defer(Document.search_text))
                .order_by(*first, Document.updated_at.desc(), Document.id.desc())
                .limit(per_page).offset(offset))

    if q:   # counted up to a limit first: few matches come from the index, many by walking
        text = full_text.TextQuery(q)
        limit = full_text.COUNT_LIMIT if count_limit == "limited" else count_limit
        counted = text.count(where, None if limit is None else limit + 1)
        many = limit is not None and counted > limit
        walking = counted > full_text.COUNT_LIMIT
        items = []
        if many or counted > offset:
            items = db.session.scalars(page_of(and_(where, text.clause(walking=walking)))).all()
        return Page(list(items), page, per_page, min(counted, limit) if many else counted, more=many)
    query = page_of(where)
    if not row_filters:   # the counts table: O(combinations), not O(documents) (and scope.count_actionable)
        if actionable:
            def count(forward_only=False):
                return count_actionable(user, lambda table: _column_filters(table, user, **columns),
                                        forward_only=forward_only).get((), 0)
            if desk == "waiting":
                total = count(forward_only=True)
            elif desk == "following":   # the forward documents are a part of the actionable ones
                total = count() - count(forward_only=True)
            else:
                total = count()
        else:
            total = db.session.scalar(select(func.coalesce(func.sum(DocumentCount.n), 0)).where(
                rule(user, DocumentCount), *_column_filters(DocumentCount, user, **columns)))
            # the counts table knows visibility only: the round decisions read besides, counted
            total += db.session.scalar(select(func.count()).select_from(Document).where(
                reads_round_decision(user), ~visible_clause(user), *_column_filters(Document, user, **columns)))
        items = db.session.scalars(query).all() if total > offset else []
        return Page(list(items), page, per_page, total)
    # A year only the documents can answer, by scanning them: a page that is not full is the
    # last one, so its total needs no second scan.
    items = db.session.scalars(query).all()
    if 0 < len(items) < per_page or (page == 1 and not items):
        total = offset + len(items)
    else:
        total = db.session.scalar(select(func.count()).select_from(Document).where(where))
    return Page(list(items), page, per_page, total)
