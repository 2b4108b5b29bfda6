"""Two reviewers making a round's decision at the same moment (issue 15, point 5), on PostgreSQL
(row locks across sessions): one decision is made, the other is refused with nothing left behind,
and no proposal is in two decisions."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from tests.factories import add_user, build_world
from tests.round_decision_world import round_world
from workflow_app.domain.errors import Conflict
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, Nominee
from workflow_app.services import round_decisions


def test_two_reviewers_deciding_at_once_make_one_decision(pg_app, monkeypatch):
    world = build_world()
    rw = round_world(world)
    second = add_user("reviewer.two", world.district, ["reviewer"])
    reviewers = [world.users["reviewer"].id, second.id]
    proposal_ids = [p.id for p in rw.proposals]
    round_id, plan_id = rw.round.id, rw.plan.id
    documents_before = db.session.scalar(select(func.count()).select_from(Document))
    db.session.remove()

    both_chose = threading.Barrier(2, timeout=30)
    copies = round_decisions._copies

    def after_choosing(proposals):   # both have read the proposals as open before either writes
        both_chose.wait()
        return copies(proposals)
    monkeypatch.setattr(round_decisions, "_copies", after_choosing)

    outcomes: dict[int, object] = {}

    def decide(user_id: int) -> None:
        from workflow_app.models import User
        with pg_app.app_context():
            try:
                made = round_decisions.create(round_id, db.session.get(User, user_id))
                outcomes[user_id] = made.id
            except Exception as exc:   # noqa: BLE001 - the outcome is what the test looks at
                db.session.rollback()
                outcomes[user_id] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=decide, args=(uid,)) for uid in reviewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    made = [v for v in outcomes.values() if isinstance(v, int)]
    refused = [v for v in outcomes.values() if not isinstance(v, int)]
    assert len(made) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], Conflict), refused
    decisions = list(db.session.scalars(select(Document).where(Document.kind == "decision")))
    assert [d.id for d in decisions] == made
    assert db.session.scalar(select(func.count()).select_from(Document)) == documents_before + 1
    assert {p.decision_id for p in db.session.scalars(select(Document).where(Document.id.in_(proposal_ids)))} \
        == set(made)
    assert db.session.scalar(select(func.count()).select_from(Nominee).where(Nominee.document_id != made[0],
                                                                            Nominee.proposal_id.is_not(None))) == 0
    assert db.session.scalar(select(func.count()).select_from(GeneratedFile)
                             .where(GeneratedFile.document_id.not_in([made[0], *proposal_ids, plan_id]))) == 0
