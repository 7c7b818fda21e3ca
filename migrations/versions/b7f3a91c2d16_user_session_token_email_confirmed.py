"""user session token (revocable sessions and remember cookies) and email_confirmed (self-registration)

Revision ID: b7f3a91c2d16
Revises: a17e5b0c3d21
Create Date: 2026-11-29 06:20:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7f3a91c2d16'
down_revision = 'a17e5b0c3d21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('email_confirmed', sa.Boolean(), server_default=sa.true(), nullable=False))
    # Every existing account gets its own random token (existing sessions end once: they carry no token).
    bind = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('session_token', sa.String))
    for (user_id,) in bind.execute(sa.select(user.c.id)).all():
        bind.execute(user.update().where(user.c.id == user_id).values(session_token=secrets.token_hex(16)))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=32), nullable=False)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed')
        batch_op.drop_column('session_token')
