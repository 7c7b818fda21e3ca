"""The user read with the directory's stamp and the bell's count in one statement: the kept count and stamp are
used only while the request has not written since, and a page reads the user, stamp and bell in one statement."""
from __future__ import annotations

from sqlalchemy import text, update

from matchmaker import page_cache, user_prefetch
from matchmaker.extensions import db
from matchmaker.models import Notification
from matchmaker.services import notifications
from matchmaker.services.notifications import unread_count
from matchmaker.models._common import utcnow
from tests.helpers import login, make_org, make_user
from tests.integration.test_page_cache import _header
from tests.integration.test_page_work import statements


def _with_notes(count: int):
    user = make_user(organisation=make_org(name="Alpha Pharma"))
    for _ in range(count):
        db.session.add(Notification(user_id=user.id, code="welcome", link="/profiles/"))
    db.session.commit()
    return user.id


def test_the_kept_count_is_dropped_at_every_kind_of_write(app):
    user_id = _with_notes(3)
    with app.test_request_context():
        user = user_prefetch.load_user(user_id)
        assert user.id == user_id and user_prefetch.unread(user_id) == 3 and unread_count(user) == 3
        note = db.session.scalars(db.select(Notification).where(Notification.user_id == user_id)).first()
        note.read_at = utcnow()  # an ORM change, flushed before the count is read again
        db.session.flush()
        assert user_prefetch.unread(user_id) is None and unread_count(user) == 2
    with app.test_request_context():
        user = user_prefetch.load_user(user_id)
        assert unread_count(user) == 2
        db.session.execute(update(Notification).where(Notification.user_id == user_id).values(read_at=utcnow()))
        assert unread_count(user) == 0  # an ORM bulk statement
        db.session.commit()
    with app.test_request_context():
        user = user_prefetch.load_user(user_id)
        assert unread_count(user) == 0
        db.session.execute(text("UPDATE notification SET read_at = NULL"))
        assert unread_count(user) == 3  # plain SQL
        db.session.rollback()
        assert unread_count(user) == 0
    with app.test_request_context():
        user = user_prefetch.load_user(user_id)
        notifications.notify(user, "api_token_created", {"name": "ci"}, mail=False)
        assert unread_count(user) == 1


def test_the_kept_stamp_follows_a_commit_that_moves_it(app):
    user_id = _with_notes(0)
    with app.test_request_context():
        user_prefetch.load_user(user_id)
        before = page_cache.stamp()
        make_org(name="Beta Bio")  # commits an organisation: the stamp moves
        with statements() as seen:
            assert page_cache.stamp() != before
        assert len(seen) == 1


def test_a_missing_user_loads_nobody(app):
    with app.test_request_context():
        assert user_prefetch.load_user(987654) is None


def test_a_page_reads_the_user_stamp_and_bell_in_one_statement_and_the_bell_follows_each_request(app, client):
    from matchmaker.models import User

    user_id = _with_notes(2)
    login(client, db.session.get(User, user_id))
    assert '<span class="badge">2</span>' in _header(client.get("/profiles/").get_data(as_text=True))
    with statements() as seen:
        assert '<span class="badge">2</span>' in _header(client.get("/profiles/").get_data(as_text=True))
    assert len(seen) == 1, seen  # warm: the user with the stamp and the count, nothing else
    notifications.mark_all_read(db.session.get(User, user_id))
    assert 'class="badge"' not in _header(client.get("/profiles/").get_data(as_text=True))
