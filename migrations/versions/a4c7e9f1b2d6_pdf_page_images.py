"""pdf_page_images: the pages of each PDF rendition as PNG images, for the preview

Revision ID: a4c7e9f1b2d6
Revises: d8f1a6c3e2b5
Create Date: 2026-12-01 04:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'a4c7e9f1b2d6'
down_revision = 'd8f1a6c3e2b5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'pdf_page_images',
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('page', sa.Integer(), nullable=False),
        sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['file_id'], ['pdf_renditions.file_id'],
                                name=op.f('fk_pdf_page_images_file_id_pdf_renditions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('file_id', 'width', 'page', name=op.f('pk_pdf_page_images')),
    )


def downgrade():
    op.drop_table('pdf_page_images')
