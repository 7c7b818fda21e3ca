"""organisation.version: optimistic locking of profile edits

Revision ID: d2b6f0e9a384
Revises: c4e8d2a7f613
Create Date: 2026-11-29 06:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd2b6f0e9a384'
down_revision = 'c4e8d2a7f613'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('version')
    # SQLite's batch mode recreated the table without the expression index of c4e8d2a7f613: put it back.
    op.execute('CREATE UNIQUE INDEX IF NOT EXISTS uq_organisation_lower_external_id '
               'ON organisation (lower(external_id))')
