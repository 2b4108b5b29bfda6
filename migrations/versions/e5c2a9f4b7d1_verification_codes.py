"""verification_codes: the code the QR on an issued PDF carries (/xac-thuc/<code>), per document;
pdf_renditions.sha256 indexed (public verification finds issued PDFs by their hash)

Revision ID: e5c2a9f4b7d1
Revises: c5e8a1f4b7d2
Create Date: 2026-12-01 04:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'e5c2a9f4b7d1'
down_revision = 'c5e8a1f4b7d2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'verification_codes',
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_verification_codes_document_id_documents'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['file_id'], ['generated_files.id'],
                                name=op.f('fk_verification_codes_file_id_generated_files'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_verification_codes')),
    )
    op.create_index(op.f('ix_verification_codes_document_id'), 'verification_codes', ['document_id'], unique=False)
    op.create_index(op.f('ix_pdf_renditions_sha256'), 'pdf_renditions', ['sha256'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_pdf_renditions_sha256'), table_name='pdf_renditions')
    op.drop_index(op.f('ix_verification_codes_document_id'), table_name='verification_codes')
    op.drop_table('verification_codes')
