"""Binds the definitions to documents through `transitions`: one Machine per kind, built once.

The Machine holds no model (`model=None`): a document is fired with
`machine.events[name].trigger(doc)`, which reads and writes `doc.state`. That costs
nothing per document, and `auto_transitions=False` means no `to_issued()` shortcut
can skip the guards. If anything fails after the trigger, the new state is only in
memory: the service rolls the session back.
"""
from __future__ import annotations

from transitions import Machine, MachineError

from ..errors import Conflict, NotFound, ValidationFailed
from .definitions import DEFINITIONS
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
            send_event=True,
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

    def fire(self, document, name: str, **context) -> None:
        """Move `document.state` along `name`; the caller has checked roles and guards."""
        try:
            fired = self.machine.events[name].trigger(document, **context)
        except MachineError as exc:  # the state changed under us
            raise Conflict("Trạng thái văn bản đã thay đổi, vui lòng tải lại.") from exc
        if not fired:
            raise Conflict("Không thực hiện được thao tác ở trạng thái hiện tại.")


ENGINES: dict[str, WorkflowEngine] = {kind: WorkflowEngine(d) for kind, d in DEFINITIONS.items()}


def engine_for(kind: str) -> WorkflowEngine:
    try:
        return ENGINES[kind]
    except KeyError:
        raise NotFound(f"Không có loại văn bản “{kind}”.") from None
