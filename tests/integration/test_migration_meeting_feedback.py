"""Migration 6d025ab92f60 (the follow-up after the event): on a database at 3e7a91c5d2f4 it adds meeting_feedback,
whose constraints hold (one answer per meeting and participant, a rating 1-5, cascades), and event_feedback_ask;
downgrading removes both and leaves the event-day tables."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db

BEFORE, AFTER = "3e7a91c5d2f4", "6d025ab92f60"


def _insert(conn, sql: str, **params) -> None:
    conn.execute(text(sql), params)


def test_upgrade_adds_the_tables_with_their_constraints_and_downgrade_removes_them(bare_app):
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
    assert "meeting_feedback" not in inspect(db.engine).get_table_names()
    tables = db.metadata.tables
    with db.engine.begin() as conn:
        conn.execute(tables["event"].insert(), [{"id": 1, "name": "Forum", "time_zone": "Europe/Rome"}])
        conn.execute(tables["event_participant"].insert(), [{"id": 1, "event_id": 1, "name": "P1"}])
        conn.execute(tables["meeting"].insert(), [{"id": 1, "event_id": 1, "number": 1}])
    result = runner.invoke(args=["db", "upgrade", AFTER])
    assert result.exit_code == 0, result.output
    row = ("INSERT INTO meeting_feedback (event_id, meeting_id, participant_id, outcome, rating, note, answered_at) "
           "VALUES (1, 1, 1, :outcome, :rating, '', CURRENT_TIMESTAMP)")
    with db.engine.begin() as conn:
        _insert(conn, row, outcome="held", rating=5)
    with pytest.raises(IntegrityError), db.engine.begin() as conn:  # a second answer of the same participant
        _insert(conn, row, outcome="held", rating=4)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM meeting_feedback"))
    for outcome, rating in (("held", 6), ("held", 0), ("maybe", None)):  # out of range, unknown outcome
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            _insert(conn, row, outcome=outcome, rating=rating)
    with db.engine.begin() as conn:
        _insert(conn, row, outcome=None, rating=None)
    with db.engine.begin() as conn:
        _insert(conn, "INSERT INTO event_feedback_ask (event_id, asked_at, recipients) "
                      "VALUES (1, CURRENT_TIMESTAMP, 0)")
        if db.engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(text("DELETE FROM event_participant"))  # the answer goes with its author
        assert conn.execute(text("SELECT count(*) FROM meeting_feedback")).scalar() == 0
    assert runner.invoke(args=["db", "downgrade", BEFORE]).exit_code == 0
    names = set(inspect(db.engine).get_table_names())
    assert not {"meeting_feedback", "event_feedback_ask"} & names and {"meeting_no_show", "event_checkin"} <= names
