"""reviewing suggestions: feedback, its history, interests and connections

Revision ID: a17e5b0c3d21
Revises: a1f0c3e5b7d9
Create Date: 2026-11-29 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a17e5b0c3d21'
down_revision = 'a1f0c3e5b7d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.String(length=30), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("state IN ('interested', 'saved', 'declined')", name=op.f('ck_feedback_state')),
        sa.CheckConstraint('organisation_id <> target_id', name=op.f('ck_feedback_not_self')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_feedback_organisation_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['target_id'], ['organisation.id'],
                                name=op.f('fk_feedback_target_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_feedback_user_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
        sa.UniqueConstraint('organisation_id', 'target_id', 'kind',
                            name=op.f('uq_feedback_organisation_id_target_id_kind')),
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_target_id'), ['target_id'], unique=False)

    op.create_table(
        'feedback_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('action', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.String(length=30), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_feedback_event_organisation_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['target_id'], ['organisation.id'],
                                name=op.f('fk_feedback_event_target_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_feedback_event_user_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_event')),
    )
    with op.batch_alter_table('feedback_event', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_event_org_target', ['organisation_id', 'target_id'], unique=False)

    op.create_table(
        'interest',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('organisation_id <> target_id', name=op.f('ck_interest_not_self')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_interest_organisation_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['target_id'], ['organisation.id'],
                                name=op.f('fk_interest_target_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_interest_user_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interest')),
        sa.UniqueConstraint('organisation_id', 'target_id', name=op.f('uq_interest_organisation_id_target_id')),
    )
    with op.batch_alter_table('interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interest_target_id'), ['target_id'], unique=False)

    op.create_table(
        'connection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('low_id', sa.Integer(), nullable=False),
        sa.Column('high_id', sa.Integer(), nullable=False),
        sa.Column('connected_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('low_id < high_id', name=op.f('ck_connection_ordered')),
        sa.ForeignKeyConstraint(['low_id'], ['organisation.id'], name=op.f('fk_connection_low_id_organisation'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['high_id'], ['organisation.id'], name=op.f('fk_connection_high_id_organisation'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['withdrawn_by_id'], ['organisation.id'],
                                name=op.f('fk_connection_withdrawn_by_id_organisation'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_connection')),
        sa.UniqueConstraint('low_id', 'high_id', name=op.f('uq_connection_low_id_high_id')),
    )
    with op.batch_alter_table('connection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connection_high_id'), ['high_id'], unique=False)


def downgrade():
    for table, index in (('connection', 'ix_connection_high_id'), ('interest', 'ix_interest_target_id'),
                         ('feedback_event', 'ix_feedback_event_org_target'), ('feedback', 'ix_feedback_target_id')):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(index)
        op.drop_table(table)
