"""event day: check-in (one row per participant) and no-shows reported by a meeting's participant

Self-contained (two new tables, nothing else changes), so it can be chained after another migration of the same
day at merge time.

Revision ID: 3e7a91c5d2f4
Revises: b8d4f1c2e6a9
Create Date: 2026-11-29 20:24:47.479424

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3e7a91c5d2f4'
down_revision = 'b8d4f1c2e6a9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('arrived_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_user_id'], ['user.id'], name=op.f('fk_event_checkin_by_user_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_checkin_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['event_participant.id'], name=op.f('fk_event_checkin_participant_id_event_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_checkin')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_event_checkin_participant_id'))
    )
    with op.batch_alter_table('event_checkin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_checkin_event_id'), ['event_id'], unique=False)

    op.create_table('meeting_no_show',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('absent_id', sa.Integer(), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('reporter_id <> absent_id', name=op.f('ck_meeting_no_show_not_self')),
    sa.ForeignKeyConstraint(['absent_id'], ['event_participant.id'], name=op.f('fk_meeting_no_show_absent_id_event_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_meeting_no_show_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_no_show_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['event_participant.id'], name=op.f('fk_meeting_no_show_reporter_id_event_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_no_show')),
    sa.UniqueConstraint('meeting_id', 'reporter_id', name=op.f('uq_meeting_no_show_meeting_id_reporter_id'))
    )
    with op.batch_alter_table('meeting_no_show', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_no_show_absent_id'), ['absent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_no_show_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_no_show_reporter_id'), ['reporter_id'], unique=False)



def downgrade():
    with op.batch_alter_table('meeting_no_show', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_no_show_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_no_show_event_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_no_show_absent_id'))

    op.drop_table('meeting_no_show')
    with op.batch_alter_table('event_checkin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_checkin_event_id'))

    op.drop_table('event_checkin')
