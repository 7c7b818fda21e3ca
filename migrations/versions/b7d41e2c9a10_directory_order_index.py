"""directory order index: life-science profiles first, then by lower(name), id (no sort of every profile per page)

Revision ID: b7d41e2c9a10
Revises: 7032e4f5fe44
Create Date: 2026-11-29 09:05:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql.elements import Grouping


# revision identifiers, used by Alembic.
revision = 'b7d41e2c9a10'
down_revision = '7032e4f5fe44'
branch_labels = None
depends_on = None


def upgrade():
    # The same expressions as services/profiles.directory_query's ORDER BY (each dialect renders them its way).
    life_sciences_last = sa.case((sa.column('life_sciences').is_(False), 1), else_=0)
    op.create_index('ix_organisation_directory_order', 'organisation',
                    [Grouping(life_sciences_last), sa.func.lower(sa.column('name')), sa.column('id')])


def downgrade():
    op.drop_index('ix_organisation_directory_order', table_name='organisation')
