"""Rendered fragments and query results kept by each process, keyed by the directory's data stamp.

Every commit that writes organisations or their tags moves the stamp (a row of `data_stamp`, bumped as the last
statement of that commit, so every process sees the new number together with the new data), and every key here
includes the stamp read at the start of the request: an entry is never served after the data under it changed,
in any process. Writes that bypass the ORM re-index the search (search.index.rebuild), which bumps it too.
Why a small in-process LRU and not Flask-Caching/Redis: no new service or dependency, nothing to serialise, and
correctness comes from the stamp in the database, not from cross-process invalidation; each gunicorn worker warms
its own copy (bounded by PAGE_CACHE_SIZE entries; 0 turns caching off).

Only what is the same for every reader of a language goes in (directory cards, filter options, the public part of
a profile); what depends on the viewer (contact details, buttons, interest) is rendered per request.
"""
from __future__ import annotations

import random
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, g, has_app_context
from markupsafe import Markup, escape
from sqlalchemy import event, text
from sqlalchemy.orm import Session

DIRECTORY = "directory"  # organisations and their tags
_READ = text("SELECT version FROM data_stamp WHERE name = :name")
_BUMP = text("INSERT INTO data_stamp (name, version) VALUES (:name, :start) "
             "ON CONFLICT (name) DO UPDATE SET version = data_stamp.version + 1")  # PostgreSQL and SQLite ≥ 3.24


class LRU:
    """A thread-safe mapping that forgets its least recently used entries beyond `size`."""

    def __init__(self, size: int):
        self.size, self._data, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: Hashable, default: Any = None) -> Any:
        with self._lock:
            if key not in self._data:
                return default
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


def _cache() -> LRU | None:
    """This app's cache (one per app and process), or None when PAGE_CACHE_SIZE is 0."""
    app = current_app._get_current_object()
    cache = app.extensions.get("page_cache")
    if cache is None:
        size = int(app.config.get("PAGE_CACHE_SIZE", 1000))
        cache = app.extensions["page_cache"] = LRU(size) if size > 0 else False
    return cache if cache is not False else None  # (an empty LRU is falsy)


def stamp(name: str = DIRECTORY) -> int:
    """The data stamp of `name` as this request first read it (0 before any write)."""
    from matchmaker.extensions import db

    stamps = g.setdefault("_data_stamps", {})
    if name not in stamps:
        stamps[name] = db.session.execute(_READ, {"name": name}).scalar() or 0
    return stamps[name]


def cached(kind: str, key: tuple, make: Callable[[], Any], stamped: bool = True) -> Any:
    """make()'s value for (kind, key) at the current data stamp, made once per process while the stamp stays
    (`stamped=False`: for what depends on `key` alone, not on the directory's data)."""
    cache = _cache()
    if cache is None:
        return make()
    full_key = (kind, stamp() if stamped else None, *key)
    missing = object()
    value = cache.get(full_key, missing)
    if value is missing:
        value = make()
        cache.put(full_key, value)
    return value


# Where a cached fragment holds something of the request's own: NUL never reaches a page (request_guards refuse
# it in every request, and it is not in any template), so these cannot clash with the fragment's text.
TOKEN_SLOT, NEXT_SLOT = "\x00csrf\x00", "\x00next\x00"
LOGIN_SLOT, REGISTER_SLOT = "\x00login\x00", "\x00register\x00"  # the header's links for a visitor


def fill_slots(fragment: str, next_url: str = "", register_url: str = "", login_url: str = "") -> Markup:
    """`fragment` with this request's CSRF token (and `next_url`, `register_url`, `login_url`) put in its slots,
    escaped as the template would."""
    token = g.get("_escaped_csrf")
    if token is None:  # a page fills a dozen slots: the token once
        from flask_wtf.csrf import generate_csrf

        token = g._escaped_csrf = str(escape(generate_csrf()))
    text = fragment.replace(TOKEN_SLOT, token).replace(NEXT_SLOT, str(escape(next_url)))
    for slot, url in ((REGISTER_SLOT, register_url), (LOGIN_SLOT, login_url)):
        if slot in text:
            text = text.replace(slot, str(escape(url)))
    return Markup(text)


def bump(connection, name: str = DIRECTORY, if_table: bool = False) -> None:
    """Move the stamp of `name` in the caller's transaction (a random start, so a re-created table never meets
    the keys of an old one); with `if_table`, nothing when the table does not exist yet (older migrations)."""
    if if_table:
        from sqlalchemy import inspect

        if not inspect(connection).has_table("data_stamp"):
            return
    connection.execute(_BUMP, {"name": name, "start": random.randint(1, 2 ** 30)})


def _note_flush(session: Session, flush_context, instances=None) -> None:
    from matchmaker.models import Organisation, OrganisationTag

    if any(isinstance(obj, (Organisation, OrganisationTag))
           for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info["directory_written"] = True


def _note_statement(state) -> None:
    """ORM-enabled bulk INSERT/UPDATE/DELETE (session.execute(update(Organisation)...)) bypass the flush."""
    from matchmaker.models import Organisation, OrganisationTag

    if (state.is_update or state.is_delete or state.is_insert) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in (Organisation, OrganisationTag):
        state.session.info["directory_written"] = True


def _bump_before_commit(session: Session) -> None:
    session.flush()
    if session.info.pop("directory_written", False):
        bump(session.connection())  # the last statement before COMMIT: the row lock is held for no time
        if has_app_context():
            g.pop("_data_stamps", None)


def _forget(session: Session, *args) -> None:
    session.info.pop("directory_written", None)


def install(session_class: type[Session]) -> None:
    """Move the directory's stamp at every commit of `session_class` that wrote organisations or tags."""
    if event.contains(session_class, "before_commit", _bump_before_commit):
        return
    event.listen(session_class, "before_flush", _note_flush)
    event.listen(session_class, "do_orm_execute", _note_statement)
    event.listen(session_class, "before_commit", _bump_before_commit)
    event.listen(session_class, "after_rollback", _forget)
