"""separation of duties: who edited a draft, a body's allow_combined_duties, and the duties a step combined (issue 12, point 4)

Revision ID: 332538c3089a
Revises: c1c3c4d9f8df
Create Date: 2026-11-30 22:01:42.534853

The approver may not be who wrote the content, and only the creator was known: document_editors
holds everyone who saved a draft's content, starting with each existing document's creator.
A body may relax the rule (organizations.allow_combined_duties, off everywhere at first); a step
that combined duties under it names them in workflow_events.combined_duties ("" before).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '332538c3089a'
down_revision = 'c1c3c4d9f8df'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_editors',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_editors_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_editors_user_id_users')),
    sa.PrimaryKeyConstraint('document_id', 'user_id', name=op.f('pk_document_editors'))
    )
    op.execute("INSERT INTO document_editors (document_id, user_id) SELECT id, created_by_id FROM documents")
    # Plain ADD COLUMN (with its default, so NOT NULL holds for the rows there): a batch would
    # rebuild the tables on SQLite, and organizations cannot be dropped under its foreign keys.
    op.add_column('organizations',
                  sa.Column('allow_combined_duties', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('workflow_events',
                  sa.Column('combined_duties', sa.String(length=64), server_default='', nullable=False))


def downgrade():
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL), not a batch: see upgrade().
    op.execute("ALTER TABLE workflow_events DROP COLUMN combined_duties")
    op.execute("ALTER TABLE organizations DROP COLUMN allow_combined_duties")
    op.drop_table('document_editors')
