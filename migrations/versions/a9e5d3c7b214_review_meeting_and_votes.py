"""the review meeting of a proposal and each nominee's vote, for the Biên bản (issue 13, point 8)

Revision ID: a9e5d3c7b214
Revises: a4e7c9d2b8f1
Create Date: 2026-12-01 01:30:00

`documents.meeting` (JSON, null: none recorded) holds the meeting the review's Biên bản records
(time, place, chair, secretary, attendees, absent members, end; domain/meeting.py);
`nominees.votes_for` / `votes_total` the vote on each nominee when one was taken. Plain
add_column: a batch rebuild is refused on SQLite under foreign keys.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9e5d3c7b214'
down_revision = 'a4e7c9d2b8f1'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('documents', sa.Column('meeting', sa.JSON(), nullable=True))
    op.add_column('nominees', sa.Column('votes_for', sa.Integer(), nullable=True))
    op.add_column('nominees', sa.Column('votes_total', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('nominees', 'votes_total')
    op.drop_column('nominees', 'votes_for')
    op.drop_column('documents', 'meeting')
