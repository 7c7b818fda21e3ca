"""the directory's search index written again: the glossary's new concept (cardiac surgery / cardiochirurgia), and
the area filter's terms of the therapeutic areas a profile says in its texts

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
    # Concept terms are written with each profile's terms (matchmaker.search.analysis.document_terms), and the area
    # filter's terms from them (search.index.fields): profiles saved before lack both until indexed again.
    from matchmaker.search import index
    index.rebuild(op.get_bind())


def downgrade():
    pass  # the extra terms do no harm to an older version
