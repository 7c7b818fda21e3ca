"""Jobs as the UI sees them: live progress, reaping the jobs of dead workers, cancelling."""
from __future__ import annotations

import os
import time
from datetime import datetime, timezone

from flask import current_app
from flask_babel import gettext
from huey import crontab

from matchmaker.extensions import db
from matchmaker.jobs import wording
from matchmaker.jobs.queue import huey, key, peek
from matchmaker.jobs.runner import HOST, in_app
from matchmaker.models._common import utcnow
from matchmaker.models.job import CANCELLED, DONE, FAILED, QUEUED, RUNNING, Job
from matchmaker.taxonomy import N_

KILLED = N_("The worker stopped during this job (killed or crashed); nothing it was doing was kept. Start it again.")
LOST = N_("The queue lost this job before a worker took it; nothing was done. Start it again.")
NOT_STARTED = N_("Cancelled before it started.")
# What the pages call each state and kind of job (stored as codes); a kind not listed shows its code.
STATE_LABELS = {QUEUED: N_("queued"), RUNNING: N_("running"), DONE: N_("done"), FAILED: N_("failed"),
                CANCELLED: N_("cancelled")}
KIND_LABELS = {"import-orgs": N_("Organisations import"), "import-cordis": N_("CORDIS import"),
               "import-event-people": N_("Event participants import"),
               "rebuild": N_("Suggestions rebuild"), "engine-fit": N_("Matching engine fit"), "mail": N_("E-mail"),
               "scheduling-solve": N_("Agenda scheduling"),
               "event-schedule": N_("Event scheduling"), "event-followup-ask": N_("Event follow-up request")}


@huey.periodic_task(crontab(minute="*"))
def reap_every_minute() -> None:
    """While a worker runs, jobs of workers that died elsewhere are marked failed within a minute or two."""
    in_app(reap_stale)


def cancel(job: Job) -> None:
    """Cancel a queued job now, or ask a running one to stop (it rolls back at its next step)."""
    if job.state == QUEUED:
        job.state, job.finished_at, job.message = CANCELLED, utcnow(), NOT_STARTED
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
    """Mark failed every running job whose worker died (same host) or stopped beating, and every job queued for
    longer than JOB_LOST_SECONDS whose message is no longer in the queue; returns how many."""
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
    reaped += _reap_lost(current_app.config.get("JOB_LOST_SECONDS", 300))
    if reaped:
        db.session.commit()
    return reaped


def _reap_lost(lost_after: float) -> int:
    """Queued jobs whose message the queue no longer holds (pending or scheduled for a retry) after
    `lost_after` seconds: no worker will ever take them, so they are failed (a job waiting behind others keeps
    its message and stays queued however long it waits)."""
    if huey.immediate:
        return 0
    cutoff = datetime.now(timezone.utc).timestamp() - lost_after
    old = [job for job in db.session.execute(db.select(Job).where(Job.state == QUEUED)).scalars()
           if job.created_at.replace(tzinfo=job.created_at.tzinfo or timezone.utc).timestamp() <= cutoff]
    if not old:
        return 0
    waiting = queued_job_ids()
    lost = [job for job in old if job.id not in waiting]
    for job in lost:
        job.state, job.message, job.finished_at = FAILED, LOST, datetime.now(timezone.utc)
    return len(lost)


def queued_job_ids() -> set[int]:
    """The ids of the jobs whose messages the queue holds, waiting or scheduled for a retry."""
    ids = set()
    for data in [*huey.storage.enqueued_items(), *huey.storage.scheduled_items()]:
        try:
            message = huey.serializer.deserialize(data)
        except Exception:  # noqa: BLE001  (a message of another application or version: not ours to judge)
            continue
        if message.name.rsplit(".", 1)[-1] in ("execute", "execute_with_retries") and message.args:
            ids.add(message.args[0])
    return ids


def live(job: Job) -> dict:
    """The job as the UI shows it: the row, with the running job's latest progress from the queue.

    Everything is worded in the reader's language here: the fixed messages (phases, units, states, kinds, a label
    such as "after the CORDIS import") and a finished job's report (a code with parameters, jobs/wording.py)."""
    view = job.as_dict() | {"unit": (job.result or {}).get("unit", ""), "label": job.label}
    if job.state == RUNNING:
        record = peek("progress", job.id)
        if record:
            view.update(done=record["done"], total=record["total"], unit=record["unit"],
                        message=record["message"])
    view.update(unit=_word(view["unit"]), label=_word(job.label),
                message=wording.word(view["message"], None if job.state == RUNNING else job.message_params),
                state_label=gettext(STATE_LABELS.get(job.state, job.state)),
                kind_label=_word(KIND_LABELS.get(job.kind, job.kind)))
    return view


def _word(message: str) -> str:
    return gettext(message) if message else ""
