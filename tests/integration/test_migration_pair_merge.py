"""The request-pair migration keeps the live request of a duplicated pair (accepted > pending > declined > expired),
moves the other's meeting onto it, marks it mutual only when both were live, and survives a round trip."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text

from matchmaker.extensions import db

BEFORE = "b7d41e2c9a10"


def _rows(sql: str) -> list:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _upgrade_with(bare_app, requests, meetings):
    """Upgrade to the revision before, add two participants' requests and meetings, then upgrade to head."""
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
    tables = db.metadata.tables
    with db.engine.begin() as conn:
        conn.execute(tables["event"].insert(), [{"id": 1, "name": "Forum", "time_zone": "Europe/Rome"}])
        conn.execute(tables["event_participant"].insert(),
                     [{"id": pid, "event_id": 1, "name": f"P{pid}"} for pid in (1, 2)])
        for rid, requester, target, state, message in requests:
            conn.execute(text("INSERT INTO meeting_request (id, event_id, requester_id, target_id, message, state, "
                              "mutual, decline_reason, created_at) "
                              "VALUES (:id, 1, :r, :t, :msg, :state, false, '', :now)"),
                         {"id": rid, "r": requester, "t": target, "msg": message, "state": state,
                          "now": datetime.now(timezone.utc)})
        if meetings:
            conn.execute(tables["meeting"].insert(), [{"id": mid, "event_id": 1, "request_id": rid}
                                                      for mid, rid in meetings])
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    return runner


def test_declined_then_pending_keeps_the_pending_request_and_its_message(bare_app):
    _upgrade_with(bare_app, [(1, 1, 2, "declined", ""), (2, 2, 1, "pending", "please meet")], [])
    assert _rows("SELECT id, state, message, mutual FROM meeting_request") == [(2, "pending", "please meet", False)]


def test_accepted_beats_an_earlier_declined_and_keeps_its_meeting(bare_app):
    _upgrade_with(bare_app, [(1, 1, 2, "declined", ""), (2, 2, 1, "accepted", "")], [(1, 2)])
    assert _rows("SELECT id, state, mutual FROM meeting_request") == [(2, "accepted", False)]
    assert _rows("SELECT id, request_id, state FROM meeting") == [(1, 2, "active")]


def test_pending_survivor_takes_the_meeting_of_the_other(bare_app):
    _upgrade_with(bare_app, [(1, 1, 2, "accepted", ""), (2, 2, 1, "pending", "")], [(1, 1)])
    assert _rows("SELECT id, state, mutual FROM meeting_request") == [(1, "accepted", True)]
    assert _rows("SELECT id, request_id FROM meeting") == [(1, 1)]


def test_both_accepted_with_meetings_leave_one_active_meeting_on_the_request(bare_app):
    _upgrade_with(bare_app, [(1, 1, 2, "accepted", ""), (2, 2, 1, "accepted", "")], [(1, 1), (2, 2)])
    assert _rows("SELECT id, state, mutual FROM meeting_request") == [(1, "accepted", True)]
    assert _rows("SELECT id, request_id, state FROM meeting ORDER BY id") == [(1, 1, "active"), (2, None, "cancelled")]


def test_upgrade_downgrade_upgrade(bare_app):
    runner = _upgrade_with(bare_app, [(1, 1, 2, "declined", ""), (2, 2, 1, "pending", "hi")], [])
    result = runner.invoke(args=["db", "downgrade", BEFORE])
    assert result.exit_code == 0, result.output
    assert _rows("SELECT id, state, message FROM meeting_request") == [(2, "pending", "hi")]
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert _rows("SELECT id, pair_low, pair_high FROM meeting_request") == [(2, 1, 2)]
