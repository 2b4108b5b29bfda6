"""Who is told of a step, and why (issue 14 §10), from the workflow definitions alone.

After a step forward, the users who now hold a forward step on the document are told that it
waits for them (AWAITING: the reviewers once it is submitted, the approvers once reviewed, the
văn thư once approved); who exactly holds one is asked of domain/workflows/authorization.py,
so a notice goes to the people whose button would work. A step back by the issuing body (Trả
lại) tells the document's authors (RETURNED); the authors' own step back (Rút lại) and the
creator's Hủy tell no one. The step into the last state tells the authors that it is done
(ISSUED). The authors are the creator and whoever submitted it (the actor of the latest step
out of the draft). The actor is never told of their own step.

Round deadlines (issue 15, point 6): a reminder to propose (the round's desk, or the scheduled
`flask rounds remind`) tells the users of a body or unit that has not proposed yet (DEADLINE),
through services/notices.notify() with no step (event) behind the notice; the notice is about
the plan, and names the round (reminder_sentence).
"""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_
from .workflows.authorization import may_fire
from .workflows.model import TransitionDef, WorkflowDefinition

AWAITING, RETURNED, ISSUED, DEADLINE = "awaiting", "returned", "issued", "deadline"
REASONS = {
    AWAITING: N_("Chờ bạn xử lý"),
    RETURNED: N_("Bị trả lại"),
    ISSUED: N_("Đã ban hành"),
    DEADLINE: N_("Nhắc nộp hồ sơ"),
}


@dataclass(frozen=True)
class Audience:
    reason: str
    forward_steps: tuple[TransitionDef, ...] = ()   # whoever may fire one of these now is told
    authors: bool = False                           # the creator and the submitter are told


def audience(definition: WorkflowDefinition, tdef: TransitionDef) -> Audience | None:
    """Who is told once `tdef` has been taken, or None when nobody is."""
    if definition.stops(tdef):   # Hủy: the creator's own draft, nobody waits for it
        return None
    if definition.is_step_back(tdef):
        if tdef.scope == "creator":   # the authors took it back themselves
            return None
        return Audience(RETURNED, authors=True)
    ahead = definition.forward_from(tdef.dest)
    if ahead:
        return Audience(AWAITING, forward_steps=ahead)
    return Audience(ISSUED, authors=True)


def recipients(told: Audience, document, actor_id: int, candidates, author_ids, record_of) -> list:
    """The users told, in `candidates` order, without the actor and without repeats.

    `candidates`: users who might hold a forward step (a superset: the services narrow it by
    role and body in SQL); `author_ids`: the ids of the creator and the submitter;
    `record_of(user)`: what the user did earlier on the document (separation of duties)."""
    chosen, seen = [], {actor_id}
    for user in candidates:
        if user.id in seen or not user.active:
            continue
        if ((told.authors and user.id in author_ids)
                or any(may_fire(t, user, document, record_of(user)) for t in told.forward_steps)):
            chosen.append(user)
            seen.add(user.id)
    return chosen


def roles_to_ask(told: Audience) -> set[str] | None:
    """The roles of the users who might hold a forward step; None: any role (a step open to all)."""
    roles: set[str] = set()
    for t in told.forward_steps:
        if not t.roles:
            return None
        roles.update(t.roles)
    return roles


_SENTENCES = {
    AWAITING: N_("“%(title)s” đang chờ bạn %(next)s (%(actor)s đã %(step)s)."),
    RETURNED: N_("%(actor)s đã %(step)s “%(title)s”: %(comment)s"),
    ISSUED: N_("“%(title)s” đã ban hành, số %(number)s."),
}


def describe(reason: str, *, definition: WorkflowDefinition, transition: str, from_state: str,
             to_state: str, actor: str, comment: str, title: str, number: str | None,
             roles=frozenset(), translate=lambda text: text) -> str:
    """The notice as one sentence; `translate` is the web's gettext (the e-mail stays Vietnamese).

    `roles`: the recipient's, to name the step that waits for them (all forward steps if none fits)."""
    step = definition.transition_from(transition, from_state)
    ahead = definition.forward_from(to_state)
    mine = [t for t in ahead if not t.roles or set(t.roles) & set(roles)] or list(ahead)
    values = {"title": title, "actor": actor, "comment": comment, "number": number or "",
              "step": translate(step.label).lower() if step else transition,
              "next": " / ".join(translate(t.label).lower() for t in mine)}
    return translate(_SENTENCES[reason]) % values


def reminder_sentence(*, round_name: str, due: str, left: str, title: str, translate=lambda text: text) -> str:
    """A reminder to propose (DEADLINE) as one sentence: the round, its deadline and the plan."""
    return translate(N_("Nhắc nộp hồ sơ đề nghị khen thưởng đợt “%(round)s” theo “%(title)s”: hạn nộp "
                        "%(due)s (%(left)s).")) % {"round": round_name, "title": title, "due": due,
                                                  "left": left.lower()}
