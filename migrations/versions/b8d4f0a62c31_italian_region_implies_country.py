"""data: a profile with an Italian region and no country is in Italy (country IT), as the profile schema now says

Revision ID: b8d4f0a62c31
Revises: a7c3e9d51b20
Create Date: 2026-11-29 15:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b8d4f0a62c31'
down_revision = 'a7c3e9d51b20'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE organisation SET country = 'IT' WHERE region <> '' AND (country = '' OR country IS NULL)")


def downgrade():
    pass  # which rows had no country is not recorded; IT stays right for them
