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
