"""one meeting request per unordered pair of participants and event; CORDIS country codes UK/EL as GB/GR; a job's
message parameters (its report is worded for the reader)

Revision ID: c3a9e5f1d274
Revises: b7d41e2c9a10
Create Date: 2026-11-29 12:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3a9e5f1d274'
down_revision = 'b7d41e2c9a10'
branch_labels = None
depends_on = None

# CORDIS writes the United Kingdom and Greece as UK and EL; the import maps them (taxonomy.EU_COUNTRY_CODES) but
# databases imported before that kept them until a re-import.
COUNTRY_CODES = {'UK': 'GB', 'EL': 'GR'}


def upgrade():
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_params', sa.JSON(), nullable=True))
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pair_low', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('pair_high', sa.Integer(), nullable=True))
    op.execute("UPDATE meeting_request SET "
               "pair_low = CASE WHEN requester_id < target_id THEN requester_id ELSE target_id END, "
               "pair_high = CASE WHEN requester_id < target_id THEN target_id ELSE requester_id END")
    # Before the constraint: a request to oneself is meaningless (and never had a meeting: a meeting's seats are
    # unique per participant); of two requests between the same pair (the race this migration closes) the first
    # is kept, marked mutual, and the later one is removed. A meeting the later one made is kept, with no request
    # (as an imported meeting): the organiser sees both meetings and can cancel one.
    op.execute("DELETE FROM meeting_request WHERE requester_id = target_id")
    later = ("SELECT later.id FROM meeting_request later JOIN meeting_request first "
             "ON first.event_id = later.event_id AND first.pair_low = later.pair_low "
             "AND first.pair_high = later.pair_high AND first.id < later.id")
    op.execute("UPDATE meeting_request SET mutual = true WHERE id IN (SELECT first.id FROM meeting_request first "
               "JOIN meeting_request later ON first.event_id = later.event_id AND first.pair_low = later.pair_low "
               "AND first.pair_high = later.pair_high AND first.id < later.id)")
    op.execute(f"UPDATE meeting SET request_id = NULL WHERE request_id IN ({later})")
    op.execute(f"DELETE FROM meeting_request WHERE id IN (SELECT id FROM ({later}) AS doomed)")
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.alter_column('pair_low', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('pair_high', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(op.f('uq_meeting_request_event_id_pair_low_pair_high'),
                                          ['event_id', 'pair_low', 'pair_high'])
        batch_op.create_check_constraint(
            op.f('ck_meeting_request_pair_ordered'),
            'pair_low < pair_high AND pair_low IN (requester_id, target_id) AND pair_high IN (requester_id, target_id)')

    conn = op.get_bind()
    changed = 0
    for old, new in COUNTRY_CODES.items():
        changed += conn.execute(sa.text("UPDATE organisation SET country = :new WHERE country = :old"),
                                {"old": old, "new": new}).rowcount
    if changed:  # the directory's country filter reads the search index: re-index from the new codes
        from matchmaker.search import index
        index.rebuild(conn)


def downgrade():
    # The country codes stay ISO (GB, GR): the old ones were an import artefact, not data to restore.
    with op.batch_alter_table('meeting_request', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_meeting_request_pair_ordered'), type_='check')
        batch_op.drop_constraint(op.f('uq_meeting_request_event_id_pair_low_pair_high'), type_='unique')
        batch_op.drop_column('pair_high')
        batch_op.drop_column('pair_low')
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_column('message_params')
