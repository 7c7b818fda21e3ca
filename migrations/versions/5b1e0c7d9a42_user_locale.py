"""user locale (saved UI language) and the directory's full-text search index

Revision ID: 5b1e0c7d9a42
Revises: eb7e16ee15c8
Create Date: 2026-11-29 03:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1e0c7d9a42'
down_revision = 'eb7e16ee15c8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', sa.String(length=5), nullable=True))
    # The search index (FTS5 on SQLite, tsvector + GIN on PostgreSQL) is built by the app's own code so that
    # the terms match what the app writes on every save.
    from matchmaker.search import index
    index.create(op.get_bind())
    index.rebuild(op.get_bind())


def downgrade():
    from matchmaker.search import index
    index.drop(op.get_bind())
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('locale')
