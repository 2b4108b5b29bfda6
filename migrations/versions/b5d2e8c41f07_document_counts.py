"""document_counts: per-combination document counts kept by triggers, for O(1) list totals

Revision ID: b5d2e8c41f07
Revises: 706e26b11974
Create Date: 2026-11-29 04:00:00

The trigger statements are written out here as they were when this migration landed;
workflow_app/models/document_count.py holds the same for create_all().
"""
from alembic import op
import sqlalchemy as sa


revision = 'b5d2e8c41f07'
down_revision = '706e26b11974'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS document_counts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO document_counts (kind, state, organization_id, owner_organization_id, unit_id, created_by_id, n) SELECT NEW.kind, NEW.state, NEW.organization_id, NEW.owner_organization_id, NEW.unit_id, NEW.created_by_id, 0
    WHERE NOT EXISTS (SELECT 1 FROM document_counts WHERE created_by_id = NEW.created_by_id AND state = NEW.state AND kind = NEW.kind AND organization_id = NEW.organization_id AND owner_organization_id = NEW.owner_organization_id AND unit_id IS NEW.unit_id);
  UPDATE document_counts SET n = n + 1 WHERE created_by_id = NEW.created_by_id AND state = NEW.state AND kind = NEW.kind AND organization_id = NEW.organization_id AND owner_organization_id = NEW.owner_organization_id AND unit_id IS NEW.unit_id;
  END""",
    """CREATE TRIGGER IF NOT EXISTS document_counts_delete AFTER DELETE ON documents BEGIN
  UPDATE document_counts SET n = n - 1 WHERE created_by_id = OLD.created_by_id AND state = OLD.state AND kind = OLD.kind AND organization_id = OLD.organization_id AND owner_organization_id = OLD.owner_organization_id AND unit_id IS OLD.unit_id;
  END""",
    """CREATE TRIGGER IF NOT EXISTS document_counts_update AFTER UPDATE OF kind, state, organization_id, owner_organization_id, unit_id, created_by_id ON documents
  WHEN OLD.kind IS NOT NEW.kind OR OLD.state IS NOT NEW.state OR OLD.organization_id IS NOT NEW.organization_id OR OLD.owner_organization_id IS NOT NEW.owner_organization_id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.created_by_id IS NOT NEW.created_by_id BEGIN
  UPDATE document_counts SET n = n - 1 WHERE created_by_id = OLD.created_by_id AND state = OLD.state AND kind = OLD.kind AND organization_id = OLD.organization_id AND owner_organization_id = OLD.owner_organization_id AND unit_id IS OLD.unit_id;
  INSERT INTO document_counts (kind, state, organization_id, owner_organization_id, unit_id, created_by_id, n) SELECT NEW.kind, NEW.state, NEW.organization_id, NEW.owner_organization_id, NEW.unit_id, NEW.created_by_id, 0
    WHERE NOT EXISTS (SELECT 1 FROM document_counts WHERE created_by_id = NEW.created_by_id AND state = NEW.state AND kind = NEW.kind AND organization_id = NEW.organization_id AND owner_organization_id = NEW.owner_organization_id AND unit_id IS NEW.unit_id);
  UPDATE document_counts SET n = n + 1 WHERE created_by_id = NEW.created_by_id AND state = NEW.state AND kind = NEW.kind AND organization_id = NEW.organization_id AND owner_organization_id = NEW.owner_organization_id AND unit_id IS NEW.unit_id;
  END""",
)

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
    """CREATE OR REPLACE TRIGGER document_counts_update AFTER UPDATE OF kind, state, organization_id, owner_organization_id, unit_id, created_by_id ON documents FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.state IS DISTINCT FROM NEW.state OR OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.owner_organization_id IS DISTINCT FROM NEW.owner_organization_id OR OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.created_by_id IS DISTINCT FROM NEW.created_by_id) EXECUTE FUNCTION document_counts_apply()""",
)

BACKFILL = """INSERT INTO document_counts (kind, state, organization_id, owner_organization_id, unit_id, created_by_id, n)
SELECT kind, state, organization_id, owner_organization_id, unit_id, created_by_id, count(*) FROM documents
GROUP BY kind, state, organization_id, owner_organization_id, unit_id, created_by_id"""


def upgrade():
    op.create_table('document_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('owner_organization_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_counts'))
    )
    op.create_index('ix_document_counts_created_by_id_state_kind', 'document_counts',
                    ['created_by_id', 'state', 'kind'], unique=False)
    op.execute(BACKFILL)
    triggers = POSTGRESQL_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS document_counts_update ON documents")
        op.execute("DROP TRIGGER IF EXISTS document_counts_insert_delete ON documents")
        op.execute("DROP FUNCTION IF EXISTS document_counts_apply()")
        op.execute("DROP FUNCTION IF EXISTS document_counts_add(varchar, varchar, integer, integer, integer, integer, integer)")
    else:
        for name in ("document_counts_update", "document_counts_delete", "document_counts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index('ix_document_counts_created_by_id_state_kind', table_name='document_counts')
    op.drop_table('document_counts')
