"""Jobs that read, compute for seconds, then write (a matching rebuild, an engine fit) on the default SQLite file: a
save by anyone else meanwhile (a login, an answer) made their first write fail with "database is locked" (the
snapshot they read from is stale: SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out). Their work is one
transaction, rolled back whole, so the runner runs it again, the last time under the write lock from its start."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, func, update
from sqlalchemy.exc import OperationalError

from matchmaker.extensions import db
from matchmaker.jobs import runner
from matchmaker.models import Job, Organisation, Suggestion, User
from matchmaker.services import engine as engine_service
from tests.integration.test_sqlite_concurrency import file_app  # noqa: F401  (the fixture: an SQLite file, WAL)


def _profiles() -> int:
    """Two labs, two companies seeking what they offer, and a member: returns the member's id."""
    for i in range(2):
        db.session.add(Organisation(name=f"Lab {i}", kind="university", country="IT",
                                    offer=f"Liver organoid models and toxicology assays, platform {i}"))
        db.session.add(Organisation(name=f"Company {i}", kind="sme", country="IT",
                                    seek=f"liver organoid models for drug toxicology {i}"))
    user = User(email="member@example.org", name="Member", role="member", email_confirmed=True, password_hash="-")
    db.session.add(user)
    db.session.commit()
    return user.id


@pytest.fixture
def other(file_app):  # noqa: F811
    """A second connection to the same file, as another request's (waiting 0.2 s at most for the write lock)."""
    engine = create_engine(file_app.config["SQLALCHEMY_DATABASE_URI"], connect_args={"timeout": 0.2})
    yield engine
    engine.dispose()


def _someone_commits_during_the_fit(monkeypatch, other, user_id: int, times: int) -> list[str]:
    """`other` renames the member while each of the first `times` fits runs, as a request would; returns what became
    of each try ("saved", or "waited" when the job held the write lock)."""
    real, fits = engine_service.fitted_engine, []

    def fitted():
        if len(fits) < times:
            try:
                with other.begin() as connection:
                    connection.execute(update(User).where(User.id == user_id).values(name=f"Renamed {len(fits)}"))
                fits.append("saved")
            except OperationalError:  # the job's transaction holds the write lock: the request would wait its turn
                fits.append("waited")
        else:
            fits.append("nobody")
        return real()

    monkeypatch.setattr(engine_service, "fitted_engine", fitted)
    return fits


def _run(kind: str) -> Job:
    job = Job(kind=kind)
    db.session.add(job)
    db.session.commit()
    runner.run(job.id, None)
    db.session.expire_all()
    return db.session.get(Job, job.id)


def test_a_rebuild_survives_a_save_by_someone_else_during_its_fit(file_app, other, monkeypatch):  # noqa: F811
    user_id = _profiles()
    fits = _someone_commits_during_the_fit(monkeypatch, other, user_id, times=1)
    job = _run("rebuild")
    assert job.state == "done", job.message
    assert db.session.scalar(db.select(func.count()).select_from(Suggestion)) > 0
    assert db.session.get(User, user_id).name == "Renamed 0" and fits == ["saved", "nobody"]  # ran again once


def test_an_engine_fit_overtaken_on_every_run_gets_through_under_the_lock(file_app, other, monkeypatch):  # noqa: F811
    user_id = _profiles()
    fits = _someone_commits_during_the_fit(monkeypatch, other, user_id, times=runner.STALE_READ_RUNS)
    job = _run("engine-fit")
    assert job.state == "done", job.message
    assert engine_service.ready() and db.session.get(User, user_id).name == f"Renamed {runner.STALE_READ_RUNS - 2}"
    assert fits == ["saved"] * (runner.STALE_READ_RUNS - 1) + ["waited"]  # the last run held the lock from its start


def test_a_job_that_is_not_marked_is_not_run_again(file_app):  # noqa: F811
    calls = []

    @runner.handler("test-stale-once")
    def once(progress, payload):
        calls.append(1)
        raise OperationalError("UPDATE x", {}, sqlite3.OperationalError("database is locked"))

    try:
        job = _run("test-stale-once")
    finally:
        runner.HANDLERS.pop("test-stale-once")
    assert job.state == "failed" and "database is locked" in job.message and calls == [1]
