"""notifications: what changed for a user, and its e-mail (issue 14, point 10)

Revision ID: 1a262b1217fa
Revises: e7a41c2b9d53
Create Date: 2026-11-30 22:29:17.131706

One row per user told of a step (domain/notices.py says who), written in the step's own
transaction, with the state of its e-mail. Users get an e-mail address (empty: none) and
may turn the e-mails off (on by default, existing users too).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1a262b1217fa'
down_revision = 'e7a41c2b9d53'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('email_state', sa.String(length=10), nullable=False),
    sa.Column('email_attempts', sa.Integer(), nullable=False),
    sa.Column('email_error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_notifications_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['workflow_events.id'], name=op.f('fk_notifications_event_id_workflow_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_notifications_email_state', ['email_state'], unique=False)
        batch_op.create_index('ix_notifications_user_id_id', ['user_id', 'id'], unique=False)
        batch_op.create_index('ix_notifications_user_id_read_at', ['user_id', 'read_at'], unique=False)

    # Plain ADD COLUMN (with its default, so NOT NULL holds for the rows there): a batch would
    # rebuild users on SQLite, which its foreign keys refuse once documents refer to a user.
    op.add_column('users', sa.Column('email', sa.String(length=254), server_default='', nullable=False))
    op.add_column('users', sa.Column('email_notifications', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL), not a batch: see upgrade().
    op.execute("ALTER TABLE users DROP COLUMN email_notifications")
    op.execute("ALTER TABLE users DROP COLUMN email")

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_read_at')
        batch_op.drop_index('ix_notifications_user_id_id')
        batch_op.drop_index('ix_notifications_email_state')
        batch_op.drop_index(batch_op.f('ix_notifications_document_id'))

    op.drop_table('notifications')
