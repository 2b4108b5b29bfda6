"""The counts table the list totals read: kept by triggers, equal to counting the documents."""
from sqlalchemy import delete, func, insert, select, update

from tests.factories import add_user, advance, new_commendation, new_plan
from tests.services.test_scope import _one_of_each
from workflow_app.extensions import db
from workflow_app.models import Document, DocumentCount
from workflow_app.services import bulk_load, documents, worklist
from workflow_app.services.scope import actionable_clause, count_actionable, visible_clause
from workflow_app.services.transitions import apply_transition


def counted(clause_for, user, **where) -> int:
    if clause_for is actionable_clause:   # partly from the counts table, partly from the documents
        return count_actionable(user, lambda table: [getattr(table, k) == v for k, v in where.items()]).get((), 0)
    filters = [getattr(DocumentCount, k) == v for k, v in where.items()]
    return db.session.scalar(select(func.coalesce(func.sum(DocumentCount.n), 0))
                             .where(clause_for(user, DocumentCount), *filters))


def exact(clause_for, user, **where) -> int:
    filters = [getattr(Document, k) == v for k, v in where.items()]
    return db.session.scalar(select(func.count()).select_from(Document).where(clause_for(user), *filters))


def assert_counts_agree(world):
    db.session.expire_all()
    for user in world.users.values():
        for clause_for in (visible_clause, actionable_clause):
            assert counted(clause_for, user) == exact(clause_for, user), (user.username, clause_for.__name__)
            for kind in ("plan", "commendation"):
                assert counted(clause_for, user, kind=kind) == exact(clause_for, user, kind=kind)
            for state in ("draft", "submitted", "issued"):
                assert counted(clause_for, user, state=state) == exact(clause_for, user, state=state)


def plain_rows(world, states) -> list[dict]:
    """Document rows for a Core insert (no ORM): the district drafter's plans in these states."""
    base = {"kind": "plan", "version": 1, "organization_id": world.district.id,
            "owner_organization_id": world.district.id, "unit_id": None,
            "created_by_id": world.users["drafter"].id, "title": "Kế hoạch", "search_text": "ke hoach",
            "body": {}, "ever_submitted": False}
    return [{**base, "state": state} for state in states]


def test_counts_follow_creation_transitions_and_deletion(world):
    docs = _one_of_each(world)
    assert_counts_agree(world)
    drafter = world.users["drafter"]
    draft = next(d for d in docs if d.state == "draft" and d.kind == "plan")
    documents.delete(draft, drafter)
    submitted = next(d for d in docs if d.state == "submitted" and d.kind == "plan")
    apply_transition(submitted, "withdraw", drafter)
    returned = next(d for d in docs if d.state == "reviewed" and d.kind == "commendation")
    apply_transition(returned, "return", world.actor_for("commendation", "approver"), comment="Bổ sung")
    assert_counts_agree(world)
    assert db.session.scalar(select(func.sum(DocumentCount.n))) == db.session.scalar(
        select(func.count()).select_from(Document))


def test_counts_follow_writes_that_bypass_the_orm(world):
    """Bulk inserts (the benchmarks, a restore), set-based updates and deletes."""
    new_plan(world)
    db.session.execute(insert(Document.__table__), plain_rows(world, ("draft", "issued", "issued")))
    db.session.commit()
    assert_counts_agree(world)
    db.session.execute(update(Document).where(Document.state == "draft").values(state="submitted", unit_id=None))
    db.session.commit()
    assert_counts_agree(world)
    db.session.execute(delete(Document).where(Document.state == "issued"))
    db.session.commit()
    assert_counts_agree(world)


def test_a_user_moved_to_another_unit_sees_the_right_totals(world):
    """Unit changes change visibility; the counts are per unit, so totals stay exact."""
    plan = new_plan(world)
    colleague = add_user("nv2", world.district, ["drafter"], "NV")
    assert documents.search(colleague).total == 1
    db.session.execute(update(Document).where(Document.id == plan.id).values(unit_id=None))
    db.session.commit()
    world.users["nv2"] = colleague
    assert_counts_agree(world)


def test_list_totals_and_worklist_counts_read_the_counts_table(world):
    cited = new_plan(world)
    advance(world, cited, "issued")
    for _ in range(3):
        advance(world, new_commendation(world, plan=cited), "submitted")
    reviewer = world.users["reviewer"]
    page = documents.search(reviewer, actionable=True, per_page=2)
    assert page.total == 3 and len(page.items) == 2
    assert [(c.kind, c.state, c.count) for c in worklist.counts(reviewer)] == [("commendation", "submitted", 3)]
    # a filter the counts table cannot answer (a year, a search) counts the documents themselves
    assert (documents.search(reviewer, q="de nghi tang giay khen").total
            == exact(visible_clause, reviewer, kind="commendation"))
    # rows left at zero by moves do not show up as empty worklist groups
    for proposal in documents.search(reviewer, actionable=True).items:
        apply_transition(proposal, "review", reviewer)
    assert worklist.counts(reviewer) == []


def test_a_bulk_load_counts_once_at_the_end_and_leaves_the_triggers_on(world):
    """services.bulk_load: the restore's way on PostgreSQL (triggers off, one recount)."""
    new_plan(world)
    db.session.commit()
    with db.engine.connect() as conn, conn.begin():
        with bulk_load.counts_rebuilt_after(conn):
            conn.execute(insert(Document.__table__), plain_rows(world, ("draft", "issued", "issued") * 50))
    assert_counts_agree(world)
    new_plan(world)          # the triggers count again afterwards
    assert_counts_agree(world)
    assert db.session.scalar(select(func.sum(DocumentCount.n))) == 152
