"""The documents a step generates: rendered before the step takes its number, stored with its history row.

Rendering is the slow part of a step (milliseconds of CPU per file), so it runs before
the number register is locked, with a marker where the number goes; the number is
filled in once the register gives it (domain/documents/fast_render/number_slot.py).
A file whose marker did not come out whole, and every file when DOCUMENT_RENDERER is
"reference", is rendered the plain way instead: lock the register, number, render.
A paper issued with the document under a number of its own (MasterSpec.own_number: a round
decision's Thông báo to each proposing body) is numbered the same way, right after the document.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Callable, NamedTuple

from flask import current_app

from ..domain.documents import (
    FAST,
    NumberSplitAcrossRuns,
    RenderedFile,
    certificate_pages,
    fill_number,
    generate,
    new_marker,
)
from ..domain.documents.contexts import master_spec
from ..domain.documents.data import Numbering
from ..domain.kinds import kind_spec
from ..domain.workflows.model import TransitionDef
from ..extensions import db
from ..models import Document, GeneratedFile, RegisterEntry, User, WorkflowEvent
from . import register
from .document_data import PendingNumber, content_of, generation_of


def pending_number(document: Document, purpose: str | None) -> PendingNumber | None:
    """The number slot the step's files leave for the register; None when the step gives no number
    or the document keeps the one it has (a resubmitted proposal's Tờ trình)."""
    if purpose is None:
        return None
    has_number = document.number_entry if purpose == "issued" else document.proposal_entry
    return None if has_number is not None else PendingNumber(purpose, new_marker())


def _renderer() -> str:
    return current_app.config.get("DOCUMENT_RENDERER", FAST)


class _Job(NamedTuple):
    """One file a step renders: its master, the content (a part's, for a master split in parts),
    its file name and the body it is for."""
    master: str
    content: object
    name: str
    for_organization_id: int | None


def _jobs(document: Document, content, names: tuple[str, ...]) -> list[_Job]:
    """The files `names` make, in order. A certificate no awardee gets (no "Chiến sĩ thi đua cơ
    sở" in the decision) makes no file."""
    split = kind_spec(document.kind).file_parts
    jobs = []
    for name in names:
        if certificate_pages(name, content) == 0:
            continue
        if split is None or not (master_spec(name).certificate or master_spec(name).per_part):
            jobs.append(_Job(name, content, f"{name}.docx", None))
            continue
        for suffix, part, organization_id in split(document, content):   # one file per part
            if certificate_pages(name, part) != 0:
                jobs.append(_Job(name, part, f"{name}-{suffix}.docx", organization_id))
    return jobs


class OwnNumber(NamedTuple):
    """A file of the step numbered on its own (MasterSpec.own_number): its register row's parts."""
    file_name: str
    type_abbr: str
    title: str
    recipients: tuple[str, ...]


def own_numbers(document: Document, tdef: TransitionDef) -> list[OwnNumber]:
    """The step's files that take numbers of their own, in the order they are rendered: only at
    the step that numbers the document (issue), and not again once taken."""
    if tdef.numbering != "issued" or any(e.purpose == register.OWN for e in document.register_entries):
        return []
    own = tuple(name for name in tdef.generates if master_spec(name).own_number)
    if not own:
        return []
    found = []
    for job in _jobs(document, content_of(document), own):
        spec = master_spec(job.master)
        title, recipients = spec.own_entry(job.content) if spec.own_entry else (document.title, ())
        found.append(OwnNumber(job.name, spec.own_number, title, tuple(recipients)))
    return found


def generate_step_files(document: Document, tdef: TransitionDef, at: datetime, *, comment: str = "",
                        actor: User | None = None, pending: PendingNumber | None = None,
                        names: tuple[str, ...] | None = None,
                        own: int | dict[str, int] | None = None) -> list[RenderedFile]:
    """Render the step's documents (or those of `names`); nothing is written to the database.

    own: the number of each file numbered on its own (MasterSpec.own_number), by file name, or
    one marker they all print until the register gives them their numbers (number_slot.py);
    None: such files print a blank number (a draft), or the numbers the register gave them."""
    template_dir = Path(current_app.config["DOCUMENT_TEMPLATES"])
    content = content_of(document)
    generation = generation_of(document, at, comment=comment, actor=actor, pending=pending)
    names = tdef.generates if names is None else names
    if own is None:
        own = _given_own_numbers(document) if any(master_spec(n).own_number for n in names) else {}
    files = []
    for job in _jobs(document, content, names):
        gen = generation
        type_abbr = master_spec(job.master).own_number
        seq = (own if isinstance(own, int) else own.get(job.name)) if type_abbr else None
        if seq is not None:
            gen = replace(generation, own_numbering=Numbering(type_abbr, document.issuer.abbreviation, seq,
                                                              issued_on=document.issued_on))
        rendered = generate(job.master, job.content, gen, template_dir, _renderer())
        if job.name != f"{job.master}.docx" or job.for_organization_id is not None:
            rendered = replace(rendered, name=job.name, for_organization_id=job.for_organization_id)
        files.append(rendered)
    return files


def _given_own_numbers(document: Document) -> dict[str, int]:
    """The numbers the document's files numbered on their own were given, by file name (as issued_file
    pairs them: in order)."""
    entries = [e for e in document.register_entries if e.purpose == register.OWN]
    if not entries:
        return {}
    files = [f for f in document.files if f.step == "issued" and register.own_numbered(f.template_name)]
    return {f.file_name: e.seq for f, e in zip(files, entries)}


def _take_own_numbers(document: Document, own: list[OwnNumber], at: datetime) -> dict[str, int]:
    """Number each of `own` from the issuer's register (its row written), in order."""
    return {o.file_name: register.enter_own(document, o.type_abbr, o.title, o.recipients, at).seq for o in own}


def render_and_number(document: Document, tdef: TransitionDef, at: datetime, *, comment: str = "",
                      actor: User | None = None, render: bool = True,
                      take_number: Callable[[], RegisterEntry] | None = None) -> list[RenderedFile]:
    """The step's files (none unless `render`), numbered by `take_number()` if the step gives a number.

    take_number locks the register until commit, so it is called as late as it can be: after the
    render, with the number filled in over the marker, unless the reference renderer is configured
    (then: lock, number, render). A file whose marker came out split across runs is rendered again,
    under the lock, with the number itself.
    """
    rendering = render and bool(tdef.generates)
    if take_number is None or not rendering:
        files = generate_step_files(document, tdef, at, comment=comment, actor=actor) if rendering else []
        if take_number is not None:
            take_number()
        return files
    own = own_numbers(document, tdef)   # the papers issued under numbers of their own (Thông báo)
    if _renderer() != FAST:
        take_number()
        seqs = _take_own_numbers(document, own, at)
        return generate_step_files(document, tdef, at, comment=comment, actor=actor, own=seqs)
    pending = pending_number(document, tdef.numbering)
    own_marker = new_marker() if own else None
    files = generate_step_files(document, tdef, at, comment=comment, actor=actor, pending=pending,
                                own=own_marker)
    entry = take_number()
    seqs = _take_own_numbers(document, own, at)   # after the document's own: the registers' lock order
    if pending is None and not seqs:
        return files
    numbered = []
    for f in files:
        try:
            if pending is not None:
                f = fill_number(f, pending.marker, entry.seq)
            if f.name in seqs:
                f = fill_number(f, own_marker, seqs[f.name])
            numbered.append(f)
        except NumberSplitAcrossRuns:   # that file again (of a master split in parts: that part)
            numbered += [g for g in generate_step_files(document, tdef, at, comment=comment, actor=actor,
                                                        names=(f.template_name,), own=seqs) if g.name == f.name]
    return numbered


def store_step_files(document: Document, event: WorkflowEvent, files: list[RenderedFile],
                     at: datetime) -> list[GeneratedFile]:
    """The rendered files as rows of `event` (written by the caller's flush)."""
    rows = [GeneratedFile(document=document, event=event, step=event.to_state,
                          template_name=f.template_name, template_sha256=f.template_sha256,
                          file_name=f.name, content=f.content, sha256=f.sha256, size=f.size, created_at=at,
                          for_organization_id=f.for_organization_id)
            for f in files]
    db.session.add_all(rows)
    return rows
