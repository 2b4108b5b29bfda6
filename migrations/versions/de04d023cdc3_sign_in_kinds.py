"""sign-in kinds: browser sessions kept server-side beside API tokens (issue 12, point 5)

Revision ID: de04d023cdc3
Revises: b5d2e8c41f07
Create Date: 2026-11-30 19:32:39

Existing rows are API tokens. Browser sessions signed in before this revision named only the
user's id; they are no longer recognised, so those users sign in once more.
"""
from alembic import op
import sqlalchemy as sa


revision = 'de04d023cdc3'
down_revision = 'b5d2e8c41f07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='api', nullable=False))


def downgrade():
    op.execute("DELETE FROM api_tokens WHERE kind <> 'api'")
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('kind')
