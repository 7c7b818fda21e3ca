"""The logged-in user read with the directory's data stamp, the bell's unread count and the unread messages of
the user's organisation (the navigation's Messages number) in one statement.

Every page reads all four; reading them together saves two round trips per page. The stamp goes where
`page_cache.stamp` keeps what this request first read (a commit that moves it drops it, as before). The counts are
used only while the request has written nothing: any flush, ORM write statement, commit or rollback of the session
drops them, and `services.notifications.unread_count` (`messages.views.unread_messages`) asks the database again.
"""
from __future__ import annotations

from functools import cache

from flask import g, has_app_context
from sqlalchemy import bindparam, event, func, select
from sqlalchemy.orm import Session

from matchmaker.page_cache import DIRECTORY

_KEY = "_prefetched_unread"
_MESSAGES_KEY = "_prefetched_unread_messages"


@cache  # built once: every request runs it
def _statement():
    from matchmaker.models import DataStamp, Notification, User

    stamp = select(DataStamp.version).where(DataStamp.name == DIRECTORY).scalar_subquery()
    unread = (select(func.count(Notification.id))
              .where(Notification.user_id == User.id, Notification.read_at.is_(None)).scalar_subquery())
    from matchmaker.services.messages import _unread_of

    messages = _unread_of(User.organisation_id).scalar_subquery()
    return select(User, stamp, unread, messages).where(User.id == bindparam("user_id"))


def load_user(user_id: int):
    """The user `user_id` (None when there is none), its stamp and unread count kept for this request."""
    from matchmaker.extensions import db

    row = db.session.execute(_statement(), {"user_id": user_id}).first()
    if row is None:
        return None
    user, stamp, unread, messages = row
    g.setdefault("_data_stamps", {}).setdefault(DIRECTORY, stamp or 0)
    g.setdefault(_KEY, {})[user.id] = unread or 0
    g.setdefault(_MESSAGES_KEY, {})[user.id] = messages or 0
    return user


def unread(user_id: int) -> int | None:
    """The unread count read with the user, if nothing was written since in this request (else None)."""
    return g.get(_KEY, {}).get(user_id) if has_app_context() else None


def unread_messages(user_id: int) -> int | None:
    """The unread messages of the user's organisation, read with the user, if nothing was written since."""
    return g.get(_MESSAGES_KEY, {}).get(user_id) if has_app_context() else None


def _drop(*args, **kwargs) -> None:
    if has_app_context():
        g.pop(_KEY, None)
        g.pop(_MESSAGES_KEY, None)


def _drop_on_write(state) -> None:
    if state.is_insert or state.is_update or state.is_delete or (
            not state.is_select and not str(state.statement).lstrip().upper().startswith("SELECT")):
        _drop()  # (plain SQL counts as a write unless it is a SELECT)


def install(session_class: type[Session]) -> None:
    """Drop the kept count at every write, commit or rollback of `session_class`."""
    if event.contains(session_class, "after_flush", _drop):
        return
    for name in ("after_flush", "after_commit", "after_rollback"):
        event.listen(session_class, name, _drop)
    event.listen(session_class, "do_orm_execute", _drop_on_write)
