"""pdf_renditions: the PDF of each generated file, made by a worker outside the request

Revision ID: d8f1a6c3e2b5
Revises: b8d2f4a61c37
Create Date: 2026-12-01 02:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'd8f1a6c3e2b5'
down_revision = 'b8d2f4a61c37'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'pdf_renditions',
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('pdfa', sa.Boolean(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.Column('pages', sa.Integer(), nullable=True),
        sa.Column('converter', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('not_before', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['file_id'], ['generated_files.id'],
                                name=op.f('fk_pdf_renditions_file_id_generated_files'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('file_id', name=op.f('pk_pdf_renditions')),
    )
    op.create_index(op.f('ix_pdf_renditions_status'), 'pdf_renditions', ['status'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_pdf_renditions_status'), table_name='pdf_renditions')
    op.drop_table('pdf_renditions')
