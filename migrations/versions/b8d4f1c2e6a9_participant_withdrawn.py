"""participant withdrawn: a participation the participant ended themselves (they may register again)

Revision ID: b8d4f1c2e6a9
Revises: a6c2e9d4f871
Create Date: 2026-11-29 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d4f1c2e6a9'
down_revision = 'a6c2e9d4f871'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.drop_column('withdrawn')
