"""Binds a definition to documents through `transitions`: one Machine per kind (domain/kinds.py).

What `transitions` does here, plainly: it holds the state graph and moves `doc.state` along
it, refusing a trigger from a state it does not leave. That is all. Who may fire a step
(authorization.py), what the document must hold (guards.py), what the step does (effects.py),
the documents it renders and the number it takes are run by services/transitions.py, in one
database transaction and in an order chosen for the number register's lock; they need the
actor, the session and the renderer, which a Machine callback would have to reach through
globals. So no callbacks, conditions or event data are given to the Machine.

The Machine holds no model (`model=None`): a document is fired with
`machine.events[name].trigger(doc)`, which reads and writes `doc.state`. That costs
nothing per document, and `auto_transitions=False` means no `to_issued()` shortcut
can skip the service. If anything fails after the trigger, the new state is only in
memory: the service rolls the session back.
"""
from __future__ import annotations

from transitions import Machine, MachineError

from ..errors import Conflict, NotFound, ValidationFailed
from .model import TransitionDef, WorkflowDefinition


class WorkflowEngine:
    def __init__(self, definition: WorkflowDefinition):
        self.definition = definition
        self.machine = Machine(
            model=None,
            states=list(definition.state_names),
            transitions=[
                {"trigger": t.name, "source": t.source, "dest": t.dest} for t in definition.transitions
            ],
            initial=definition.initial,
            auto_transitions=False,
            model_attribute="state",
        )

    def resolve(self, name: str, state: str) -> TransitionDef:
        """The definition of `name` from `state`, or the refusal that explains why there is none."""
        if name not in self.definition.transition_names:
            raise ValidationFailed(
                f"Không có thao tác “{name}” cho {self.definition.label.lower()}.",
                {"transition": "Thao tác không tồn tại."})
        tdef = self.definition.transition_from(name, state)
        if tdef is None:
            raise Conflict(
                f"Không thể “{self.definition.transition_label(name)}” khi văn bản đang ở trạng thái "
                f"“{self.definition.state_label(state)}”.")
        return tdef

    def fire(self, document, name: str) -> None:
        """Move `document.state` along `name`; the caller has checked roles and guards."""
        try:
            fired = self.machine.events[name].trigger(document)
        except MachineError as exc:  # the state changed under us
            raise Conflict("Trạng thái văn bản đã thay đổi, vui lòng tải lại.") from exc
        if not fired:
            raise Conflict("Không thực hiện được thao tác ở trạng thái hiện tại.")


# One engine per registered kind, kept by domain/kinds.py (register / unregister).
ENGINES: dict[str, WorkflowEngine] = {}


def engine_for(kind: str) -> WorkflowEngine:
    try:
        return ENGINES[kind]
    except KeyError:
        raise NotFound(f"Không có loại văn bản “{kind}”.") from None
