"""What a step does to the document besides moving its state: DCWorkflow's before-scripts, as data.

A transition lists its effects by name (TransitionDef.effects); each effect may take one field
of the step's request (the API's TransitionRequest, the web's transition form). The transition
service applies them, in the listed order, before the content guards run, so a guard sees the
document as the step leaves it (review decisions made, signature set). A field sent to a step
none of whose effects takes it is refused: it would otherwise be silently lost.

`document` needs the attributes each effect touches (see the functions); `actor` full_name,
position, id; `at` an aware datetime.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from .. import meeting, signing, validation
from ..clock import local_date
from ..errors import BadRequest, ValidationFailed
from .authorization import UNIT_HEAD_TITLE
from .definitions import DEFINITIONS


@dataclass(frozen=True)
class Effect:
    apply: Callable[[object, object, object, datetime], None]   # (document, actor, field value, at)
    field: str | None = None         # the request field it takes, if any
    # (field value, at): raises what is wrong with the value alone, before any effect applies, so
    # that a step taking several fields names every wrong one at once
    check: Callable[[object, datetime], None] | None = None


def _review_decisions(document, actor, decisions, at) -> None:
    """Record each decision given; a nominee the reviewer did not mention is accepted."""
    by_id = {n.id: n for n in document.nominees}
    for d in validation.review_decisions(decisions):
        nominee = by_id.get(d["id"])
        if nominee is None:
            raise ValidationFailed("Có trường hợp không thuộc tờ trình này.",
                                   {"nominees": f"Không có người được đề nghị mã {d['id']}."})
        nominee.review_status, nominee.review_note = d["status"], d["note"]
        nominee.votes_for, nominee.votes_total = d["votes_for"], d["votes_total"]
    for nominee in document.nominees:
        if nominee.review_status not in ("accepted", "rejected"):
            nominee.review_status = "accepted"


def _record_meeting(document, actor, value, at) -> None:
    """The meeting the review's Biên bản records (domain/meeting.py), as JSON in
    `document.meeting`. Not sent: the one recorded stays (a re-review after a return keeps it,
    as it keeps the decisions); `{}`: none (the Biên bản then names no meeting)."""
    if value is None:
        return
    found = meeting.meeting_input(value, now=at)
    document.meeting = found.to_json() if found is not None else None


def _sign(document, actor, form, at) -> None:
    form = signing.signer_form(form, actor.position, document.issuer.head_title)
    document.signer_name, document.signer_position = actor.full_name, actor.position
    document.signer_form, document.approved_by_id = form, actor.id


def _sign_proposal(document, actor, form, at) -> None:
    """`submit` signs the proposing body's Tờ trình: its head (TM.), or a deputy for the head (KT.)."""
    _sign_proposal_as(document, actor, signing.signer_form(form, actor.position, document.proposer.head_title))


def _sign_unit_proposal(document, actor, form, at) -> None:
    """`submit` signs the drafting unit's Tờ trình: its head signs in their own name (TRƯỞNG PHÒNG);
    a document of no unit goes out under its body, signed as the body's (_sign_proposal)."""
    if document.unit_id is None:
        return _sign_proposal(document, actor, form, at)
    head = UNIT_HEAD_TITLE
    _sign_proposal_as(document, actor, signing.signer_form(form, head, head))


def _sign_proposal_as(document, actor, form: str) -> None:
    document.proposal_signer_name, document.proposal_signer_position = actor.full_name, actor.position
    document.proposal_signer_form = form


def default_signer_form(document, actor) -> str:
    """The form `actor` signs in unless they choose another, at the signing step open from the
    document's state (what the web's form starts with)."""
    for t in DEFINITIONS[document.kind].transitions_from(document.state):
        if "sign_unit_proposal" in t.effects and document.unit_id is not None:
            return ""   # a unit's head signs in their own name
        if "sign_proposal" in t.effects or "sign_unit_proposal" in t.effects:
            return signing.default_signer_form(actor.position, document.proposer.head_title)
    return signing.default_signer_form(actor.position, document.issuer.head_title)


def _forget_signature(document, actor, value, at) -> None:
    document.signer_name = document.signer_position = document.signer_form = None
    document.approved_by_id = None


def _sign_digitally(document, actor, pin, at) -> None:
    """The approver's signing PIN (issue 16): taken by the step, used by the transition service,
    which opens the approver's key with it before anything changes and signs the approved PDF
    (services/signatures.py) when the issuing body signs digitally; nothing to do here."""


def _mark_submitted(document, actor, value, at) -> None:
    document.ever_submitted = True   # a draft once submitted is no longer deleted (its number is taken)


def _void_numbers(document, actor, value, at) -> None:
    """Hủy: the numbers given to the document stay taken (never given again), marked unused."""
    for entry in document.register_entries:
        if entry.voided_at is None:
            entry.voided_at = at


def _issue_date(document, actor, value, at) -> None:
    document.issued_on = issue_date(value, today=local_date(at), approved_on=_approved_on(document))


def _approved_on(document) -> date | None:
    """The day of the last signature: the last step whose effects sign."""
    signing_steps = {t.name for t in DEFINITIONS[document.kind].transitions if "sign" in t.effects}
    return next((local_date(e.at) for e in reversed(document.events) if e.transition in signing_steps), None)


def issue_date(value, *, today: date, approved_on: date | None) -> date:
    """The issue date asked for (YYYY-MM-DD; none: today, the office's calendar day), checked."""
    if value in (None, ""):
        return today
    if not isinstance(value, str):
        raise ValidationFailed("Ngày ban hành không hợp lệ.", {"issued_on": "Dạng YYYY-MM-DD."})
    try:
        issued_on = date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("Ngày ban hành không hợp lệ.", {"issued_on": "Dạng YYYY-MM-DD."}) from None
    if approved_on and issued_on < approved_on:
        raise ValidationFailed("Ngày ban hành không được trước ngày phê duyệt.",
                               {"issued_on": f"Từ {approved_on.isoformat()} trở đi."})
    if issued_on > today:
        raise ValidationFailed("Ngày ban hành không được ở tương lai.", {"issued_on": "Không sau hôm nay."})
    return issued_on


EFFECTS: dict[str, Effect] = {
    "review_decisions": Effect(_review_decisions, field="nominees",
                               check=lambda value, at: validation.review_decisions(value)),
    "record_meeting": Effect(_record_meeting, field="meeting",
                             check=lambda value, at: meeting.meeting_input(value, now=at)),
    "sign": Effect(_sign, field="signer_form"),
    "sign_proposal": Effect(_sign_proposal, field="signer_form"),
    "sign_unit_proposal": Effect(_sign_unit_proposal, field="signer_form"),
    "issue_date": Effect(_issue_date, field="issued_on"),
    "sign_digitally": Effect(_sign_digitally, field="signing_pin"),
    "forget_signature": Effect(_forget_signature),
    "mark_submitted": Effect(_mark_submitted),
    "void_numbers": Effect(_void_numbers),
}
STEP_FIELDS = tuple(dict.fromkeys(e.field for e in EFFECTS.values() if e.field))   # every field any step takes


def fields_of(effects: tuple[str, ...]) -> tuple[str, ...]:
    """The request fields a step with these effects takes (a kind's own effects take none)."""
    return tuple(EFFECTS[name].field for name in effects if name in EFFECTS and EFFECTS[name].field)


def apply_effects(effects: tuple[str, ...], document, actor, given: dict, at: datetime,
                  own: dict[str, Effect] | None = None) -> None:
    """Apply the step's effects, the shared ones above and the kind's `own` (DocumentKind.effects),
    with the fields `given`; refuse fields the step does not take."""
    taken = fields_of(effects)
    unused = sorted(set(given) - set(taken))
    if unused:
        known = [k for k in unused if k in STEP_FIELDS]
        raise ValidationFailed("Dữ liệu không dùng cho thao tác này.",
                               {k: "Không dùng cho thao tác này." if k in known else "Không được hỗ trợ."
                                for k in unused})
    chosen = [EFFECTS[name] if name in EFFECTS else own[name] for name in effects]
    _check_all(chosen, given, at)
    for effect in chosen:
        effect.apply(document, actor, given.get(effect.field) if effect.field else None, at)


def _check_all(effects: list[Effect], given: dict, at: datetime) -> None:
    """Every field's own check; one refusal naming all that is wrong (wrong types first: 400)."""
    refusals = []
    for effect in effects:
        if effect.check is not None and effect.field is not None:
            try:
                effect.check(given.get(effect.field), at)
            except (ValidationFailed, BadRequest) as refusal:
                refusals.append(refusal)
    bad_types = [r for r in refusals if isinstance(r, BadRequest)]
    worst = bad_types or refusals
    if len(worst) == 1:
        raise worst[0]
    if worst:
        fields = {k: v for r in worst for k, v in r.fields.items()}
        raise type(worst[0])("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", fields)
