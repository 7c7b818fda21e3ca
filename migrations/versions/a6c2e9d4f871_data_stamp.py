"""data stamp: a version per kind of shared data, moved by every commit that writes it (rendered-page caches)

Revision ID: a6c2e9d4f871
Revises: a7c3e9d2b514
Create Date: 2026-11-29 15:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a6c2e9d4f871'
down_revision = 'a7c3e9d2b514'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'data_stamp',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_data_stamp')),
    )


def downgrade():
    op.drop_table('data_stamp')
