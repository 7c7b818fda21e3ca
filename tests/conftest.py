"""Fixtures: a fresh app and an empty database for every test (SQLite in memory, or DATABASE_URL)."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner, FlaskClient
from sqlalchemy import text

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db, limiter

TESTS_DIR = Path(__file__).resolve().parent
SHARED_DATA = TESTS_DIR.parent.parent / "shared" / "data"
SMALL_CORDIS = TESTS_DIR / "data" / "cordis_small"


class IsolatedClient(FlaskClient):
    """Runs each request in its own app context, as a real server does.

    The fixtures keep an app context open so tests can use the database; without this, every request would
    share that context's `g` (and with it Flask-Login's cached user and Flask-WTF's cached CSRF token).
    """

    def run_wsgi_app(self, environ, buffered=False):
        with self.application.app_context():
            response = super().run_wsgi_app(environ, buffered=buffered)
        db.session.expire_all()  # the test's own session must see what the request wrote
        return response


class IsolatedCliRunner(FlaskCliRunner):
    """A CLI runner after which the test's session sees what the command wrote."""

    def invoke(self, *args, **kwargs):
        result = super().invoke(*args, **kwargs)
        db.session.expire_all()
        return result


def _drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as conn:  # left behind by the migration test
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
def bare_app():
    """An app whose database has no tables at all (for migration tests)."""
    app = create_app(TestConfig)
    app.test_client_class = IsolatedClient
    app.test_cli_runner_class = IsolatedCliRunner
    with app.app_context():
        _drop_everything()
        limiter.reset()
        yield app
        db.session.remove()
        _drop_everything()
        db.engine.dispose()  # close this app's pooled connections now, not when it is garbage-collected (PostgreSQL
        #                    # refuses clients beyond max_connections: one idle connection per test added up)


@pytest.fixture
def app(bare_app):
    """An app with the schema created from the models and nothing in it."""
    db.create_all()
    return bare_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


UDG_INSTANCES = SHARED_DATA / "b2b_meetings" / "instances"


def udg_instance(name: str) -> Path:
    """The shared UdG benchmark file `name` (e.g. "forum-14.original"); the test is skipped, saying where it looked,
    when ../shared is not beside the clone."""
    path = UDG_INSTANCES / f"{name}.dzn"
    if not path.is_file():
        pytest.skip(f"the shared benchmark is not at {UDG_INSTANCES} (clone the project with ../shared beside it)")
    return path


@pytest.fixture
def shared_cordis_history() -> Path:
    folder = SHARED_DATA / "cordis" / "history"
    if not (folder / "projects.csv").is_file():
        pytest.skip(f"the shared CORDIS data is not at {folder} (clone the project with ../shared beside it)")
    return folder
