"""join requests: a user registered without an organisation asks to join one of the directory

Revision ID: f4b2d8c61a07
Revises: c3a9e5f1d274
Create Date: 2026-11-29 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f4b2d8c61a07'
down_revision = 'c3a9e5f1d274'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'join_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'accepted', 'declined', 'withdrawn')",
                           name=op.f('ck_join_request_state')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_join_request_decided_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_join_request_organisation_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_join_request_user_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_join_request')),
    )
    with op.batch_alter_table('join_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_join_request_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_join_request_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_join_request_pending', ['user_id', 'organisation_id'], unique=True,
                              sqlite_where=sa.text("state = 'pending'"),
                              postgresql_where=sa.text("state = 'pending'"))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('joining_name', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('joining_name')
    with op.batch_alter_table('join_request', schema=None) as batch_op:
        batch_op.drop_index('uq_join_request_pending', sqlite_where=sa.text("state = 'pending'"),
                            postgresql_where=sa.text("state = 'pending'"))
        batch_op.drop_index(batch_op.f('ix_join_request_user_id'))
        batch_op.drop_index(batch_op.f('ix_join_request_organisation_id'))
    op.drop_table('join_request')
