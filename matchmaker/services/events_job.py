"""The event scheduling job (worker and `flask events schedule` alike): solve, save the draft, optionally publish.

The job writes in one transaction at its end (the draft, and the publication if asked): a failed, cancelled or
killed job leaves the draft and the published agenda as they were. The best schedule so far is kept in the queue's
storage for the schedule page.
"""
from __future__ import annotations

import json
from typing import Any

from matchmaker.extensions import db, write_transaction
from matchmaker.jobs.queue import huey, key, peek
from matchmaker.jobs.runner import JobCancelled, Progress, handler
from matchmaker.models._common import utcnow
from matchmaker.models.event import Event
from matchmaker.scheduling import Result, violations
from matchmaker.taxonomy import N_

KIND = "event-schedule"
DEFAULT_LIMIT = 30.0  # seconds a run may take when the organiser gives none


def best_so_far(job_id: int) -> dict | None:
    """The best schedule found so far by a running job: placed, requested, breaks, status."""
    return peek("event-best", job_id)


@handler(KIND)
def schedule_event(progress: Progress, payload: dict[str, Any]) -> dict:
    """Solve the event (repair mode when it has a published agenda), save the draft, publish if asked."""
    from matchmaker.scheduling import solve
    from matchmaker.services import events
    from matchmaker.services.events_begun import begun, closed, worded_over
    from matchmaker.services.events_publish import publish

    event = db.session.get(Event, payload["event_id"])
    if event is None:
        raise ValueError(f"no event {payload['event_id']}")
    progress.phase(N_("Reading the event"))
    version = event.version  # the draft is saved only if nobody changed placements or the grid meanwhile
    loaded = events.load(event)
    previous = loaded.published() if events.is_published(event) else None
    over = begun(loaded, utcnow())  # on the event day: what took place stays, and nothing new goes there
    instance = closed(loaded, over, previous if previous is not None else loaded.draft())
    requested = len(loaded.instance.meetings)
    progress.phase(N_("Scheduling"), N_("meetings placed"), requested)
    cancelled = []

    def improved(result: Result) -> None:
        record = {"placed": result.report.placed, "requested": requested,
                  "breaks": result.report.total_breaks, "status": result.status}
        huey.storage.put_data(key("event-best", progress.job_id), json.dumps(record).encode())
        progress.done = result.report.placed
        try:
            progress.publish(force=True)
        except JobCancelled:
            cancelled.append(True)  # nothing is saved; the solver stops within about a second (should_stop)

    try:
        result = solve(instance, time_limit=float(payload.get("time_limit", DEFAULT_LIMIT)),
                       seed=int(payload.get("seed", 0)), previous=previous, workers=payload.get("workers"),
                       on_improvement=improved,
                       should_stop=lambda: bool(cancelled) or peek("cancel", progress.job_id) is not None)
    finally:
        huey.storage.pop_data(key("event-best", progress.job_id))
    if cancelled or peek("cancel", progress.job_id):
        raise JobCancelled()
    problems = violations(result.schedule, instance)
    if problems:
        raise RuntimeError(f"the schedule breaks a rule: {problems[0]}")
    result = worded_over(result, loaded, over, instance)
    progress.phase(N_("Saving the draft"))
    published = None
    # Read afresh and written at once (on SQLite, writing from the snapshot read before the solve fails whenever
    # anyone saved anything meanwhile); the version still says whether the organiser changed the event meanwhile.
    with write_transaction():
        db.session.expire(event)  # its status and version afresh; the meetings' and slots' ids as loaded
        events.save_result(event, loaded, result, expected=version)
        if payload.get("publish"):
            published = publish(db.session.get(Event, event.id))
    report = result.report
    return {"message": "event_scheduled", "message_params": {  # worded by jobs/wording.py for the reader
                "placed": report.placed, "requested": report.requested, "breaks": report.total_breaks},
            "event_id": event.id, "placed": report.placed, "requested": report.requested,
            "total_breaks": report.total_breaks, "status": result.status, "published": published,
            "moves": len(result.moves), "time_limit": float(payload.get("time_limit", DEFAULT_LIMIT))}
