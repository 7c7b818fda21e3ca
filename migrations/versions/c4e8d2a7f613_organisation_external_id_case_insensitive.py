"""organisation.external_id unique whatever its case (an index on lower(external_id))

Revision ID: c4e8d2a7f613
Revises: b7f3a91c2d16
Create Date: 2026-11-29 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e8d2a7f613'
down_revision = 'b7f3a91c2d16'
branch_labels = None
depends_on = None


def upgrade():
    # Fails if two organisations' external ids differ only in case: merge them first (the import treats them
    # as one since this revision).
    # NB: on SQLite a later batch migration that recreates `organisation` loses this expression index (Alembic
    # cannot reflect it): such a migration must create it again, as d2b6f0e9a384's downgrade does.
    op.create_index('uq_organisation_lower_external_id', 'organisation', [sa.text('lower(external_id)')],
                    unique=True)


def downgrade():
    op.execute('DROP INDEX IF EXISTS uq_organisation_lower_external_id')
