"""after the event: meeting feedback (one answer per meeting and participant) and the event's one request for it

Self-contained (two new tables, nothing else changes), so it can be chained after another migration at merge time.

Revision ID: 6d025ab92f60
Revises: 3e7a91c5d2f4
Create Date: 2026-11-29 21:13:27.963203

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6d025ab92f60'
down_revision = '3e7a91c5d2f4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_feedback_ask',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_feedback_ask_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_feedback_ask'))
    )
    op.create_table('meeting_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('wants_to_continue', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('held', 'cancelled')", name=op.f('ck_meeting_feedback_outcome')),
    sa.CheckConstraint('rating IS NULL OR (rating >= 1 AND rating <= 5)', name=op.f('ck_meeting_feedback_rating_range')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_meeting_feedback_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_feedback_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['event_participant.id'], name=op.f('fk_meeting_feedback_participant_id_event_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_feedback')),
    sa.UniqueConstraint('meeting_id', 'participant_id', name=op.f('uq_meeting_feedback_meeting_id_participant_id'))
    )
    with op.batch_alter_table('meeting_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_feedback_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_feedback_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('meeting_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_feedback_participant_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_feedback_event_id'))

    op.drop_table('meeting_feedback')
    op.drop_table('event_feedback_ask')
