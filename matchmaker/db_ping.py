"""Ping a pooled database connection before use only when it sat idle in the pool.

SQLAlchemy's `pool_pre_ping` sends `SELECT 1` at every checkout: one more round trip for every request. A connection
that was in use a moment ago is alive as far as a ping can tell (a ping only proves the server answered then), so
this pings only one that waited at least `idle_seconds` since it was last returned — the connections that meet a
server restart, an idle timeout or a dropped firewall state. A dead one is replaced before the request uses it
(the pool retries the checkout with a new connection, as it does after a failed pre-ping). A connection that dies
while busy fails its statement either way; SQLAlchemy then recycles the whole pool.
"""
from __future__ import annotations

import time

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

_RETURNED = "matchmaker_returned_at"


def install(engine: Engine, idle_seconds: float) -> None:
    """Check each connection of `engine` checked out after `idle_seconds` or more in the pool (always with 0)."""

    @event.listens_for(engine, "checkin")
    def _returned(dbapi_connection, record) -> None:
        record.info[_RETURNED] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, proxy) -> None:
        returned = record.info.pop(_RETURNED, None)  # None: a connection just opened
        if returned is None or time.monotonic() - returned < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(f"the pooled connection is gone: {error}") from error
