"""matching: proximity preference, life-sciences flag, confirmed suggested tags

Revision ID: 5e1f0c2a9d47
Revises: 5b1e0c7d9a42
Create Date: 2026-11-29 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1f0c2a9d47'
down_revision = '5b1e0c7d9a42'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proximity', sa.String(length=10), server_default='anywhere', nullable=False))
        batch_op.add_column(sa.Column('life_sciences', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('tags_confirmed', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('tags_confirmed')
        batch_op.drop_column('life_sciences')
        batch_op.drop_column('proximity')
