"""Full-text search over documents.search_text, with each database's own index.

search_text holds a document's folded words (services/documents.py search_key: title, numbers,
nominees' names, what its kind says of its body). Migration c33d51381a82 indexes it:

* SQLite: the FTS5 table `documents_fts`, external content over documents.search_text, kept
  by triggers, so every writer keeps it: the ORM, a restore, a bulk load.
* PostgreSQL: the generated column `documents.search_vector`, to_tsvector('simple', search_text),
  with a GIN index. The words are already folded (as on SQLite), so the 'simple' configuration
  (no stemming, no stop words) is all it needs, and both databases find the same documents.

Neither is mapped in the models (SQLite has no tsvector, and the FTS table is no ORM table):
migrations/env.py leaves them out of `flask db check`.

A query's words match as a phrase, in order, the last one as a prefix (a word still being
typed): `xa hoi hoc ta` finds `xã hội học tập`; `nguyen van a`, a proposal naming Nguyễn Văn An;
`67/kh` a document numbered 67/KH-UBND. Vietnamese words are syllables: `nguyen & van & an`
anywhere in a proposal of a hundred names would find nearly every proposal.
"""
from __future__ import annotations

from sqlalchemy import Integer, bindparam, column, false, func, literal, literal_column, select, table, text
from sqlalchemy.sql.elements import ColumnElement

from ..domain.text import SEARCH_COUNT_LIMIT, search_words
from ..extensions import db
from ..models import Document

COUNT_LIMIT = SEARCH_COUNT_LIMIT

_FTS = table("documents_fts", column("rowid", Integer))
_FTS_MATCH = text("documents_fts MATCH :fts_query")
_FTS_ROWIDS = text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH :fts_query")
_SEARCH_VECTOR = literal_column("documents.search_vector")
_SIMPLE = literal_column("'simple'::regconfig")


class TextQuery:
    """The words of a search and how the session's database finds the documents holding them."""

    def __init__(self, query: str):
        self.words = search_words(query)
        self.dialect = db.session.get_bind().dialect.name

    def clause(self, *, walking: bool = False) -> ColumnElement:
        """The documents holding the words. `walking`: the page is found by walking another
        index (newest first) and checking each document, since the matches are many."""
        if not self.words:
            return false()
        if self.dialect == "postgresql":
            # Written into the statement, not bound: PostgreSQL then plans with the words' own
            # statistics (index for rare words, newest-first walk for common ones). A bound value
            # would get, once psycopg prepares the statement, one generic plan for every query.
            words = bindparam("tsquery", " <-> ".join(self.words) + ":*", literal_execute=True)
            return _SEARCH_VECTOR.op("@@")(func.to_tsquery(_SIMPLE, words))
        matches = _FTS_ROWIDS.bindparams(fts_query=self._phrase()).columns(column("rowid", Integer))
        # `id + 0` cannot lead the query: SQLite walks the newest-first index and looks each
        # document up in the matches, instead of sorting all of them
        return (Document.id + 0).in_(matches) if walking else Document.id.in_(matches)

    def count(self, where: ColumnElement, limit: int | None) -> int:
        """How many of the documents holding the words `where` keeps, counted up to `limit` (None: all)."""
        if not self.words:
            return 0
        if self.dialect == "postgresql":
            found = select(literal(1)).select_from(Document).where(where, self.clause())
        else:   # streamed from the index as a join (IN would first collect every match)
            found = (select(literal(1)).select_from(_FTS.join(Document, Document.id == _FTS.c.rowid))
                     .where(_FTS_MATCH.bindparams(fts_query=self._phrase()), where))
        if limit is not None:
            found = found.limit(limit)
        return db.session.scalar(select(func.count()).select_from(found.subquery()))

    def _phrase(self) -> str:
        # letters and digits only: nothing in a word is FTS5 syntax
        return '"' + " ".join(self.words) + '"*'
