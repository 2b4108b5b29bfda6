"""round_reminders: the reminders to propose sent for a round (when, by whom, to whom)

Revision ID: 5e0d3b7a91c4
Revises: a4c7e91d2f60
Create Date: 2026-12-01 05:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '5e0d3b7a91c4'
down_revision = 'a4c7e91d2f60'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'round_reminders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('addressee', sa.String(length=40), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('sent_on', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_by_id', sa.Integer(), nullable=True),
        sa.Column('recipients', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['rounds.id'],
                                name=op.f('fk_round_reminders_round_id_rounds'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_round_reminders_organization_id_organizations')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_round_reminders_unit_id_units')),
        sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'],
                                name=op.f('fk_round_reminders_sent_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_round_reminders')),
        sa.UniqueConstraint('round_id', 'addressee', 'sent_on',
                            name=op.f('uq_round_reminders_round_id_addressee_sent_on')),
    )
    op.create_index(op.f('ix_round_reminders_round_id'), 'round_reminders', ['round_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_round_reminders_round_id'), table_name='round_reminders')
    op.drop_table('round_reminders')
