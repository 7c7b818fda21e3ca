"""user.registration_kind: a registered organisation is created at confirmation, not at registration

Revision ID: a7c3e9d51b20
Revises: f4b2d8c61a07
Create Date: 2026-11-29 15:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d51b20'
down_revision = 'f4b2d8c61a07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_kind', sa.String(length=30), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_user_registration_pending'),
            "registration_kind IS NULL OR (joining_name IS NOT NULL AND organisation_id IS NULL)")


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_registration_pending'), type_='check')
        batch_op.drop_column('registration_kind')
