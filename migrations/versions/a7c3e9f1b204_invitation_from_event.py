"""invitation.from_event: an event organiser's invitation grants membership only of an organisation without members

Revision ID: a7c3e9f1b204
Revises: 6d025ab92f60
Create Date: 2026-11-29 22:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9f1b204'
down_revision = '6d025ab92f60'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_event', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_column('from_event')
