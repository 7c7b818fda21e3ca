"""the directory's search index written again for the glossary's new concept (ALS / SLA)

Revision ID: a8d2f4c6e1b0
Revises: c4f2a8e1d9b3
Create Date: 2026-12-01 05:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a8d2f4c6e1b0'
down_revision = 'c4f2a8e1d9b3'
branch_labels = None
depends_on = None


def upgrade():
    # Concept terms are written with each profile's terms (matchmaker.search.analysis.document_terms): profiles
    # saved before the concept existed lack it until they are indexed again.
    from matchmaker.search import index
    index.rebuild(op.get_bind())


def downgrade():
    pass  # the extra terms do no harm to an older version
