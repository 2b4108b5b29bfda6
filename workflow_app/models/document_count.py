"""How many documents share each combination of the columns that decide who sees them.

The visible and actionable clauses (services/scope.py) read only kind, state, the two bodies,
the unit and the creator, so the same clause over this table, summed, is the exact number of
documents it matches: a list's `total` costs O(combinations), not O(documents).

Database triggers keep it, so every writer does: the ORM, bulk inserts, a restore. It is
derived data: backups leave it out and the triggers rebuild it as the documents come back.
Two first inserts of one combination racing on PostgreSQL may leave two rows; sums do not mind.
"""
from __future__ import annotations

from sqlalchemy import DDL, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class DocumentCount(db.Model):
    __tablename__ = "document_counts"
    __table_args__ = (
        Index("ix_document_counts_created_by_id_state_kind", "created_by_id", "state", "kind"),
        {"info": {"derived": True}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    organization_id: Mapped[int] = mapped_column(Integer)
    owner_organization_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)


# The same statements are written out in the migration that made the table (a landed migration
# never changes). IF NOT EXISTS / OR REPLACE: create_all may run on a database that has them.
_KEY = ("created_by_id = {r}.created_by_id AND state = {r}.state AND kind = {r}.kind"
        " AND organization_id = {r}.organization_id AND owner_organization_id = {r}.owner_organization_id"
        " AND unit_id IS {r}.unit_id")
_COLUMNS = "kind, state, organization_id, owner_organization_id, unit_id, created_by_id, n"
_ADD_ROW = ("INSERT INTO document_counts (" + _COLUMNS + ") SELECT {r}.kind, {r}.state, {r}.organization_id,"
            " {r}.owner_organization_id, {r}.unit_id, {r}.created_by_id, 0"
            " WHERE NOT EXISTS (SELECT 1 FROM document_counts WHERE " + _KEY + ");")
_INCREMENT = "UPDATE document_counts SET n = n + 1 WHERE " + _KEY + ";"
_DECREMENT = "UPDATE document_counts SET n = n - 1 WHERE " + _KEY + ";"
_KEY_COLUMNS = ("kind", "state", "organization_id", "owner_organization_id", "unit_id", "created_by_id")

SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS document_counts_insert AFTER INSERT ON documents BEGIN "
    + _ADD_ROW.format(r="NEW") + " " + _INCREMENT.format(r="NEW") + " END",
    "CREATE TRIGGER IF NOT EXISTS document_counts_delete AFTER DELETE ON documents BEGIN "
    + _DECREMENT.format(r="OLD") + " END",
    "CREATE TRIGGER IF NOT EXISTS document_counts_update AFTER UPDATE OF " + ", ".join(_KEY_COLUMNS)
    + " ON documents WHEN " + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _KEY_COLUMNS) + " BEGIN "
    + _DECREMENT.format(r="OLD") + " " + _ADD_ROW.format(r="NEW") + " " + _INCREMENT.format(r="NEW") + " END",
)

# Two transactions moving documents of one combination in opposite directions (a submit and a
# withdraw) would lock the two count rows in opposite orders and deadlock: rows go in state order.
POSTGRESQL_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION document_counts_add(
        k varchar, s varchar, org integer, owner integer, unit integer, creator integer, delta integer)
    RETURNS void AS $$
    BEGIN
      UPDATE document_counts SET n = n + delta WHERE created_by_id = creator AND state = s AND kind = k
        AND organization_id = org AND owner_organization_id = owner AND unit_id IS NOT DISTINCT FROM unit;
      IF NOT FOUND THEN
        INSERT INTO document_counts (kind, state, organization_id, owner_organization_id, unit_id, created_by_id, n)
          VALUES (k, s, org, owner, unit, creator, delta);
      END IF;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION document_counts_apply() RETURNS trigger AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.state <= NEW.state) THEN
        PERFORM document_counts_add(OLD.kind, OLD.state, OLD.organization_id, OLD.owner_organization_id,
                                    OLD.unit_id, OLD.created_by_id, -1);
      END IF;
      IF TG_OP <> 'DELETE' THEN
        PERFORM document_counts_add(NEW.kind, NEW.state, NEW.organization_id, NEW.owner_organization_id,
                                    NEW.unit_id, NEW.created_by_id, 1);
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.state > NEW.state THEN
        PERFORM document_counts_add(OLD.kind, OLD.state, OLD.organization_id, OLD.owner_organization_id,
                                    OLD.unit_id, OLD.created_by_id, -1);
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE TRIGGER document_counts_insert_delete AFTER INSERT OR DELETE ON documents
      FOR EACH ROW EXECUTE FUNCTION document_counts_apply()""",
    "CREATE OR REPLACE TRIGGER document_counts_update AFTER UPDATE OF " + ", ".join(_KEY_COLUMNS)
    + " ON documents FOR EACH ROW WHEN ("
    + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in _KEY_COLUMNS)
    + ") EXECUTE FUNCTION document_counts_apply()",
)

for _statement in SQLITE_TRIGGERS:
    event.listen(db.metadata, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_TRIGGERS:
    event.listen(db.metadata, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
