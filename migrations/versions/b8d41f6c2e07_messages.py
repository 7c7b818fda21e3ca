"""messages between connected organisations: conversation (one per pair), conversation_side (each side's read
marker; one of the pair), message (its author organisation a side of the conversation; 1-4,000 characters, not blank)

Revision ID: b8d41f6c2e07
Revises: a7c3e9d1f205
Create Date: 2026-11-29 23:37:14

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d41f6c2e07'
down_revision = 'a7c3e9d1f205'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('conversation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('low_id', sa.Integer(), nullable=False),
    sa.Column('high_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_message_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('low_id < high_id', name=op.f('ck_conversation_ordered')),
    sa.ForeignKeyConstraint(['high_id'], ['organisation.id'], name=op.f('fk_conversation_high_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['low_id'], ['organisation.id'], name=op.f('fk_conversation_low_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation')),
    sa.UniqueConstraint('id', 'low_id', 'high_id', name=op.f('uq_conversation_id_low_id_high_id')),
    sa.UniqueConstraint('low_id', 'high_id', name=op.f('uq_conversation_low_id_high_id'))
    )
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_high_id'), ['high_id'], unique=False)

    op.create_table('conversation_side',
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('low_id', sa.Integer(), nullable=False),
    sa.Column('high_id', sa.Integer(), nullable=False),
    sa.Column('last_read_id', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint('organisation_id = low_id OR organisation_id = high_id', name=op.f('ck_conversation_side_one_of_pair')),
    sa.ForeignKeyConstraint(['conversation_id', 'low_id', 'high_id'], ['conversation.id', 'conversation.low_id', 'conversation.high_id'], name=op.f('fk_conversation_side_conversation_id_conversation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_conversation_side_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conversation_id', 'organisation_id', name=op.f('pk_conversation_side'))
    )
    with op.batch_alter_table('conversation_side', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_side_organisation_id', ['organisation_id'], unique=False)

    op.create_table('message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('author_organisation_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("trim(body) <> ''", name=op.f('ck_message_body_not_blank')),
    sa.CheckConstraint('length(body) BETWEEN 1 AND 4000', name=op.f('ck_message_body_length')),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_message_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conversation_id', 'author_organisation_id'], ['conversation_side.conversation_id', 'conversation_side.organisation_id'], name=op.f('fk_message_conversation_id_conversation_side'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message'))
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index('ix_message_conversation_id_id', ['conversation_id', 'id'], unique=False)

    # Every pair connected now gets its conversation, as services/review.py gives one to every new connection.
    op.execute("INSERT INTO conversation (low_id, high_id, created_at) "
               "SELECT low_id, high_id, connected_at FROM connection WHERE withdrawn_at IS NULL")
    for column in ('low_id', 'high_id'):
        op.execute(f"INSERT INTO conversation_side (conversation_id, organisation_id, low_id, high_id, last_read_id) "
                   f"SELECT id, {column}, low_id, high_id, 0 FROM conversation")



def downgrade():
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('ix_message_conversation_id_id')

    op.drop_table('message')
    with op.batch_alter_table('conversation_side', schema=None) as batch_op:
        batch_op.drop_index('ix_conversation_side_organisation_id')

    op.drop_table('conversation_side')
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_high_id'))

    op.drop_table('conversation')
