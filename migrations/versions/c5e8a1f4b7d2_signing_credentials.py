"""signing: keys (signing_credentials), signatures of documents, Organization.signs_digitally (issue 16)

Revision ID: c5e8a1f4b7d2
Revises: 5e0d3b7a91c4
Create Date: 2026-12-01 04:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'c5e8a1f4b7d2'
down_revision = '5e0d3b7a91c4'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('organizations', sa.Column('signs_digitally', sa.Boolean(), server_default=sa.false(),
                                             nullable=False))
    op.create_table(
        'signing_credentials',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=12), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('organization_id', sa.Integer(), nullable=True),
        sa.Column('pkcs12', sa.LargeBinary(), nullable=True),
        sa.Column('certificate', sa.LargeBinary(), nullable=False),
        sa.Column('subject', sa.String(length=200), nullable=False),
        sa.Column('issuer', sa.String(length=200), nullable=False),
        sa.Column('serial', sa.String(length=64), nullable=False),
        sa.Column('cert_sha256', sa.String(length=64), nullable=False),
        sa.Column('not_before', sa.DateTime(timezone=True), nullable=False),
        sa.Column('not_after', sa.DateTime(timezone=True), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_signing_credentials_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_signing_credentials_organization_id_organizations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_credentials')),
    )
    op.create_index(op.f('ix_signing_credentials_purpose'), 'signing_credentials', ['purpose'], unique=False)
    op.create_index(op.f('ix_signing_credentials_user_id'), 'signing_credentials', ['user_id'], unique=False)
    op.create_index(op.f('ix_signing_credentials_organization_id'), 'signing_credentials', ['organization_id'],
                    unique=False)
    op.create_index(op.f('ix_signing_credentials_cert_sha256'), 'signing_credentials', ['cert_sha256'],
                    unique=False)
    op.create_table(
        'document_signatures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('signer', sa.String(length=200), nullable=False),
        sa.Column('cert_sha256', sa.String(length=64), nullable=False),
        sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_document_signatures_document_id_documents'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['workflow_events.id'],
                                name=op.f('fk_document_signatures_event_id_workflow_events')),
        sa.ForeignKeyConstraint(['file_id'], ['generated_files.id'],
                                name=op.f('fk_document_signatures_file_id_generated_files')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_signatures')),
    )
    op.create_index(op.f('ix_document_signatures_document_id'), 'document_signatures', ['document_id'],
                    unique=False)
    op.create_index(op.f('ix_document_signatures_event_id'), 'document_signatures', ['event_id'], unique=False)
    op.create_index(op.f('ix_document_signatures_file_id'), 'document_signatures', ['file_id'], unique=False)


def downgrade():
    op.drop_table('document_signatures')
    op.drop_table('signing_credentials')
    op.drop_column('organizations', 'signs_digitally')
