"""event.closed_at: when the organisers closed the event (the event day stops there)

Revision ID: a7c3e9d1f205
Revises: a7c3e9f1b204
Create Date: 2026-11-29 22:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d1f205'
down_revision = 'a7c3e9f1b204'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
