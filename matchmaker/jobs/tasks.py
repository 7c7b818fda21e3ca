"""What each kind of job does: imports, a matching rebuild, an engine fit, mail, a scheduling solve. Each reports
a message code with parameters (jobs/wording.py words it for the reader)."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from matchmaker.extensions import db
from matchmaker.jobs.queue import peek
from matchmaker.jobs.runner import JobCancelled, Progress, enqueue, handler
from matchmaker.taxonomy import N_


@handler("import-orgs")
def import_orgs(progress: Progress, payload: dict[str, Any]) -> dict:
    """A CSV/XLSX import and the rebuild of the suggestions it changes, committed as one transaction."""
    from matchmaker.services.org_import import import_organisations, report_dict
    from matchmaker.services.suggestions import rebuild_all
    from matchmaker.services.tables import read_table

    table = read_table(payload["data"], payload["filename"])
    report = import_organisations(table, mode=payload["mode"], progress=progress.phase(N_("Importing"), N_("rows")),
                                  commit=False, override=payload.get("override", False),
                                  actor_id=payload.get("actor_id"), label=payload["filename"])
    if report.applied and (report.created or report.updated):
        rebuild_all(progress=progress.phase(N_("Ranking suggestions"), N_("organisations")))  # commits the import
    else:
        db.session.rollback()
    progress.phase(N_("Imported"), N_("rows"), report.total).step(report.total)
    result = report_dict(report)
    result.update(message="orgs_imported", message_params={
        "created": report.created, "updated": report.updated, "refused": report.total - report.good,
        "total": report.total})
    return result


@handler("import-event-people")
def import_event_people(progress: Progress, payload: dict[str, Any]) -> dict:
    """A participant import into one event; the result lists each refused row's line and reason code, and the rows
    not imported (to download, fix and import again)."""
    from matchmaker.models.event import Event
    from matchmaker.services import events_import_report
    from matchmaker.services.events_people import import_rows, participant_rows
    from matchmaker.services.tables import read_table

    rows = participant_rows(read_table(payload["data"], payload["filename"]))
    event = db.session.get(Event, payload["event_id"])
    report = import_rows(event, rows, progress=progress.phase(N_("Importing"), N_("rows")),
                         inviter_id=payload.get("inviter_id"), mode=payload.get("mode", "good"))
    progress.phase(N_("Imported"), N_("rows"), len(rows)).step(len(rows))
    return events_import_report.result(event, report, len(rows))


@handler("import-cordis")
def import_cordis_job(progress: Progress, payload: dict[str, Any]) -> dict:
    """A CORDIS folder import (one transaction), then a rebuild queued as a job of its own."""
    from matchmaker.services.cordis import import_cordis

    report = import_cordis(Path(payload["folder"]), progress=progress.phase(N_("Importing"), N_("organisations")))
    rebuild = enqueue("rebuild", user_id=payload.get("user_id"), label=N_("after the CORDIS import"))
    return {"message": "cordis_imported", "message_params": {
        "created": report.organisations_created, "updated": report.organisations_updated,
        "projects": report.projects_created, "skipped": len(report.skipped), "job": rebuild.id}}


@handler("rebuild", rerun_on_stale_read=True)
def rebuild(progress: Progress, payload: Any) -> dict:
    """Refit the engine and replace every stored suggestion (one transaction)."""
    from matchmaker.services.suggestions import rebuild_all

    stored = rebuild_all(progress=progress.phase(N_("Ranking suggestions"), N_("organisations")))
    return {"message": "suggestions_stored", "message_params": {"num": stored}}


@handler("engine-fit", rerun_on_stale_read=True)
def engine_fit(progress: Progress, payload: Any) -> dict:
    """Fit the matching engine and persist it (the stored suggestions stay as they are)."""
    from matchmaker.services import engine

    progress.phase(N_("Fitting the matching engine"))
    version = engine.fit_and_store()
    return {"message": "engine_fitted", "message_params": {"version": version}}


@handler("mail")
def mail(progress: Progress, payload: dict[str, str]) -> dict:
    """Send one message over SMTP (retried by the queue when the server refuses)."""
    from matchmaker.services.mail import deliver

    deliver(payload["to"], payload["subject"], payload["body"])
    return {"message": N_("sent")}


@handler("scheduling-solve")
def scheduling_solve(progress: Progress, payload: dict[str, Any]) -> dict:
    """Solve a .dzn instance (its MaxSAT searches run in child processes of the worker)."""
    from matchmaker.scheduling import solve, violations
    from matchmaker.scheduling.dzn import read_dzn

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / payload.get("name", "instance.dzn")
        path.write_text(payload["dzn"])
        instance = read_dzn(path)
    progress.phase(N_("Scheduling"))
    result = solve(instance, time_limit=payload.get("time_limit", 5.0), workers=payload.get("workers"),
                   should_stop=lambda: peek("cancel", progress.job_id) is not None)
    if peek("cancel", progress.job_id):
        raise JobCancelled()
    problems = [str(p) for p in violations(result.schedule, instance)]
    return {"message": "dzn_solved", "message_params": {"placed": result.report.placed,
                                                        "breaks": result.report.total_breaks},
            "status": result.status, "placed": result.report.placed, "violations": problems, "log": result.log}


from matchmaker.services import events_job  # noqa: E402,F401  (registers the event-schedule job kind)
from matchmaker.services import events_followup_ask  # noqa: E402,F401  (the follow-up requests' periodic task)
