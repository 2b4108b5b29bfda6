"""The shapes of a workflow definition (Plone's definition.xml, as Python data)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateDef:
    name: str
    label: str           # Vietnamese, for badges and the diagram
    stopped: bool = False    # the workflow ends here without the document going further (Đã hủy)


@dataclass(frozen=True)
class TransitionDef:
    name: str            # the trigger: "submit", "return", ...
    source: str
    dest: str
    label: str           # the button: "Trình duyệt"
    roles: tuple[str, ...]   # any of these roles may fire it; () = any signed-in user in scope
    scope: str           # who, besides the role: "owner_unit" | "creator" | "issuer" | "proposer_leader"
                         # | "unit_head" (the last two sign the proposer's Tờ trình: authorization.py)
    excludes: tuple[str, ...] = ()     # separation of duties: who held these earlier may not fire it (duties.py)
    comment_required: bool = False
    requires: tuple[str, ...] = ()     # content guards (guards.py), refused with 422 and reasons
    numbering: str | None = None       # "issued": the issuer's number; "proposal": the proposer's Tờ trình
    generates: tuple[str, ...] = ()    # document masters rendered by this step
    # what the step does besides moving the state, before the guards run (effects.py), and
    # so which request fields it takes: ("sign",) takes `signer_form`
    effects: tuple[str, ...] = ()
    done_message: str = ""             # shown once the step is done (may use %(number)s)


@dataclass(frozen=True)
class WorkflowDefinition:
    kind: str
    label: str                          # Vietnamese: "Kế hoạch"
    type_abbr: str                      # the issued document's type: "KH", "QĐ"
    states: tuple[StateDef, ...]
    transitions: tuple[TransitionDef, ...]
    initial: str = "draft"
    compose_label: str = ""             # the button that starts one: "Soạn kế hoạch"

    @property
    def state_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    @property
    def transition_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.name for t in self.transitions))

    def state_label(self, name: str) -> str:
        return next(s.label for s in self.states if s.name == name)

    def transition_label(self, name: str) -> str:
        return next(t.label for t in self.transitions if t.name == name)

    def transition_from(self, name: str, state: str) -> TransitionDef | None:
        return next((t for t in self.transitions if t.name == name and t.source == state), None)

    def transitions_from(self, state: str) -> tuple[TransitionDef, ...]:
        return tuple(t for t in self.transitions if t.source == state)

    def is_step_back(self, tdef: TransitionDef) -> bool:
        """Rút lại, Trả lại: the steps that lead back to the draft (see is_forward for the rest)."""
        return tdef.dest == self.initial

    def stops(self, tdef: TransitionDef) -> bool:
        """Hủy: the step that ends the document's workflow (its state is `stopped`)."""
        return any(s.stopped for s in self.states if s.name == tdef.dest)

    def is_forward(self, tdef: TransitionDef) -> bool:
        """A step that takes the document further: neither back to the draft nor out of the
        workflow (the worklist holds the documents where the user has one of those)."""
        return not self.is_step_back(tdef) and not self.stops(tdef)

    def forward_from(self, state: str) -> tuple[TransitionDef, ...]:
        """The steps forward from `state`: what waits for someone once a document is there."""
        return tuple(t for t in self.transitions_from(state) if self.is_forward(t))
