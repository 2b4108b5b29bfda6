"""idempotency_keys: the first answer to a request sent with Idempotency-Key (issue 12, point 7)

Revision ID: 8025c1f58039
Revises: de04d023cdc3
Create Date: 2026-11-30 19:56:45
"""
from alembic import op
import sqlalchemy as sa


revision = '8025c1f58039'
down_revision = 'de04d023cdc3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('idempotency_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_idempotency_keys_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotency_keys')),
    sa.UniqueConstraint('user_id', 'key', name=op.f('uq_idempotency_keys_user_id_key'))
    )


def downgrade():
    op.drop_table('idempotency_keys')
