"""The request-pair / country-code migration on a database with old data: CORDIS's UK and EL become GB and GR (and the
directory's country filter finds them), a duplicate request pair is reduced to one and a self-request dropped; the
meetings stay."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text

from matchmaker.extensions import db

BEFORE = "b7d41e2c9a10"


def _rows(sql: str, **params) -> list:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def test_upgrade_maps_country_codes_and_merges_request_pairs(bare_app):
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
    tables = db.metadata.tables  # the tables this migration leaves alone: their Core defaults fill the rest
    with db.engine.begin() as conn:
        conn.execute(tables["organisation"].insert(), [
            {"id": 1, "name": "British Lab", "kind": "sme", "country": "UK"},
            {"id": 2, "name": "Greek Lab", "kind": "sme", "country": "EL"},
            {"id": 3, "name": "Italian Lab", "kind": "sme", "country": "IT"}])
        conn.execute(tables["event"].insert(), [{"id": 1, "name": "Forum", "time_zone": "Europe/Rome"}])
        conn.execute(tables["event_participant"].insert(),
                     [{"id": pid, "event_id": 1, "name": f"P{pid}"} for pid in (1, 2, 3)])
        for rid, requester, target in ((1, 1, 2), (2, 2, 1), (3, 3, 3), (4, 1, 3)):
            conn.execute(text("INSERT INTO meeting_request (id, event_id, requester_id, target_id, message, state, "
                              "mutual, decline_reason, created_at) "
                              "VALUES (:id, 1, :r, :t, '', 'accepted', false, '', :now)"),
                         {"id": rid, "r": requester, "t": target, "now": datetime.now(timezone.utc)})
        conn.execute(tables["meeting"].insert(), [{"id": 1, "event_id": 1, "request_id": 1},
                                                  {"id": 2, "event_id": 1, "request_id": 2}])
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output

    assert _rows("SELECT id, country FROM organisation ORDER BY id") == [(1, "GB"), (2, "GR"), (3, "IT")]
    assert _rows("SELECT id, pair_low, pair_high, mutual FROM meeting_request ORDER BY id") == [
        (1, 1, 2, True), (4, 1, 3, False)]
    # both were accepted with meetings: the later, unplaced one is cancelled (no double meeting to schedule)
    assert _rows("SELECT id, request_id, state FROM meeting ORDER BY id") == [(1, 1, "active"), (2, None, "cancelled")]

    from matchmaker.search import index
    term = index.filter_term("country", "GB")
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            sql = "SELECT organisation_id FROM organisation_search WHERE document @@ to_tsquery('simple', :q)"
        else:
            sql = "SELECT rowid FROM organisation_search WHERE organisation_search MATCH :q"
        assert [r[0] for r in conn.execute(text(sql), {"q": term})] == [1]
