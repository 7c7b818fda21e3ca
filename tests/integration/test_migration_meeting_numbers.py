"""Migration a7c3e9d2b514 numbers the existing meetings 1, 2, 3… within each event (in the order they were made),
sets each event's counter so new meetings go on from there, and keeps one e-mail per event's participants."""
from __future__ import annotations

from sqlalchemy import text

from matchmaker.extensions import db

BEFORE = "b8d4f0a62c31"


def _rows(sql: str) -> list:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_existing_meetings_are_numbered_per_event_and_new_ones_follow(bare_app):
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
    with db.engine.begin() as conn:
        for event_id in (1, 2):
            conn.execute(text("INSERT INTO event (id, name, description, venue, time_zone, status, slot_minutes, "
                              "source, version, published_version, created_at) VALUES (:id, 'E', '', '', "
                              "'Europe/Rome', 'draft', 20, '', 1, 0, CURRENT_TIMESTAMP)"), {"id": event_id})
        for meeting_id, event_id in ((440, 2), (441, 1), (444, 2), (450, 1), (451, 2)):
            conn.execute(text("INSERT INTO meeting (id, event_id, priority, sessions, locked, state, published, "
                              "sequence, updated_at) VALUES (:id, :e, 1, '', false, 'active', false, 0, "
                              "CURRENT_TIMESTAMP)"), {"id": meeting_id, "e": event_id})
        conn.execute(text("INSERT INTO event_participant (id, event_id, name, email, cancelled, ical_token, "
                          "created_at) VALUES (1, 1, 'Ada', 'Ada@Example.org', false, 't1', CURRENT_TIMESTAMP), "
                          "(2, 1, 'Ada again', 'ada@example.org', false, 't2', CURRENT_TIMESTAMP)"))
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert _rows("SELECT id, event_id, number FROM meeting ORDER BY id") == [
        (440, 2, 1), (441, 1, 1), (444, 2, 2), (450, 1, 2), (451, 2, 3)]
    assert _rows("SELECT id, meetings_numbered FROM event ORDER BY id") == [(1, 2), (2, 3)]
    assert _rows("SELECT id, email FROM event_participant ORDER BY id") == [(1, "ada@example.org"), (2, "")]

    from matchmaker.models import Meeting

    new = [Meeting(event_id=2), Meeting(event_id=2), Meeting(event_id=1)]
    db.session.add_all(new)
    db.session.commit()
    assert [(m.event_id, m.number) for m in new] == [(2, 4), (2, 5), (1, 3)]
    db.session.close()  # (PostgreSQL: an open read would hold the downgrade's ALTER TABLE)
    assert runner.invoke(args=["db", "downgrade", BEFORE]).exit_code == 0
