"""Simultaneous writes on the default SQLite file (WAL): concurrent logins, profile saves and review answers
all succeed, none answers 500 "database is locked"; a login whose commit fails starts no session."""
from __future__ import annotations

import threading

import pytest
from flask.testing import FlaskClient
from sqlalchemy.exc import OperationalError

from matchmaker import create_app
from matchmaker.config import TestConfig
from matchmaker.extensions import db, limiter
from matchmaker.models import Feedback, Organisation, Suggestion, User
from matchmaker.services import accounts
from matchmaker.services.suggestions import rebuild_all
from tests.conftest import IsolatedClient
from tests.helpers import CSRF_RE, PASSWORD
from tests.integration.test_profiles import FULL_FORM

N = 8
SLOW_HASH = "pbkdf2:sha256:60000"  # a password check long enough for the logins to overlap, as real ones do


@pytest.fixture
def file_app(tmp_path):
    config = type("FileDb", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                            "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3"),
                                            "LOGIN_RATE_LIMIT": "1000 per minute",
                                            "PROPAGATE_EXCEPTIONS": False})  # a failure answers 500, as served
    app = create_app(config)
    app.test_client_class = IsolatedClient  # each request in its own app context, as served
    with app.app_context():
        db.create_all()
        limiter.reset()
        yield app
        db.session.remove()
        db.engine.dispose()


def _people(n: int = N) -> list[tuple[str, int]]:
    """n companies seeking what n labs offer, one member each: (e-mail, company id)."""
    people = []
    for i in range(n):
        db.session.add(Organisation(name=f"Lab {i}", kind="university", country="IT",
                                    offer=f"Liver organoid models and toxicology assays, platform {i}"))
        company = Organisation(name=f"Company {i}", kind="sme", country="IT",
                               seek=f"liver organoid models for drug toxicology {i}")
        user = User(email=f"user{i}@example.org", name=f"User {i}", role="member", organisation=company,
                    email_confirmed=True)
        user.set_password(PASSWORD, method=SLOW_HASH)
        db.session.add_all([company, user])
        db.session.flush()
        people.append((user.email, company.id))
    db.session.commit()
    return people


def _token(client: FlaskClient, url: str) -> str:
    match = CSRF_RE.search(client.get(url).get_data(as_text=True))
    assert match, url
    return match.group(1) or match.group(2)


def _all_at_once(app, jobs) -> list[int]:
    """Run each job (client -> response) in its own thread, released together; their status codes."""
    barrier, codes = threading.Barrier(len(jobs), timeout=60), [None] * len(jobs)

    def run(i, prepare, send):
        client = FlaskClient(app, use_cookies=True)
        try:
            state = prepare(client)
        except BaseException:
            barrier.abort()  # the others must not wait for this one
            raise
        barrier.wait()
        codes[i] = send(client, state).status_code

    threads = [threading.Thread(target=run, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return codes


def _login_job(email: str):
    def prepare(client):
        return _token(client, "/auth/login")

    def send(client, token):
        return client.post("/auth/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    return prepare, send


def _logged_in(email: str, then):
    """A job that logs in first (not timed) and then runs `then` = (prepare, send)."""
    prepare_then, send = then

    def prepare(client):
        response = client.post("/auth/login", data={"email": email, "password": PASSWORD,
                                                    "csrf_token": _token(client, "/auth/login")})
        assert response.status_code == 302
        return prepare_then(client)
    return prepare, send


def test_simultaneous_logins_all_succeed(file_app):
    people = _people()
    for _ in range(2):
        codes = _all_at_once(file_app, [_login_job(email) for email, _ in people])
        assert codes == [302] * N
    db.session.rollback()
    assert all(u.last_login_at is not None for u in db.session.execute(db.select(User)).scalars())


def test_simultaneous_profile_saves_and_review_answers_all_succeed(file_app):
    people = _people()
    rebuild_all()

    def save_profile(org_id):
        url = f"/profiles/{org_id}/edit"
        return (lambda client: _token(client, url),
                lambda client, token: client.post(url, data=dict(FULL_FORM, name=f"Saved {org_id}",
                                                                 csrf_token=token)))

    def answer(org_id):
        suggestion = db.session.execute(db.select(Suggestion.id).where(
            Suggestion.source_id == org_id, Suggestion.kind == "tech-transfer").order_by(Suggestion.rank)).scalar()
        assert suggestion is not None, org_id
        url = f"/matches/suggestions/{suggestion}/feedback"
        return (lambda client: _token(client, "/matches/"),
                lambda client, token: client.post(url, data={"action": "interested", "csrf_token": token}))

    codes = _all_at_once(file_app, [_logged_in(email, answer(org_id)) for email, org_id in people])
    assert codes == [302] * N
    codes = _all_at_once(file_app, [_logged_in(email, save_profile(org_id)) for email, org_id in people])
    assert codes == [302] * N
    db.session.rollback()
    names = set(db.session.execute(db.select(Organisation.name)).scalars())
    assert {f"Saved {org_id}" for _, org_id in people} <= names
    assert db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one() == N


def test_a_login_whose_commit_fails_starts_no_session(file_app, monkeypatch):
    (email, _), = _people(1)
    client = file_app.test_client()
    token = _token(client, "/auth/login")

    def fail(*args, **kwargs):
        raise OperationalError("COMMIT", {}, Exception("database is locked"))
    monkeypatch.setattr(accounts, "record_login", fail)
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 500
    assert "Log out" not in response.get_data(as_text=True)
    monkeypatch.undo()
    assert client.get("/matches/").status_code == 302  # to the login page: no session was started


def test_pages_that_only_read_do_not_wait_for_a_writer(file_app, tmp_path):
    import sqlite3
    (email, _), = _people(2)[:1]
    rebuild_all()  # the engine fitted and stored, as on a served site (else a page queues its fit: a write)
    client = file_app.test_client()
    client.post("/auth/login", data={"email": email, "password": PASSWORD, "csrf_token": _token(client, "/auth/login")})
    writer = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock (a worker's long transaction)
    try:
        for url in ("/", "/matches/", "/profiles/"):  # (a page that waited for the lock would answer 500)
            assert client.get(url).status_code == 200, url
    finally:
        writer.execute("ROLLBACK")
        writer.close()
