"""event_participant.held_back: added by the organisers while the event was a draft and not told yet (they are told
when it opens); false for every earlier row (told when it was created)

Revision ID: c4f2a8e1d9b3
Revises: b8d41f6c2e07
Create Date: 2026-12-01 02:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4f2a8e1d9b3'
down_revision = 'b8d41f6c2e07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_back', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.drop_column('held_back')
