"""The scheduling job on the default SQLite file: a save by anyone else while it solves (a login, an answer) does
not fail its save at the end ("database is locked" from the snapshot it read before the solve), and a change by an
organiser meanwhile is still caught."""
from __future__ import annotations

from sqlalchemy import create_engine, update

from matchmaker import scheduling
from matchmaker.extensions import begin_statement, db, write_transaction
from matchmaker.models import Event, Meeting, User
from tests.integration.events.builders import schedule_now, small_event
from tests.integration.test_sqlite_concurrency import file_app  # noqa: F401  (the fixture: an SQLite file, WAL)


def _someone_commits_during_the_solve(monkeypatch, app, statement) -> None:
    """Another connection commits `statement` while the job's solve runs, as another request would."""
    other, real = create_engine(app.config["SQLALCHEMY_DATABASE_URI"]), scheduling.solve

    def solve(*args, **kwargs):
        with other.begin() as connection:
            connection.execute(statement)
        return real(*args, **kwargs)

    monkeypatch.setattr(scheduling, "solve", solve)


def test_a_save_by_someone_else_during_the_solve_does_not_fail_the_job(file_app, monkeypatch):  # noqa: F811
    event, people, meetings = small_event(accounts=True)
    _someone_commits_during_the_solve(monkeypatch, file_app,
                                      update(User).where(User.id == people[0].user_id).values(name="Renamed"))
    job = schedule_now(event)
    assert job.state == "done", job.message
    placed = db.session.execute(db.select(Meeting).where(Meeting.event_id == event.id,
                                                         Meeting.slot_id.is_not(None))).scalars().all()
    assert len(placed) == len(meetings)
    assert db.session.get(User, people[0].user_id).name == "Renamed"


def test_an_organisers_change_during_the_solve_is_still_caught(file_app, monkeypatch):  # noqa: F811
    event, _, meetings = small_event()
    _someone_commits_during_the_solve(monkeypatch, file_app,
                                      update(Event).where(Event.id == event.id).values(version=Event.version + 1))
    job = schedule_now(event)
    assert job.state == "failed" and "changed_meanwhile" in (job.message or "")
    assert db.session.execute(db.select(Meeting).where(Meeting.event_id == event.id,
                                                       Meeting.slot_id.is_not(None))).first() is None


def test_only_the_first_transaction_of_a_write_transaction_takes_the_lock_first(file_app):  # noqa: F811
    with write_transaction():
        assert begin_statement() == "BEGIN IMMEDIATE"
        assert begin_statement() == "BEGIN"  # the mail queued after a publication, say: not under the lock at once
    assert begin_statement() == "BEGIN"
