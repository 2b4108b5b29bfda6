"""round council and body level: a round's council meeting and vote (rounds.council), and the
level of a body (organizations.level) that says which awards it may give (issue 15, point 4)

Revision ID: a4c7e91d2f60
Revises: a4c7e9f1b2d6
Create Date: 2026-12-01 04:40:00

rounds.council: the Hội đồng Thi đua - Khen thưởng's meeting for the round and its results per
nominee (services/council.py), null until one is recorded. organizations.level: "tinh", "huyen",
"xa" or "co_quan" (domain/council.py LEVELS), null when not declared; an award whose entry says
"given_by" is refused to a body of another level. Existing bodies are left undeclared.
"""
from alembic import op
import sqlalchemy as sa


revision = 'a4c7e91d2f60'
down_revision = 'a4c7e9f1b2d6'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('rounds', sa.Column('council', sa.JSON(), nullable=True))
    op.add_column('organizations', sa.Column('level', sa.String(length=16), nullable=True))


def downgrade():
    op.drop_column('organizations', 'level')
    op.drop_column('rounds', 'council')
