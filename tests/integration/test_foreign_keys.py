"""Foreign keys are enforced on every database, SQLite included (PRAGMA foreign_keys on each connection)."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.models import ApiToken


def test_a_row_pointing_at_nobody_is_refused(app):
    db.session.add(ApiToken(user_id=987654, name="orphan", prefix="mm_orphan", token_hash="0" * 64))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_sqlite_files_enforce_foreign_keys_on_every_connection(tmp_path):
    config = type("FileDb", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                            "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3")})
    app = create_app(config)
    with app.app_context():
        for _ in range(2):  # a fresh pooled connection each time
            with db.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()


def test_migrations_on_sqlite_run_without_foreign_keys_and_leave_them_on(tmp_path):
    from sqlalchemy import event
    config = type("FileDb", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                            "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3")})
    app = create_app(config)
    seen = []
    with app.app_context():
        @event.listens_for(db.engine, "before_cursor_execute")
        def _watch(connection, cursor, statement, *args):  # what each migration statement runs under
            if statement.lstrip().upper().startswith("CREATE TABLE"):
                seen.append(cursor.connection.execute("PRAGMA foreign_keys").fetchone()[0])

        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert seen and set(seen) == {0}  # a batch migration's DROP TABLE must not cascade
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()
