"""engine snapshot: the fingerprint of the engine code that pickled it

Revision ID: 7c3d2e1f4a90
Revises: 5e1f0c2a9d47
Create Date: 2026-11-29 05:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3d2e1f4a90'
down_revision = '5e1f0c2a9d47'
branch_labels = None
depends_on = None


def upgrade():
    # Snapshots stored before this column existed count as other code's: the next rebuild replaces them.
    with op.batch_alter_table('engine_snapshot', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=32), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('engine_snapshot', schema=None) as batch_op:
        batch_op.drop_column('code')
