"""events: one participant per e-mail in an event (partial unique index); meetings numbered 1, 2, 3… per event;
requests made by the organisers (forced meetings) marked

Revision ID: a7c3e9d2b514
Revises: b8d4f0a62c31
Create Date: 2026-11-29 15:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d2b514'
down_revision = 'b8d4f0a62c31'
branch_labels = None
depends_on = None

NOT_EMPTY = "email <> ''"


def upgrade():
    bind = op.get_bind()
    # Rows added twice before the index existed: the later duplicates keep their data but lose the copied e-mail
    # (the first row of that person keeps it), so the index can be built.
    seen = set()
    rows = bind.execute(sa.text("SELECT id, event_id, lower(email) FROM event_participant "
                                "WHERE email <> '' ORDER BY event_id, id")).all()
    for row_id, event_id, email in rows:
        if (event_id, email) in seen:
            bind.execute(sa.text("UPDATE event_participant SET email = '' WHERE id = :id"), {"id": row_id})
        else:
            seen.add((event_id, email))
            bind.execute(sa.text("UPDATE event_participant SET email = :email WHERE id = :id"),
                         {"email": email, "id": row_id})
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.create_index('uq_event_participant_email', ['event_id', 'email'], unique=True,
                              sqlite_where=sa.text(NOT_EMPTY), postgresql_where=sa.text(NOT_EMPTY))
    _number_meetings(bind)
    # A forced meeting's request row is the organisers' (nobody asked): rows of forced meetings without a message
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_organisers', sa.Boolean(), server_default=sa.false(), nullable=False))
    bind.execute(sa.text("UPDATE meeting_request SET by_organisers = :yes WHERE message = '' AND state = 'accepted' "
                         "AND id IN (SELECT request_id FROM meeting WHERE priority = 2 AND request_id IS NOT NULL)"),
                 {"yes": True})


def _number_meetings(bind):
    """Meeting numbers within each event, in the order the meetings were made; the event's counter at the last."""
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meetings_numbered', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
    counters = {}
    for meeting_id, event_id in bind.execute(sa.text("SELECT id, event_id FROM meeting ORDER BY event_id, id")).all():
        counters[event_id] = counters.get(event_id, 0) + 1
        bind.execute(sa.text("UPDATE meeting SET number = :n WHERE id = :id"),
                     {"n": counters[event_id], "id": meeting_id})
    for event_id, last in counters.items():
        bind.execute(sa.text("UPDATE event SET meetings_numbered = :n WHERE id = :id"), {"n": last, "id": event_id})
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(op.f('uq_meeting_event_id_number'), ['event_id', 'number'])


def downgrade():
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.drop_column('by_organisers')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_meeting_event_id_number'), type_='unique')
        batch_op.drop_column('number')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('meetings_numbered')
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.drop_index('uq_event_participant_email', sqlite_where=sa.text(NOT_EMPTY),
                            postgresql_where=sa.text(NOT_EMPTY))
