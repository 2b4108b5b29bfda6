"""register entries may be voided: a cancelled draft's Tờ trình number is marked unused (issue 14, point 5)

Revision ID: f3b9c2d1a7e4
Revises: c33d51381a82
Create Date: 2026-12-01 00:00:00

A draft once submitted keeps the Tờ trình number it was given, even after "Rút lại". When its
creator cancels it (Hủy), its register rows stay (the number is never given again: the unique
constraints are unchanged) and `voided_at` records when the number became unused; the printed
register says "Không sử dụng (đã hủy)" in Ghi chú. A plain add_column: a batch rebuild is
refused on SQLite under foreign keys.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3b9c2d1a7e4'
down_revision = 'c33d51381a82'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('register_entries', sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column('register_entries', 'voided_at')
