"""register entries: one number once per body and year (issue 12, point 3)

Revision ID: c1c3c4d9f8df
Revises: 8025c1f58039
Create Date: 2026-11-30 19:50:49.693138

A scheme change mid-year (per-type series -> one shared series) could give a number that
another document of the same year already had. The number itself is now unique per
(organization, year). A database that already holds such duplicates is not altered: the
upgrade stops and names them, for an operator to resolve (renumber one of each pair).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c1c3c4d9f8df'
down_revision = '8025c1f58039'
branch_labels = None
depends_on = None


def upgrade():
    duplicates = op.get_bind().execute(sa.text(
        "SELECT organization_id, year, number, COUNT(*) FROM register_entries "
        "GROUP BY organization_id, year, number HAVING COUNT(*) > 1")).all()
    if duplicates:
        listed = "; ".join(f"organization {o}, {y}: {n} ×{c}" for o, y, n, c in duplicates[:20])
        raise RuntimeError("register_entries holds numbers given twice; resolve them before upgrading: " + listed)
    with op.batch_alter_table('register_entries', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_register_entries_organization_id_year_number'),
                                          ['organization_id', 'year', 'number'])


def downgrade():
    with op.batch_alter_table('register_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_register_entries_organization_id_year_number'), type_='unique')
