"""Files rendered before the number is taken: the number is filled in after, and nothing is held meanwhile.

apply_transition renders the step's files with a marker where the number goes, then
locks the register, takes the number and writes it over the marker (fast_render/number_slot.py).
A master whose number comes out split across runs, and the reference renderer, go the plain
way instead: lock, number, render.
"""
import io
import re
import zipfile

import pytest
from docx import Document as DocxDocument
from sqlalchemy import create_engine, func, select, text, update

from tests.domain import split_masters
from tests.domain.document_samples import text as docx_text
from tests.domain.test_documents_certificates import _pages as pages_of
from tests.factories import advance, build_world, new_commendation, new_plan, snapshot
from workflow_app.domain.documents import REFERENCE
from workflow_app.domain.errors import Conflict
from workflow_app.extensions import db
from workflow_app.models import Document, NumberRegister, RegisterEntry
from workflow_app.services import generation, register
from workflow_app.services.transitions import apply_transition

MARKER = re.compile(rb"(?<!\d)\d{12}/")


def issued_files(document):
    return {f.template_name: f for f in document.files if f.step == "issued"}


def core_identifier(content: bytes) -> str:
    return DocxDocument(io.BytesIO(content)).core_properties.identifier


def markers_left(content: bytes) -> list[bytes]:
    """Every `<12 digits>/` in any member of the .docx: a marker where a number should be."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return [m for name in z.namelist() for m in MARKER.findall(z.read(name))]


def issue(world, document, **kwargs):
    return apply_transition(document, "issue", world.users["archivist"], **kwargs)


def after_render(monkeypatch, action):
    """Run `action(document)` right after the step's files are rendered, before anything else."""
    render = generation.generate_step_files

    def rendering_then(document, *args, **kwargs):
        files = render(document, *args, **kwargs)
        action(document)
        return files
    monkeypatch.setattr(generation, "generate_step_files", rendering_then)


def test_the_decision_number_is_in_the_quyet_dinh_and_on_every_giay_khen_page(world):
    proposal = new_commendation(world)
    advance(world, proposal, "approved")
    issue(world, proposal)
    files = issued_files(proposal)
    number = proposal.number
    assert number == "01/QĐ-UBND"

    decision = files["quyet-dinh-khen-thuong"].content
    assert f"Số: {number}" in docx_text(decision) and core_identifier(decision) == number
    pages = pages_of(files["giay-khen"].content)
    accepted = [n for n in proposal.nominees if n.review_status == "accepted"]
    assert len(pages) == len(accepted) > 1
    assert all(any(f"Quyết định số {number} ngày" in line for line in page) for page in pages)
    assert core_identifier(files["giay-khen"].content) == number
    for f in files.values():
        assert markers_left(f.content) == [] and f.size == len(f.content)


def test_the_proposal_number_is_filled_at_the_first_submit_and_kept_at_the_next(world):
    proposal = new_commendation(world)
    drafter, reviewer = world.actor_for("commendation", "proposal_signer"), world.users["reviewer"]
    apply_transition(proposal, "submit", drafter)
    first = proposal.proposal_entry.number
    apply_transition(proposal, "return", reviewer, comment="Bổ sung hồ sơ.")
    apply_transition(proposal, "submit", drafter)
    to_trinh = [f for f in proposal.files if f.template_name == "to-trinh-khen-thuong"]
    assert len(to_trinh) == 2 and first.endswith("/TTr-UBND")
    for f in to_trinh:
        assert f"Số: {first}" in docx_text(f.content) and core_identifier(f.content) == first
    assert db.session.scalar(select(func.count()).select_from(RegisterEntry)
                             .where(RegisterEntry.purpose == "proposal")) == 1


def test_a_stale_issue_after_the_render_leaves_no_entry_and_the_next_issue_takes_the_next_number(
        world, monkeypatch):
    first, second = new_plan(world), new_plan(world)
    for plan in (first, second):
        advance(world, plan, "approved")
    issue(world, first)
    assert first.number == "01/KH-UBND"
    before = snapshot(second.id)

    def concurrent_step(document):   # someone else's step lands while this one renders
        db.session.execute(update(Document).where(Document.id == document.id)
                           .values(version=Document.version + 1)
                           .execution_options(synchronize_session=False))
    after_render(monkeypatch, concurrent_step)
    with pytest.raises(Conflict):
        issue(world, second)
    monkeypatch.undo()

    assert snapshot(second.id) == before
    assert second.register_entries == []
    issue(world, second)
    assert second.number == "02/KH-UBND"
    assert "Số: 02/KH-UBND" in docx_text(issued_files(second)["ke-hoach"].content)


def test_an_error_storing_the_files_after_the_history_row_rolls_everything_back(world, monkeypatch):
    plan = new_plan(world)
    advance(world, plan, "approved")
    before = snapshot(plan.id)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(generation, "store_step_files", broken)
    with pytest.raises(RuntimeError):
        issue(world, plan)
    assert snapshot(plan.id) == before and plan.state == "approved"


def test_a_master_without_the_number_slot_refuses_the_issue_and_gives_back_the_number(world, monkeypatch):
    plan = new_plan(world)
    advance(world, plan, "approved")
    before = snapshot(plan.id)
    render = generation.generate_step_files

    def rendering_without_the_marker(document, tdef, at, *, pending, **kwargs):   # a master that lost it
        return render(document, tdef, at, pending=None, **kwargs)
    monkeypatch.setattr(generation, "generate_step_files", rendering_without_the_marker)
    with pytest.raises(ValueError, match="number slot"):
        issue(world, plan)
    assert snapshot(plan.id) == before


def test_nothing_is_locked_while_the_step_renders(pg_app, monkeypatch):
    """Another transaction may lock the register row and update the document during the render."""
    world = build_world()
    first, second = new_plan(world), new_plan(world)
    for plan in (first, second):
        advance(world, plan, "approved")
    issue(world, first, generate=False)   # the register row exists from here on
    other = create_engine(db.engine.url.render_as_string(hide_password=False))
    seen = {}

    def other_transaction(document):
        with other.connect() as conn:
            conn.execute(text("SET lock_timeout = '2s'"))
            seen["last"] = conn.execute(select(NumberRegister.last_number).with_for_update(nowait=True)).scalar()
            conn.execute(update(Document).where(Document.id == document.id).values(title=Document.title))
            conn.rollback()
    after_render(monkeypatch, other_transaction)
    try:
        issue(world, second)
    finally:
        other.dispose()
    assert seen == {"last": 1}
    assert second.number == "02/KH-UBND"
    assert "Số: 02/KH-UBND" in docx_text(issued_files(second)["ke-hoach"].content)


def recorded_steps(monkeypatch) -> list[str]:
    """What the step does, in order: "render <master> (marker|number)" and "register"."""
    steps = []
    render, enter = generation.generate_step_files, register.enter

    def rendering(document, tdef, at, *, pending=None, names=None, **kwargs):
        files = render(document, tdef, at, pending=pending, names=names, **kwargs)
        for f in files:
            steps.append(f"render {f.template_name} ({'marker' if pending else 'number'})")
        return files

    def entering(*args, **kwargs):
        steps.append("register")
        return enter(*args, **kwargs)
    monkeypatch.setattr(generation, "generate_step_files", rendering)
    monkeypatch.setattr(register, "enter", entering)
    return steps


def test_a_master_whose_number_tag_word_split_across_runs_issues_the_fast_way(app, world, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "DOCUMENT_TEMPLATES",
                        str(split_masters.masters_with(tmp_path, "ke-hoach", split_masters.word_split_tag)))
    plan = new_plan(world)
    advance(world, plan, "approved")
    steps = recorded_steps(monkeypatch)
    issue(world, plan)
    assert steps == ["render ke-hoach (marker)", "register"]
    content = issued_files(plan)["ke-hoach"].content
    assert "Số: 01/KH-UBND" in docx_text(content) and markers_left(content) == []


def test_a_master_printing_the_number_split_across_runs_is_issued_lock_number_render(
        app, world, monkeypatch, tmp_path):
    """An office re-saved the master with the number in two runs: the fill cannot find the marker
    whole, so the file is rendered again once the register has given the number."""
    monkeypatch.setitem(app.config, "DOCUMENT_TEMPLATES",
                        str(split_masters.masters_with(tmp_path, "ke-hoach", split_masters.number_in_two_runs)))
    first, second = new_plan(world), new_plan(world)
    for plan in (first, second):
        advance(world, plan, "approved")
    steps = recorded_steps(monkeypatch)
    issue(world, first)
    assert steps == ["render ke-hoach (marker)", "register", "render ke-hoach (number)"]
    issue(world, second)
    for plan, number in ((first, "01/KH-UBND"), (second, "02/KH-UBND")):
        content = issued_files(plan)["ke-hoach"].content
        assert plan.number == number and f"Số: {number}" in docx_text(content)
        assert markers_left(content) == [] and core_identifier(content) == number


def test_the_reference_renderer_locks_numbers_and_renders(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "DOCUMENT_RENDERER", REFERENCE)
    proposal = new_commendation(world)
    drafter = world.actor_for("commendation", "proposal_signer")
    steps = recorded_steps(monkeypatch)
    apply_transition(proposal, "submit", drafter)
    assert steps == ["register", "render to-trinh-khen-thuong (number)"]
    assert f"Số: {proposal.proposal_entry.number}" in docx_text(proposal.files[-1].content)
    apply_transition(proposal, "review", world.users["reviewer"], generate=False)
    apply_transition(proposal, "approve", world.actor_for("commendation", "approver"), generate=False)
    steps.clear()
    issue(world, proposal)
    assert steps == ["register", "render quyet-dinh-khen-thuong (number)", "render giay-khen (number)"]
    files = issued_files(proposal)
    assert proposal.number == "01/QĐ-UBND"
    assert f"Số: {proposal.number}" in docx_text(files["quyet-dinh-khen-thuong"].content)
    for f in files.values():
        assert markers_left(f.content) == [] and core_identifier(f.content) == proposal.number
