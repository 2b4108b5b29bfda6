"""legal bases carry the dates they are in force (issue 13, point 4b)

Revision ID: a4c7e2f19b60
Revises: f3b9c2d1a7e4
Create Date: 2026-12-01 02:00:00

A body's legal bases (organizations.legal_bases) were a JSON list of lines, "Căn cứ ...;". Each
becomes {"text": line, "in_force_from": null, "in_force_until": null}: no dates, in force always,
as before. The admin then dates those that were replaced (Nghị định 98/2023/NĐ-CP until
30/06/2025, Nghị định 152/2025/NĐ-CP from 01/07/2025); a document cites those in force on its
date. "in_force_until" is the last day a basis applies (workflow_app/domain/legal_bases.py).
Entries already in the new form are left as they are. The downgrade keeps the texts, and loses
the dates.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c7e2f19b60'
down_revision = 'f3b9c2d1a7e4'
branch_labels = None
depends_on = None

organizations = sa.table("organizations", sa.column("id", sa.Integer), sa.column("legal_bases", sa.JSON))


def _rewrite(change) -> None:
    conn = op.get_bind()
    for org_id, bases in conn.execute(sa.select(organizations.c.id, organizations.c.legal_bases)).all():
        if not isinstance(bases, list):
            continue
        new = [change(b) for b in bases]
        if new != bases:
            conn.execute(organizations.update().where(organizations.c.id == org_id).values(legal_bases=new))


def _entry(basis):
    if isinstance(basis, str):
        return {"text": basis, "in_force_from": None, "in_force_until": None}
    return basis


def _line(basis):
    if isinstance(basis, dict):
        return basis.get("text") if isinstance(basis.get("text"), str) else ""
    return basis


def upgrade():
    _rewrite(_entry)


def downgrade():
    _rewrite(_line)
