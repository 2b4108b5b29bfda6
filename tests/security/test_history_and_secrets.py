"""History is append-only (no route updates or deletes it), and no secret is in the repository."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.factories import advance, new_plan
from workflow_app.extensions import db
from workflow_app.models import Document, GeneratedFile, WorkflowEvent
from workflow_app.services.transitions import apply_transition

ROOT = Path(__file__).resolve().parents[2]


def test_no_route_changes_history_or_files(app):
    """Only these routes accept PUT/PATCH/DELETE, and none is about history or files."""
    writable = sorted((rule.rule, method) for rule in app.url_map.iter_rules()
                      for method in rule.methods & {"PUT", "PATCH", "DELETE"})
    assert writable == [("/api/v1/auth/token", "DELETE"),   # revokes the caller's own token
                        ("/api/v1/documents/<int:document_id>", "DELETE"),
                        ("/api/v1/documents/<int:document_id>", "PATCH"),
                        ("/api/v1/rounds/<int:round_id>/council", "PUT")]   # the round's council, recorded again
    for rule in app.url_map.iter_rules():
        if re.search(r"event|histor|files?\b|register", rule.rule):
            assert not rule.methods & {"POST", "PUT", "PATCH", "DELETE"}, rule.rule


def _counts():
    db.session.expire_all()
    return (db.session.scalar(select(func.count()).select_from(WorkflowEvent)),
            db.session.scalar(select(func.count()).select_from(GeneratedFile)),
            sorted(db.session.execute(select(WorkflowEvent.id, WorkflowEvent.comment)).all()))


def test_attempts_to_rewrite_history_or_files_are_refused(world, app, caller, as_user):
    plan = new_plan(world)
    advance(world, plan, "reviewed", generate=True)
    apply_transition(plan, "return", world.users["approver"], comment="Bổ sung căn cứ.")
    file_id = db.session.scalars(select(GeneratedFile.id)).first()
    event_id = db.session.scalars(select(WorkflowEvent.id)).first()
    before = _counts()
    admin, drafter = caller("admin"), caller("drafter")
    for who in (admin, drafter):
        for method in ("PATCH", "PUT", "DELETE", "POST"):
            assert who.open(method, f"/api/v1/files/{file_id}").status_code == 405
        for path in (f"/api/v1/documents/{plan.id}/events", f"/api/v1/documents/{plan.id}/history",
                     f"/api/v1/events/{event_id}", f"/api/v1/documents/{plan.id}/files/{file_id}"):
            for method in ("GET", "PATCH", "PUT", "DELETE"):
                assert who.open(method, path).status_code in (404, 405), (method, path)
    # a returned draft has history: it cannot be deleted (which would take the history with it)
    assert drafter.delete(f"/api/v1/documents/{plan.id}").status_code == 409
    # nor can a PATCH reach the history through the document
    document = drafter.get(f"/api/v1/documents/{plan.id}").json
    drafter.patch(f"/api/v1/documents/{plan.id}", json={"version": document["version"],
                                                        "history": [], "events": [], "files": []})
    web = as_user("admin")
    for method in ("post", "put", "patch", "delete"):
        assert web._request(method, f"/files/{file_id}").status_code == 405
    web.post(f"/documents/{plan.id}/delete", {})
    assert _counts() == before
    assert db.session.get(Document, plan.id) is not None


def test_the_orm_refuses_updates_and_deletes(world, app):
    plan = new_plan(world)
    advance(world, plan, "submitted", generate=True)
    event = db.session.scalars(select(WorkflowEvent)).first()
    event.comment = "sửa lịch sử"
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    file = db.session.scalars(select(GeneratedFile)).first()
    db.session.delete(file)
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()


# --- secrets ------------------------------------------------------------------------------

def tracked_files() -> list[Path]:
    try:
        names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in names.decode().split("\0") if name]


SECRET_PATTERNS = [
    (re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"), "a private key"),
    (re.compile(r"AKIA[0-9A-Z]{16}"), "an AWS access key"),
    (re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"), "a GitHub token"),
    (re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"://[^/\s:@'\"]+:(?!\.\.\.|pw@|password@|\*+@)[^/\s@'\"]{3,}@"), "a password in a URL"),
]
# what the app itself reads: no literal secret key, no literal password in its code
APP_PATTERNS = [
    (re.compile(r"SECRET_KEY\"?\]?\s*[:=]\s*['\"][^'\"]+['\"]"), "a literal SECRET_KEY"),
    (re.compile(r"(?i)\bpassword\s*=\s*['\"][^'\"]{4,}['\"]"), "a literal password"),
]


def test_no_secret_is_tracked():
    files = tracked_files()
    assert files
    found = []
    for path in files:
        if not path.is_file() or path.suffix in (".docx", ".xlsx", ".png", ".pdf", ".mo"):
            continue
        text = path.read_text(errors="ignore")
        relative = path.relative_to(ROOT).as_posix()
        for pattern, what in SECRET_PATTERNS:
            found += [f"{relative}: {what}" for _ in pattern.finditer(text)]
        if relative.startswith("workflow_app/") or relative in ("wsgi.py", "Makefile"):
            for pattern, what in APP_PATTERNS:
                found += [f"{relative}: {what} ({m.group(0)[:40]})" for m in pattern.finditer(text)]
    assert not found, found


def test_instance_folder_and_secret_key_file_are_not_tracked():
    names = [p.relative_to(ROOT).as_posix() for p in tracked_files()]
    assert not [n for n in names if n.startswith("instance/") or n.endswith("secret_key")
                or n.endswith((".pem", ".key", ".sqlite3", ".env")) or n == ".env"]
    ignored = subprocess.run(["git", "check-ignore", "-q", "instance/secret_key"], cwd=ROOT)
    assert ignored.returncode == 0, "instance/ must be gitignored"
