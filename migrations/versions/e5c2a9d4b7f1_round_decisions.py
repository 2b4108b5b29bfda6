"""round decisions: the decision a proposal went into, and the proposal a decision's nominee came from (issue 15, point 5)

documents.decision_id: the round's decision (a document of the kind that decides rounds) a reviewed
proposal was taken into; nominees.proposal_id: on a decision's copy of a nominee, the proposal it
came from; generated_files.for_organization_id: a file made for one body only (a round decision's
certificates of one proposing body), which that body may download. No foreign keys, as documents.round_id: a document referring to documents would leave
no order to delete or restore the rows in.

Revision ID: e5c2a9d4b7f1
Revises: e5c2a9f4b7d1
Create Date: 2026-12-01 04:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'e5c2a9d4b7f1'
down_revision = 'e5c2a9f4b7d1'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, not a batch (which would rebuild documents on SQLite under its keys).
    op.add_column('documents', sa.Column('decision_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_documents_decision_id'), 'documents', ['decision_id'], unique=False)
    op.add_column('nominees', sa.Column('proposal_id', sa.Integer(), nullable=True))
    op.add_column('generated_files', sa.Column('for_organization_id', sa.Integer(), nullable=True))


def downgrade():
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL), not a batch: see upgrade().
    op.execute("ALTER TABLE generated_files DROP COLUMN for_organization_id")
    op.execute("ALTER TABLE nominees DROP COLUMN proposal_id")
    op.drop_index(op.f('ix_documents_decision_id'), table_name='documents')
    op.execute("ALTER TABLE documents DROP COLUMN decision_id")
