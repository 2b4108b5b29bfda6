"""full-text search: documents.search_text holds body text and nominees' names, indexed by FTS5 / tsvector (issue 14, point 6)

Revision ID: c33d51381a82
Revises: 1a262b1217fa
Create Date: 2026-12-01 10:00:00

search_text held the folded title and number, searched with LIKE '%...%'. It now holds the
folded words of the title, the register numbers, the nominees' names and the body's text, and
each database indexes it with its own full-text search: an FTS5 table kept by triggers on
SQLite, a generated tsvector column with a GIN index on PostgreSQL (services/full_text.py).

The rule that fills search_text is the application's (services/documents.py search_key and
each kind's `search_text`); it is written out below as it was when this migration landed, to
fill the existing documents, as are the trigger statements.
"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


revision = 'c33d51381a82'
down_revision = '1a262b1217fa'
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(search_text, content='documents', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
  END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
  END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF id, search_text ON documents
  WHEN OLD.id IS NOT NEW.id OR OLD.search_text IS NOT NEW.search_text BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
  INSERT INTO documents_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
  END""",
    "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TABLE IF EXISTS documents_fts",
)
POSTGRESQL_UP = (
    "ALTER TABLE documents ADD COLUMN search_vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
)
POSTGRESQL_DOWN = (
    "DROP INDEX IF EXISTS ix_documents_search_vector",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search_vector",
)

_WORD = re.compile(r"[^\W_]+")
_MAX = 100_000


def _fold(text):
    decomposed = unicodedata.normalize("NFD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def _words(*parts):
    text = " ".join(w for part in parts for w in _WORD.findall(_fold(part)))
    return text if len(text) <= _MAX else text[:_MAX + 1].rsplit(" ", 1)[0]


def _body_text(body):
    """A plan's legal bases, sections and milestones; a proposal's round and reason."""
    body = body if isinstance(body, dict) else {}
    texts = list(body.get("legal_bases") or [])
    for section in body.get("sections") or []:
        texts += [section.get("heading") or "", *(section.get("paragraphs") or [])]
    texts += [m.get("name") or "" for m in body.get("milestones") or []]
    texts += [body.get("period") or "", body.get("reason") or ""]
    return "\n".join(t for t in texts if isinstance(t, str))


def _refill(bind, key):
    """search_text = key(row, numbers, names) for every document, in batches."""
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                         sa.column("body", sa.JSON), sa.column("search_text", sa.Text))
    numbers, names = {}, {}
    for document_id, purpose, number in bind.execute(sa.text(
            "SELECT document_id, purpose, number FROM register_entries"
            " WHERE document_id IS NOT NULL ORDER BY id")):
        numbers.setdefault(document_id, []).append((purpose, number))
    for document_id, full_name in bind.execute(sa.text(
            'SELECT document_id, full_name FROM nominees ORDER BY document_id, "order"')):
        names.setdefault(document_id, []).append(full_name)
    update = documents.update().where(documents.c.id == sa.bindparam("b_id")).values(
        search_text=sa.bindparam("b_text"))
    last = 0
    while True:
        rows = bind.execute(sa.select(documents.c.id, documents.c.title, documents.c.body)
                            .where(documents.c.id > last).order_by(documents.c.id).limit(1000)).all()
        if not rows:
            break
        bind.execute(update, [{"b_id": r.id, "b_text": key(r, numbers.get(r.id, []), names.get(r.id, []))}
                              for r in rows])
        last = rows[-1].id


def _new_key(row, numbers, names):
    return _words(row.title, *(n for _, n in numbers), *names, _body_text(row.body))


def _old_key(row, numbers, names):
    issued = next((n for purpose, n in numbers if purpose == "issued"), "")
    return " ".join(_fold(f"{row.title} {issued}").split())


def upgrade():
    bind = op.get_bind()
    _refill(bind, _new_key)
    for statement in POSTGRESQL_UP if bind.dialect.name == "postgresql" else SQLITE_UP:
        op.execute(statement)


def downgrade():
    bind = op.get_bind()
    for statement in POSTGRESQL_DOWN if bind.dialect.name == "postgresql" else SQLITE_DOWN:
        op.execute(statement)
    _refill(bind, _old_key)
