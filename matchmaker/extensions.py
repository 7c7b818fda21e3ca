"""Flask extensions, created unbound here and bound to an app in create_app()."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase

from matchmaker import rate_limit_storage  # noqa: F401  (memory:// without a thread per hit)
from matchmaker.fast_babel import Babel

# Stable constraint names keep Alembic autogenerate diffs identical on SQLite and PostgreSQL; a unique
# constraint's name lists all its columns (uq_suggestion_kind_source_id_target_id), so two never collide.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
babel = Babel()


def configure_sqlite(engine: Engine) -> None:
    """Foreign keys enforced on every SQLite connection (as PostgreSQL does); on an SQLite file, real
    transactions too: pysqlite's own handling commits at the first savepoint's release (so a 'one
    transaction' import was not one), and WAL lets the web server read while a worker writes. A request that
    may write takes the write lock as its transaction begins (`begin_statement`)."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _foreign_keys(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")  # outside any transaction, or SQLite ignores it

    if engine.url.database in (None, "", ":memory:"):
        return
    from matchmaker.security import private_file
    private_file(engine.url.database)  # before SQLite creates it world-readable

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # pysqlite must not begin or commit on its own
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql(begin_statement())


# How long a writer waits for another one's commit before giving up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 15_000
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_WRITE_LOCK_FIRST: ContextVar[bool] = ContextVar("sqlite_write_lock_first", default=False)


@contextmanager
def write_transaction() -> Iterator[None]:
    """A transaction of its own for a background job that writes after a long computation, committed at the end
    (rolled back on an error). The transaction the job had open is ended first (committed: the job has written
    nothing yet): on SQLite, writing from its snapshot after anyone else has committed (a login, an answer) fails
    at once with SQLITE_BUSY_SNAPSHOT ("database is locked"), which a minute's solve made nearly certain. The new
    one begins with `BEGIN IMMEDIATE` (see begin_statement): it waits its turn to write. Only the first transaction
    of the block does (one the block commits and begins again, such as the mail queued after a publication, does
    not hold the lock from its start). On PostgreSQL, just a transaction of its own.

    Objects read before keep what they hold (ending the read transaction does not expire them: a job's rows are
    many, and their ids are what a save needs; reloading each was one query per row under the lock): expire, or
    read again, what must be fresh."""
    session = db.session()
    expiring, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring
    with write_lock_first():
        try:
            yield
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise


@contextmanager
def write_lock_first() -> Iterator[None]:
    """The first transaction begun inside the block begins with `BEGIN IMMEDIATE` on SQLite (see begin_statement),
    later ones as usual; the caller begins and ends it (write_transaction, or a job run again under the lock)."""
    token = _WRITE_LOCK_FIRST.set(True)
    try:
        yield
    finally:
        _WRITE_LOCK_FIRST.reset(token)


def begin_statement() -> str:
    """How an SQLite transaction begins: `BEGIN IMMEDIATE` (the write lock at once, waiting up to the busy timeout
    for another writer) in a request whose method may write (POST, PUT, PATCH, DELETE), else a deferred `BEGIN`.

    In WAL mode a deferred transaction reads from a snapshot; if it later writes after another connection has
    committed since that snapshot, SQLite answers SQLITE_BUSY_SNAPSHOT ("database is locked") at once, without
    waiting: the busy timeout cannot help, since the transaction's reads are stale. Simultaneous logins (each reads
    the user, checks the password, then records the login) failed that way. Taking the lock first serialises the
    writing requests (each waits its turn) while pages that only read (GET) stay concurrent. A job's
    `write_transaction` begins the same way."""
    from flask import has_request_context, request

    if _WRITE_LOCK_FIRST.get():
        _WRITE_LOCK_FIRST.set(False)  # the first transaction of a job's write_transaction only
        return "BEGIN IMMEDIATE"
    if has_request_context() and request.method not in SAFE_METHODS:
        return "BEGIN IMMEDIATE"
    return "BEGIN"
