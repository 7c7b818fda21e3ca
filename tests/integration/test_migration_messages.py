"""Migration b8d41f6c2e07 (messages): on a database at a7c3e9d1f205 every live connection gets its conversation
with its two sides (a withdrawn one none), the constraints hold, and downgrading removes the three tables."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db

BEFORE, AFTER = "a7c3e9d1f205", "b8d41f6c2e07"


def test_upgrade_gives_live_connections_a_conversation_and_downgrade_removes_it(bare_app):
    runner = bare_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
    tables = db.metadata.tables
    with db.engine.begin() as conn:
        conn.execute(tables["organisation"].insert(), [{"id": n, "name": f"Org {n}", "kind": "sme"} for n in (1, 2, 3)])
        conn.execute(text("INSERT INTO connection (low_id, high_id, connected_at, withdrawn_at) VALUES "
                          "(1, 2, CURRENT_TIMESTAMP, NULL), (1, 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    result = runner.invoke(args=["db", "upgrade", AFTER])
    assert result.exit_code == 0, result.output
    with db.engine.begin() as conn:
        assert conn.execute(text("SELECT id, low_id, high_id FROM conversation")).all() == [(1, 1, 2)]
        assert sorted(conn.execute(text("SELECT organisation_id FROM conversation_side")).scalars()) == [1, 2]
        conn.execute(text("INSERT INTO message (conversation_id, author_organisation_id, body, created_at) "
                          "VALUES (1, 2, 'Hello', CURRENT_TIMESTAMP)"))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:  # org 3 is not a side of conversation 1
        conn.execute(text("INSERT INTO message (conversation_id, author_organisation_id, body, created_at) "
                          "VALUES (1, 3, 'Hello', CURRENT_TIMESTAMP)"))
    assert runner.invoke(args=["db", "downgrade", BEFORE]).exit_code == 0
    assert not {"conversation", "conversation_side", "message"} & set(inspect(db.engine).get_table_names())
