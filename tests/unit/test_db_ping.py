"""A pooled connection is pinged only after it sat idle, and a dead one is replaced before it is used."""
from __future__ import annotations

from sqlalchemy import create_engine, text

from matchmaker import db_ping


def _engine(tmp_path, idle_seconds: float, pings: list):
    engine = create_engine(f"sqlite:///{tmp_path / 'ping.sqlite3'}", pool_size=1)
    real = engine.dialect.do_ping

    def counted(dbapi_connection):
        pings.append(dbapi_connection)
        return real(dbapi_connection)

    engine.dialect.do_ping = counted
    db_ping.install(engine, idle_seconds)
    return engine


def test_a_connection_back_from_the_pool_a_moment_ago_is_not_pinged(tmp_path):
    pings: list = []
    engine = _engine(tmp_path, 60, pings)
    for _ in range(3):
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    assert pings == []


def test_an_idle_connection_is_pinged_and_a_dead_one_replaced_before_use(tmp_path):
    pings: list = []
    engine = _engine(tmp_path, 0, pings)
    with engine.connect() as connection:
        first = connection.connection.dbapi_connection
        connection.execute(text("SELECT 1"))
    assert pings == []  # just opened
    with engine.connect() as connection:
        assert connection.connection.dbapi_connection is first
    assert pings == [first]
    first.close()  # the server went away while the connection waited in the pool
    with engine.connect() as connection:
        assert connection.connection.dbapi_connection is not first
        assert connection.execute(text("SELECT 1")).scalar() == 1
    assert pings[-1] is first
