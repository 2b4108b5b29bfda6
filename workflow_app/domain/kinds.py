"""Document kinds: one spec per kind, registered here; everything kind-specific comes from it.

A kind (a plan, a commendation proposal, ...) is a package under workflow_app/kinds/ that builds
a `DocumentKind` and registers it (workflow_app/kinds/__init__.py registers the built-in ones
when the app package is imported). Services, views and the API ask the spec instead of testing
the kind's name, so a new kind is its package, its masters and its tests.

The spec names its web editor and templates by dotted path and template name, so the domain
still imports no Flask: the web layer resolves them (web/documents/editor.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .errors import NotFound
from .workflows.definitions import DEFINITIONS
from .workflows.effects import EFFECTS, Effect
from .workflows.engine import ENGINES, WorkflowEngine
from .workflows.guards import GUARDS
from .workflows.model import WorkflowDefinition


@dataclass(frozen=True)
class MasterSpec:
    """A .docx master a kind renders: its context builder (content, Generation) -> (context, DocMeta)."""
    build: Callable[[Any, Any], tuple[dict, Any]]
    accepts: tuple[type, ...]        # the content types it is made from
    certificate: bool = False        # landscape Giấy khen: outside the ND30 format rules
    per_part: bool = False           # rendered once per part of its kind's file_parts, as certificates are
    # A paper issued with the document under a number of its own (a round decision's Thông báo
    # kết quả, one per proposing body): the type whose series of the issuer's register numbers
    # each file at the step that numbers the document ("TB"), and the register row of each:
    # own_entry(the part's content) -> (trích yếu, recipients).
    own_number: str | None = None
    own_entry: Callable[[Any], tuple[str, tuple[str, ...]]] | None = None


@dataclass(frozen=True)
class DocumentKind:
    definition: WorkflowDefinition
    # body: clean_body(collector, body dict) -> the cleaned body (domain/validation.py's Collector)
    clean_body: Callable[[Any, dict], dict]
    body_schema: dict                # JSON Schema properties of `body`, for the API (with descriptions)
    # content(document, find) -> the data its masters render (domain/documents/data.py);
    # find(document_id) gives a document it cites, or None.
    content: Callable[[Any, Callable[[int], Any]], Any]
    sample: Any                      # neutral content, every field filled, for checking masters
    masters: dict[str, MasterSpec]   # every master its steps generate, by name
    editor_form: str                 # "package.module:FormClass" (web layer)
    editor_template: str             # the editor page
    preview_template: str            # the part of the document page that shows its content
    # its own content guards and step effects by name (domain/workflows/guards.py and effects.py
    # have the shared ones); its own effects take no request field
    guards: dict[str, Callable[[Any], dict[str, str]]] = field(default_factory=dict)
    effects: dict[str, Effect] = field(default_factory=dict)
    # citation(document) -> how other documents cite an issued one ("Kế hoạch số 67/KH-UBND ngày ...")
    citation: Callable[[Any], str] | None = None
    # search_text(document) -> the text of its body a search finds besides its title, number and
    # nominees' names (services/documents.py search_key): a plan's sections, a proposal's reason
    search_text: Callable[[Any], str] | None = None
    # issued_title(content) -> the trích yếu of what is issued when it is not the draft's title (a
    # proposal is issued as a decision "Về việc tặng …"): the issuer's register row and the lists
    # show it; None: the title
    issued_title: Callable[[Any], str] | None = None
    has_nominees: bool = False       # a list of nominees (table, Excel import, review decisions)
    issued_by: str = "own"           # "own": the drafter's body issues it; "parent": the body above
    proposer: str = "drafting_unit"  # who sends its Tờ trình: "drafting_unit" or "proposing_body"
    cites: dict[str, str] = field(default_factory=dict)   # body field -> the kind of issued document it names
    addresses_bodies_below: bool = False   # once issued, the bodies below its issuer may read it
    # Commendation rounds (đợt khen thưởng): a kind whose body declares rounds (body.rounds, made
    # into `rounds` rows by its issue step), and a kind whose body answers one (body.round_id: its
    # nominees must fit the round's groups, and a submission after the round's deadline is late).
    declares_rounds: bool = False
    answers_rounds: bool = False
    # A kind that decides a round: ONE decision made from the round's reviewed proposals (their
    # accepted nominees copied, each keeping its proposal), never drafted by hand
    # (services/round_decisions.py); `composed` False: no one creates it by POST /documents or the editor.
    decides_rounds: bool = False
    composed: bool = True
    # file_parts(document, content) -> [(file name suffix, the part's content, the body it is for)]:
    # its certificate masters are rendered once per part (a round decision: one file of
    # certificates per proposing body); None: once.
    file_parts: Callable[[Any, Any], list[tuple[str, Any, int]]] | None = None
    # step name -> why(document): the reason a comment is required on that step now, or None
    # (a late proposal's review records why it is still considered)
    comment_required_when: dict[str, Callable[[Any], str | None]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.definition.kind

    @property
    def label(self) -> str:
        return self.definition.label


KINDS: dict[str, DocumentKind] = {}
_version = 0   # bumped on every change, so what is derived from the kinds can be rebuilt


def register(kind: DocumentKind) -> None:
    global _version
    if kind.name in KINDS:
        raise ValueError(f"document kind {kind.name!r} is already registered")
    _check_complete(kind)
    for name, master in kind.masters.items():
        owner = master_owner(name)
        if owner is not None and owner.masters[name] != master:
            raise ValueError(f"master {name!r} already belongs to {owner.name!r}")
    KINDS[kind.name] = kind
    DEFINITIONS[kind.name] = kind.definition
    ENGINES[kind.name] = WorkflowEngine(kind.definition)
    _version += 1


def _check_complete(kind: DocumentKind) -> None:
    """Every guard, effect and master a step names exists: a typo fails at start-up, not mid-step."""
    for t in kind.definition.transitions:
        unknown = ([g for g in t.requires if g not in kind.guards and g not in GUARDS]
                   + [e for e in t.effects if e not in EFFECTS and e not in kind.effects]
                   + [m for m in t.generates if m not in kind.masters])
        if unknown:
            raise ValueError(f"{kind.name}: step {t.name!r} from {t.source!r} names unknown {unknown}")
    if any(e.field for e in kind.effects.values()) or set(kind.effects) & set(EFFECTS):
        raise ValueError(f"{kind.name}: its own effects take no request field and reuse no shared name")


def unregister(name: str) -> None:
    global _version
    KINDS.pop(name, None)
    DEFINITIONS.pop(name, None)
    ENGINES.pop(name, None)
    _version += 1


@contextmanager
def registered(kind: DocumentKind) -> Iterator[DocumentKind]:
    """`kind` registered for the duration of the block (tests: a kind that exists only there)."""
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.name)


def version() -> int:
    return _version


def kind_spec(name: str) -> DocumentKind:
    try:
        return KINDS[name]
    except KeyError:
        raise NotFound(f"Không có loại văn bản “{name}”.") from None


def master_owner(name: str) -> DocumentKind | None:
    """The kind a master belongs to (the first registered that lists it)."""
    return next((k for k in KINDS.values() if name in k.masters), None)


def all_masters() -> dict[str, MasterSpec]:
    masters: dict[str, MasterSpec] = {}
    for kind in KINDS.values():
        for name, master in kind.masters.items():
            masters.setdefault(name, master)
    return masters
