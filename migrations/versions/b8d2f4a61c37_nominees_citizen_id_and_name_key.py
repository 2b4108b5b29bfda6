"""nominees carry an optional citizen ID (CCCD) and their folded name (issue 15, point 7)

Revision ID: b8d2f4a61c37
Revises: a9e5d3c7b214
Create Date: 2026-12-01 02:10:00

`citizen_id`: an individual's Số CCCD (12 digits), optional, "" when not given: it tells two people
of one name apart (services/nominee_checks.py). No document prints it.
`name_key`: the nominee's full name folded (no diacritics, lower case, single spaces), indexed: the
award search ("Tra cứu khen thưởng") and the checks find a person by it. Existing rows are filled
here with the same folding as the application (workflow_app/domain/text.fold). Plain add_column.
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d2f4a61c37'
down_revision = 'a9e5d3c7b214'
branch_labels = None
depends_on = None

nominees = sa.table("nominees", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                    sa.column("name_key", sa.String))


def _fold(text):
    # as workflow_app/domain/text.fold, written out: a migration must not change with the app
    text = "".join(c for c in (text or "") if c in "\n\t" or unicodedata.category(c)[0] != "C")
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").split())[:200]


def upgrade():
    op.add_column('nominees', sa.Column('name_key', sa.String(length=200), server_default='', nullable=False))
    op.add_column('nominees', sa.Column('citizen_id', sa.String(length=12), server_default='', nullable=False))
    op.create_index(op.f('ix_nominees_name_key'), 'nominees', ['name_key'], unique=False)
    op.create_index(op.f('ix_nominees_citizen_id'), 'nominees', ['citizen_id'], unique=False)
    conn = op.get_bind()
    for row_id, full_name in conn.execute(sa.select(nominees.c.id, nominees.c.full_name)).all():
        key = _fold(full_name)
        if key:
            conn.execute(nominees.update().where(nominees.c.id == row_id).values(name_key=key))


def downgrade():
    op.drop_index(op.f('ix_nominees_citizen_id'), table_name='nominees')
    op.drop_index(op.f('ix_nominees_name_key'), table_name='nominees')
    op.drop_column('nominees', 'citizen_id')
    op.drop_column('nominees', 'name_key')
