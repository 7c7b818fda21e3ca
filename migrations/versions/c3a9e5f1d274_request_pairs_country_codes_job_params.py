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


# Of two requests between the same pair the one in the most advanced state survives (then the older one).
STATE_RANK = {'accepted': 0, 'pending': 1, 'declined': 2, 'expired': 3}
LIVE = ('pending', 'accepted')


def _merge_pairs(conn):
    """Reduce each pair's two requests to the one with the highest state: it is mutual only when both were live
    (pending or accepted); the other's meeting moves onto it if it has none; if both had meetings, the other's is
    cancelled when it is unplaced and unpublished, else kept with no request (an organiser's meeting in the
    agenda, which the organiser sees beside the first and can cancel)."""
    rows = conn.execute(sa.text(
        "SELECT r.id, r.event_id, r.pair_low, r.pair_high, r.state, m.id, m.slot_id, m.published "
        "FROM meeting_request r LEFT JOIN meeting m ON m.request_id = r.id "
        "WHERE EXISTS (SELECT 1 FROM meeting_request o WHERE o.event_id = r.event_id "
        "AND o.pair_low = r.pair_low AND o.pair_high = r.pair_high AND o.id <> r.id)")).all()
    pairs = {}
    for row in rows:
        pairs.setdefault(tuple(row[1:4]), []).append(row)
    for group in pairs.values():
        group.sort(key=lambda r: (STATE_RANK.get(r[4], len(STATE_RANK)), r[0]))
        keep = group[0]
        mutual = all(r[4] in LIVE for r in group)
        for lost in group[1:]:
            if lost[5] is not None:
                conn.execute(sa.text("UPDATE meeting SET request_id = NULL WHERE id = :m"), {"m": lost[5]})
                if keep[5] is None:
                    conn.execute(sa.text("UPDATE meeting SET request_id = :r WHERE id = :m"),
                                 {"r": keep[0], "m": lost[5]})
                    keep = keep[:5] + lost[5:]
                elif lost[6] is None and not lost[7]:
                    conn.execute(sa.text("UPDATE meeting SET state = 'cancelled' WHERE id = :m"), {"m": lost[5]})
            conn.execute(sa.text("DELETE FROM meeting_request WHERE id = :r"), {"r": lost[0]})
        if mutual:
            conn.execute(sa.text("UPDATE meeting_request SET mutual = true WHERE id = :r"), {"r": keep[0]})


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
    # unique per participant); two requests between the same pair (the race this migration closes) become one.
    op.execute("DELETE FROM meeting_request WHERE requester_id = target_id")
    _merge_pairs(op.get_bind())
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
