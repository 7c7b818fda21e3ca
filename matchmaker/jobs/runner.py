"""Run a job: state in the `job` row, live progress and heartbeat in the queue's storage (status.py reaps).

A job's own work is one database transaction: a worker killed mid-job (kill -9) leaves nothing half-written,
and the next worker (or anyone looking at the job) marks it failed, never "running" forever. Jobs are not
retried automatically (the user starts the import again); mail is retried by Huey on SMTP errors.
A job runs in the language of the request that queued it: its detailed report (an import's row errors) reads as
its starter reads the page. Its message is a code with parameters, and fixed messages (phases, units, states) are
stored in English: both are worded in the reader's language on display (jobs/wording.py, status.live).
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, current_app, has_app_context
from flask_babel import force_locale
from sqlalchemy.exc import OperationalError

from matchmaker.extensions import db, write_lock_first
from matchmaker.jobs.queue import huey, key, peek
from matchmaker.models._common import utcnow
from matchmaker.models.job import CANCELLED, DONE, FAILED, QUEUED, RUNNING, Job
from matchmaker.taxonomy import N_

log = logging.getLogger(__name__)
HOST = socket.gethostname()
HEARTBEAT_SECONDS = 5.0
HANDLERS: dict[str, Callable[[Progress, Any], dict | None]] = {}
_app: Flask | None = None


class JobCancelled(Exception):
    """Raised inside a job at its next progress step once someone cancelled it."""


# A job marked rerun_on_stale_read (its work one transaction that reads, computes for seconds, then writes, and
# commits nothing before its end) is run again when SQLite refuses a write with "database is locked": on the
# default SQLite file that is what its first write gets when anyone committed since its first read (a login, an
# answer: SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out), and its rollback left nothing. At most this many
# runs, the last one under the write lock from its start (others who write wait for it, up to the busy timeout).
STALE_READ_RUNS = 3
RERUN_ON_STALE_READ: set[str] = set()


def handler(kind: str, rerun_on_stale_read: bool = False):
    """Register the function that does the work of jobs of this kind: f(progress, payload) -> result."""

    def register(func):
        HANDLERS[kind] = func
        if rerun_on_stale_read:
            RERUN_ON_STALE_READ.add(kind)
        return func

    return register


def _work(kind: str, progress: Progress, payload: Any) -> dict | None:
    """The handler's work, run again (see STALE_READ_RUNS) when it is marked and SQLite found its read stale."""
    runs = STALE_READ_RUNS if kind in RERUN_ON_STALE_READ and db.engine.dialect.name == "sqlite" else 1
    for attempt in range(1, runs):
        try:
            return HANDLERS[kind](progress, payload)
        except OperationalError as exc:
            if "database is locked" not in str(exc.orig):
                raise
            db.session.rollback()
            log.warning("job of kind %s: its read went stale before its write (run %d of %d), running it again",
                        kind, attempt, runs)
    if runs == 1:
        return HANDLERS[kind](progress, payload)
    with write_lock_first():
        return HANDLERS[kind](progress, payload)


def bind_app(app: Flask) -> None:
    """The app whose context worker threads run jobs in (set by `flask jobs worker`)."""
    global _app
    _app = app


class Progress:
    """Reports a running job's progress (done/total/unit/message) and heartbeat; raises JobCancelled."""

    def __init__(self, job_id: int) -> None:
        self.job_id, self.done, self.total, self.unit, self.message = job_id, 0, 0, "", ""
        self._published = 0.0
        self._lock = threading.Lock()

    def publish(self, force: bool = False) -> None:
        """Write the current figures to the queue's storage (at most every 0.3 s unless forced)."""
        now = time.time()
        if not force and now - self._published < 0.3:
            return
        with self._lock:
            self._published = now
            record = {"done": self.done, "total": self.total, "unit": self.unit, "message": self.message, "at": now}
            huey.storage.put_data(key("progress", self.job_id), json.dumps(record).encode())
        if peek("cancel", self.job_id):
            raise JobCancelled()

    def phase(self, message: str, unit: str = "", total: int = 0) -> Progress:
        """Start a new phase (for example 'Importing rows', then 'Ranking'); `message` and `unit` are English
        marked with N_ (the page words them in its reader's language)."""
        self.message, self.unit, self.total, self.done = message, unit, total, 0
        self.publish(force=True)
        return self

    def step(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        self.publish()

    def __call__(self, items: Iterable) -> Iterable:
        """Wrap an iterable as the services' `progress` argument does, counting its items."""
        items = list(items)
        self.total, self.done = len(items), 0
        self.publish(force=True)
        for i, item in enumerate(items, start=1):
            yield item
            self.step(i)
        self.publish(force=True)

    def beat(self, stop: threading.Event) -> None:
        """Heartbeat thread: keep the record fresh while a long step (a fit) reports nothing."""
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                self.publish(force=True)
            except JobCancelled:
                pass  # the job itself notices at its next step
            except Exception:  # noqa: BLE001  (a storage hiccup must not kill the job)
                log.exception("heartbeat of job %s", self.job_id)


def enqueue(kind: str, payload: Any = None, user_id: int | None = None, label: str = "") -> Job:
    """Record a queued job and hand it to the queue; returns the job (its id is what the UI follows).

    The job will run in the current language (the request's: its starter's preference or browser)."""
    from matchmaker.i18n import current_language

    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(kind=kind, state=QUEUED, user_id=user_id, label=label[:255])
    db.session.add(job)
    db.session.commit()
    job_id = job.id
    task = execute_with_retries if kind == "mail" else execute
    try:
        task(job_id, payload, current_language() if has_app_context() else None)
    except Exception as exc:  # noqa: BLE001  (the queue's storage is unreachable: the job is failed, not lost)
        log.exception("could not queue job %s", job_id)
        db.session.rollback()
        job = db.session.get(Job, job_id)
        if job.state == QUEUED:
            job.state, job.finished_at = FAILED, utcnow()
            job.message, job.message_params = "not_queued", {"error": f"{exc.__class__.__name__}: {exc}"[:900]}
            db.session.commit()
    return db.session.get(Job, job_id)


def in_app(func: Callable[[], Any]) -> Any:
    if has_app_context():
        return func()
    if _app is None:
        raise RuntimeError("no app bound: run jobs with `flask jobs worker`")
    with _app.app_context():
        try:
            return func()
        finally:
            db.session.remove()


@huey.task(context=True)
def execute(job_id: int, payload: Any, language: str | None = None, task=None) -> None:
    """The Huey task behind every job (not retried: a failed job is reported, the user starts it again)."""
    in_app(lambda: run(job_id, payload, retries_left=0, language=language))


@huey.task(retries=3, retry_delay=60, context=True)
def execute_with_retries(job_id: int, payload: Any, language: str | None = None, task=None) -> None:
    """Mail: Huey retries a failed send three times, a minute apart."""
    in_app(lambda: run(job_id, payload, retries_left=task.retries if task else 0, language=language))


def run(job_id: int, payload: Any, retries_left: int = 0, language: str | None = None) -> None:
    """Run one job in `language` (else its starter's saved one): its handler, then done / failed / cancelled."""
    from matchmaker.i18n import mail_language

    job = db.session.get(Job, job_id)
    if job is None or job.state not in (QUEUED,):
        return  # cancelled while queued, or already reaped
    with force_locale(mail_language(language, job.user.locale if job.user else None)):
        _run(job, payload, retries_left)


def _run(job: Job, payload: Any, retries_left: int) -> None:
    job_id = job.id
    job.state, job.started_at, job.worker, job.message = RUNNING, utcnow(), f"{HOST}:{os.getpid()}", ""
    job.message_params = None
    db.session.commit()
    progress = Progress(job_id)
    stop = threading.Event()
    threading.Thread(target=progress.beat, args=(stop,), daemon=True).start()
    retry, params = False, None
    try:
        progress.publish(force=True)
        result = _work(job.kind, progress, payload)
    except JobCancelled:
        db.session.rollback()
        state, message, result = CANCELLED, N_("Cancelled; nothing it was doing was kept."), None
    except Exception as exc:  # noqa: BLE001  (any failure is the job's, reported on its page)
        db.session.rollback()
        current_app.logger.exception("job %s (%s) failed", job_id, job.kind)
        retry = retries_left > 0
        state = QUEUED if retry else FAILED
        message = f"{exc.__class__.__name__}: {exc}"[:900]
        if retry:  # worded for the reader by jobs/wording.py
            message, params = "will_retry", {"error": message}
        result = None
    else:
        result = result if isinstance(result, dict) else {}
        state, message, params = DONE, result.pop("message", ""), result.pop("message_params", None)
        result["unit"] = progress.unit
    finally:
        stop.set()
    job = db.session.get(Job, job_id)
    job.state, job.message, job.message_params, job.result = state, message, params, result
    job.done, job.total = progress.done, progress.total
    job.finished_at = None if retry else utcnow()
    db.session.commit()
    for kind in ("progress", "cancel"):
        huey.storage.pop_data(key(kind, job_id))
    if retry:
        raise RuntimeError(params["error"])  # Huey schedules the retry
