"""Jobs as the UI sees them: live progress, reaping the jobs of dead workers, cancelling."""
from __future__ import annotations

import os
import time
from datetime import datetime, timezone

from flask import current_app
from huey import crontab

from matchmaker.extensions import db
from matchmaker.jobs.queue import huey, key, peek
from matchmaker.jobs.runner import HOST, in_app
from matchmaker.models._common import utcnow
from matchmaker.models.job import CANCELLED, FAILED, QUEUED, RUNNING, Job

KILLED = "The worker stopped during this job (killed or crashed); nothing it was doing was kept. Start it again."


@huey.periodic_task(crontab(minute="*"))
def reap_every_minute() -> None:
    """While a worker runs, jobs of workers that died elsewhere are marked failed within a minute or two."""
    in_app(reap_stale)


def cancel(job: Job) -> None:
    """Cancel a queued job now, or ask a running one to stop (it rolls back at its next step)."""
    if job.state == QUEUED:
        job.state, job.finished_at, job.message = CANCELLED, utcnow(), "Cancelled before it started."
        db.session.commit()
    elif job.state == RUNNING:
        huey.storage.put_data(key("cancel", job.id), b"true")


def _alive(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != HOST or not pid.isdigit():
        return True  # another machine: only its heartbeat can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_stale() -> int:
    """Mark failed every running job whose worker died (same host) or stopped beating; returns how many."""
    stale_after = current_app.config.get("JOB_STALE_SECONDS", 60)
    now = time.time()
    reaped = 0
    for job in db.session.execute(db.select(Job).where(Job.state == RUNNING)).scalars():
        record = peek("progress", job.id)
        started = job.started_at.replace(tzinfo=job.started_at.tzinfo or timezone.utc).timestamp() \
            if job.started_at else now
        last = record["at"] if record else started
        if not _alive(job.worker) or now - last > stale_after:
            job.state, job.message, job.finished_at = FAILED, KILLED, datetime.now(timezone.utc)
            if record:
                job.done, job.total = record["done"], record["total"]
            huey.storage.pop_data(key("progress", job.id))
            reaped += 1
    if reaped:
        db.session.commit()
    return reaped


def live(job: Job) -> dict:
    """The job as the UI shows it: the row, with the running job's latest progress from the queue."""
    view = job.as_dict() | {"unit": (job.result or {}).get("unit", ""), "label": job.label}
    if job.state == RUNNING:
        record = peek("progress", job.id)
        if record:
            view.update(done=record["done"], total=record["total"], unit=record["unit"],
                        message=record["message"])
    return view
