"""A throw-away app on its own SQLite file, for commands that must not touch the real database (evaluations)."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app


def scratch_app(database: Path) -> Flask:
    """The running app's configuration on another (new) SQLite database, with jobs run in-process.

    Unlike the test configuration it keeps the production password hashing and secret key.
    """
    from matchmaker import create_app

    settings = {key: value for key, value in current_app.config.items() if key.isupper()}
    settings.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", SQLALCHEMY_ENGINE_OPTIONS={},
                    JOBS_IMMEDIATE=True, ENGINE_PRELOAD=False, TESTING=False)
    return create_app(settings)
