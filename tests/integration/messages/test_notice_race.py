"""Two first messages written at the same moment in one conversation send one notice, not two: the "one notice until
read" rule is held by the database (services/messages._first_unread locks the conversation's row before it looks),
not only by Python. Run on a SQLite file (as served) and on PostgreSQL when DATABASE_URL names one (the CI stage);
on SQLite a writing request's BEGIN IMMEDIATE serialises the two anyway, on PostgreSQL only the lock does."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.models import Conversation, Message, Notification, User
from matchmaker.services import messages
from tests.helpers import make_user
from tests.integration.messages.helpers import connected_pair
from tests.integration.test_sqlite_concurrency import file_app  # noqa: F401 (a fixture: the SQLite file app)

PAUSE = 0.5  # between a message's INSERT and its commit: long enough for the two posts to overlap


@pytest.fixture
def shared_app(request):
    """An app whose database more than one connection can use at once: a SQLite file, or DATABASE_URL's server."""
    sqlite = TestConfig.SQLALCHEMY_DATABASE_URI.startswith("sqlite")
    return request.getfixturevalue("file_app" if sqlite else "app")


def _slow_commit(session, _flush_context) -> None:
    if any(isinstance(item, Message) for item in session.new):
        time.sleep(PAUSE)


def test_two_first_messages_at_once_send_one_notice(shared_app):
    acme, lab, alice, bob, conversation = connected_pair()
    carla = make_user(organisation=acme, name="Carla")
    writers, conversation_id, bob_id = (alice.id, carla.id), conversation.id, bob.id
    db.session.commit()
    barrier, errors = threading.Barrier(len(writers), timeout=30), []

    def write(user_id: int) -> None:
        try:
            with shared_app.test_request_context("/", method="POST"):  # a writing request, as served
                user, talk = db.session.get(User, user_id), db.session.get(Conversation, conversation_id)
                db.session.commit()  # nothing held while waiting for the other writer
                barrier.wait()
                messages.post(user, talk, f"Hello from user {user_id}")
                db.session.remove()
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)

    event.listen(Session, "after_flush", _slow_commit)
    try:
        threads = [threading.Thread(target=write, args=(user_id,)) for user_id in writers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(Session, "after_flush", _slow_commit)
    assert errors == []
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 2
    notices = db.session.scalars(db.select(Notification).where(Notification.user_id == bob_id,
                                                               Notification.code == messages.NOTICE)).all()
    assert len(notices) == 1
