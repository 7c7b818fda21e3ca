"""One fitted matching engine for every process: a persisted fit, a version stamp, a lock.

A refit (`flask matching rebuild`, a big import) pickles the engine into `engine_snapshot`; an edit refreshes
the engine in place and records an `engine_change` row in the same transaction as its suggestions. Before each
use a process compares the newest snapshot and the change rows with its own copy: a newer snapshot is loaded,
missing changes are applied (re-reading those profiles). A web request never fits: without any snapshot it
queues a rebuild and serves the stored suggestions (without reasons) meanwhile.
"""
from __future__ import annotations

import hashlib
import pickle
import threading
from pathlib import Path
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import current_app, has_request_context
from sqlalchemy import delete, event, func
from sqlalchemy.orm import Session

from matchmaker.extensions import db
from matchmaker.matching.rank import Matcher
from matchmaker.models import EngineChange, EngineSnapshot, Job, Organisation
from matchmaker.models.job import QUEUED, RUNNING
from matchmaker.services.matching import fitted_engine, profile_docs

_KEY = "matchmaker.engine"


def _code_fingerprint() -> str:
    """A digest of the engine's source: a snapshot pickled by other engine code is stale, never unpickled."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*(package / "matching").glob("*.py"), package / "glossary.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


CODE = _code_fingerprint()  # stored beside each snapshot; read once at import


@dataclass
class _Copy:
    """This process's (this app's) engine and the version it reflects."""

    engine: Matcher | None = None
    snapshot_id: int | None = None
    changes: set[int] = field(default_factory=set)  # EngineChange ids already in `engine`
    seen: tuple = ()  # (count, max id) of the change rows when last checked
    lock: threading.RLock = field(default_factory=threading.RLock)


def _copy() -> _Copy:
    return current_app.extensions.setdefault(_KEY, _Copy())


def _placeholder() -> Matcher:
    """An unfitted engine that knows no profile: pages leave the reasons out until the real one is stored."""
    engine = Matcher()
    engine.docs_ = {}
    return engine


def current(refresh: bool = False) -> Matcher:
    """The fitted engine, as new as the database says; `refresh` refits it now (commands and jobs only)."""
    copy = _copy()
    with copy.lock:
        if refresh:
            return _fit_and_store(copy)
        snapshot_id, seen = _versions()
        if snapshot_id is None:
            if has_request_context():  # never fit inside a request
                ensure_fit_queued()
                return copy.engine or _placeholder()
            return _fit_and_store(copy)
        if snapshot_id != copy.snapshot_id:
            _load(copy, snapshot_id)
        _catch_up(copy, seen)
        return copy.engine


def loaded_version() -> tuple:
    """The version this process's engine reflects (its snapshot and the change rows it has seen), as current()
    last left it: part of the key of anything cached from what the engine explains."""
    copy = _copy()
    return copy.snapshot_id, copy.seen


def _versions() -> tuple[int | None, tuple]:
    """The usable snapshot (as _usable_snapshot) and the (count, max id) of the change rows, in one query: what
    every page that shows reasons asks."""
    snapshot_id, *seen = db.session.execute(_VERSIONS).one()
    return snapshot_id, tuple(seen)


_VERSIONS = db.select(  # built once
    db.select(EngineSnapshot.id).where(EngineSnapshot.id == db.select(func.max(EngineSnapshot.id)).scalar_subquery(),
                                       EngineSnapshot.code == CODE).scalar_subquery(),
    func.count(EngineChange.id), func.max(EngineChange.id))


def _usable_snapshot() -> int | None:
    """The newest stored engine written by this engine code (older code's snapshots wait for a refit)."""
    newest = db.select(func.max(EngineSnapshot.id)).scalar_subquery()
    return db.session.execute(db.select(EngineSnapshot.id).where(
        EngineSnapshot.id == newest, EngineSnapshot.code == CODE)).scalar()


def ready() -> bool:
    """True when a fitted engine of this code is stored (so edits can refresh the suggestions incrementally)."""
    return _usable_snapshot() is not None


def _fit_and_store(copy: _Copy) -> Matcher:
    """Fit on every profile and add the snapshot to the session (committed with the caller's suggestions)."""
    base = db.session.execute(db.select(func.max(EngineChange.id))).scalar() or 0
    engine = fitted_engine()
    snapshot = EngineSnapshot(base_change=base, code=CODE,
                              payload=pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL))
    db.session.add(snapshot)
    db.session.flush()
    db.session.execute(delete(EngineSnapshot).where(EngineSnapshot.id < snapshot.id))
    db.session.execute(delete(EngineChange).where(EngineChange.id <= base))
    copy.engine, copy.snapshot_id, copy.changes, copy.seen = engine, snapshot.id, set(), ()
    db.session.info[_UNCOMMITTED] = copy  # until the caller commits: see _forget_rolled_back_fit
    return engine


_UNCOMMITTED = "matchmaker.engine.uncommitted"


@event.listens_for(Session, "after_commit")
def _fit_committed(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint's release commits nothing yet
        session.info.pop(_UNCOMMITTED, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_rolled_back_fit(session: Session, transaction) -> None:
    """A job that fitted and then failed rolls its snapshot back (or closes the session without committing): this
    process's copy must not keep claiming that snapshot's id, which the next snapshot may reuse (SQLite) while holding
    another fit; it is reloaded on next use. The outermost transaction ended without the commit that clears the mark."""
    if transaction.parent is not None:
        return
    copy = session.info.pop(_UNCOMMITTED, None)
    if copy is not None:
        with copy.lock:
            copy.engine, copy.snapshot_id, copy.changes, copy.seen = None, None, set(), ()


def fit_and_store() -> int:
    """Fit, persist and commit a new engine (the engine-fit job); returns its version."""
    current(refresh=True)
    db.session.commit()
    return _copy().snapshot_id


def _load(copy: _Copy, snapshot_id: int) -> None:
    payload, base = db.session.execute(db.select(EngineSnapshot.payload, EngineSnapshot.base_change)
                                       .where(EngineSnapshot.id == snapshot_id)).one()
    copy.engine, copy.snapshot_id, copy.seen = pickle.loads(payload), snapshot_id, ()
    copy.changes = set(db.session.execute(db.select(EngineChange.id).where(EngineChange.id <= base)).scalars())


def _catch_up(copy: _Copy, seen: tuple) -> None:
    """Apply the edits other processes recorded since this copy was made (`seen`: the change rows' count and max
    id as just read; count and max catch late commits)."""
    if seen == copy.seen:
        return
    rows = db.session.execute(db.select(EngineChange.id, EngineChange.organisation_id)).all()
    missing = [(i, org) for i, org in rows if i not in copy.changes]
    if missing:
        docs = profile_docs(sorted({org for _, org in missing}))
        if docs:
            copy.engine.update(docs)
        copy.changes.update(i for i, _ in missing)
    copy.seen = seen


def record_changes(organisation_ids: Iterable[int]) -> None:
    """Bump the version: one change row per edited profile, in the caller's transaction."""
    copy = _copy()
    rows = [EngineChange(organisation_id=i) for i in organisation_ids]
    db.session.add_all(rows)
    db.session.flush()
    copy.changes.update(row.id for row in rows)


def refresh(organisations: list[Organisation]) -> None:
    """After edits: refresh each organisation's suggestions and record the change, under this process's lock."""
    from matchmaker.services.suggestions import refresh_organisation

    copy = _copy()
    with copy.lock:
        current()
        if not ready():  # the queued rebuild will see these edits
            db.session.commit()
            return
        record_changes(o.id for o in organisations)
        for organisation in organisations:
            refresh_organisation(organisation)  # commits its lists together with the change rows
        db.session.commit()


def preload(app) -> threading.Thread | None:
    """Load the stored engine in a background thread as a server starts, so no page waits for it."""
    def load() -> None:
        with app.app_context():
            try:
                if ready():
                    index = getattr(current(), "index_", None)
                    if index is not None:  # the written forms that reasons use, so no first page computes them
                        index.is_phrase("")
            except Exception:  # noqa: BLE001  (a page will try again)
                app.logger.exception("preloading the matching engine")
            finally:
                db.session.remove()

    thread = threading.Thread(target=load, name="engine-preload", daemon=True)
    thread.start()
    return thread


def ensure_fit_queued() -> Job | None:
    """Queue a rebuild when no engine is stored and none is under way; returns the new job, if any."""
    if ready() or not db.session.execute(db.select(Organisation.id).limit(1)).first():
        return None
    pending = db.session.execute(db.select(Job.id).where(Job.kind.in_(("rebuild", "engine-fit")),
                                                         Job.state.in_((QUEUED, RUNNING))).limit(1)).first()
    if pending:
        return None
    from matchmaker.jobs import enqueue

    return enqueue("rebuild", label="no stored matching engine")
