"""the directory's search index written again for the glossary's new concept (cardiac surgery / cardiochirurgia)

Revision ID: b7e3c5d9f2a4
Revises: a8d2f4c6e1b0
Create Date: 2026-12-02 08:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e3c5d9f2a4'
down_revision = 'a8d2f4c6e1b0'
branch_labels = None
depends_on = None


def upgrade():
    # Concept terms are written with each profile's terms (matchmaker.search.analysis.document_terms): profiles
    # saved before the concept existed lack it until they are indexed again.
    from matchmaker.search import index
    index.rebuild(op.get_bind())


def downgrade():
    pass  # the extra terms do no harm to an older version
