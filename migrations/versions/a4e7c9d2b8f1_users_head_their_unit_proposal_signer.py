"""a unit's head signs its Tờ trình, and a document keeps who signed its proposer's Tờ trình (issue 13, point 5)

Revision ID: a4e7c9d2b8f1
Revises: a4c7e2d9b1f3
Create Date: 2026-12-01 01:30:00

users.heads_unit marks the head of a unit (Trưởng phòng): the one who signs and submits the
unit's Tờ trình (a plan's). documents.proposal_signer_* keep who signed the proposer's Tờ trình
at `submit` (the commune's Chủ tịch, KT. a Phó Chủ tịch; a plan's unit head), as the Tờ trình
and its register row print it. Plain add_column: a batch rebuild is refused on SQLite under
foreign keys.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4e7c9d2b8f1'
down_revision = 'a4c7e2d9b1f3'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('heads_unit', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('documents', sa.Column('proposal_signer_name', sa.String(length=120), nullable=True))
    op.add_column('documents', sa.Column('proposal_signer_position', sa.String(length=120), nullable=True))
    op.add_column('documents', sa.Column('proposal_signer_form', sa.String(length=8), nullable=True))


def downgrade():
    op.drop_column('documents', 'proposal_signer_form')
    op.drop_column('documents', 'proposal_signer_position')
    op.drop_column('documents', 'proposal_signer_name')
    op.drop_column('users', 'heads_unit')
