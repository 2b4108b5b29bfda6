"""commendation rounds: a plan's rounds, made at its issue; the round a proposal answers, and late proposals (issue 15, points 1 and 2)

Revision ID: a4c7e2d9b1f3
Revises: a4c7e2f19b60
Create Date: 2026-12-01 02:00:00

A plan's body declares its rounds (body.rounds) while it is a draft; its issue copies them into
`rounds`, whose ids proposals cite (documents.round_id, no foreign key: rounds refer to their plan,
and a cycle would leave no order to delete or restore the two tables in). documents.late marks a
proposal submitted after its round's deadline. No plan issued before this revision has rounds.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c7e2d9b1f3'
down_revision = 'a4c7e2f19b60'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('proposals_due', sa.Date(), nullable=False),
    sa.Column('groups', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['documents.id'], name=op.f('fk_rounds_plan_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rounds')),
    sa.UniqueConstraint('plan_id', 'key', name=op.f('uq_rounds_plan_id_key'))
    )
    op.create_index(op.f('ix_rounds_plan_id'), 'rounds', ['plan_id'], unique=False)
    # Plain ADD COLUMN, not a batch (which would rebuild documents on SQLite under its keys).
    op.add_column('documents', sa.Column('round_id', sa.Integer(), nullable=True))
    op.add_column('documents', sa.Column('late', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index(op.f('ix_documents_round_id'), 'documents', ['round_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_documents_round_id'), table_name='documents')
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL), not a batch: see upgrade().
    op.execute("ALTER TABLE documents DROP COLUMN late")
    op.execute("ALTER TABLE documents DROP COLUMN round_id")
    op.drop_index(op.f('ix_rounds_plan_id'), table_name='rounds')
    op.drop_table('rounds')
