"""What each kind of job does: imports, a matching rebuild, an engine fit, mail, a scheduling solve."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from matchmaker.extensions import db
from matchmaker.jobs.runner import Progress, enqueue, handler


@handler("import-orgs")
def import_orgs(progress: Progress, payload: dict[str, Any]) -> dict:
    """A CSV/XLSX import and the rebuild of the suggestions it changes, committed as one transaction."""
    from matchmaker.services.org_import import import_organisations, report_dict
    from matchmaker.services.suggestions import rebuild_all
    from matchmaker.services.tables import read_table

    table = read_table(payload["data"], payload["filename"])
    report = import_organisations(table, mode=payload["mode"], progress=progress.phase("Importing", "rows"),
                                  commit=False)
    if report.applied and (report.created or report.updated):
        rebuild_all(progress=progress.phase("Ranking suggestions", "organisations"))  # commits the import too
    else:
        db.session.rollback()
    progress.phase("Imported", "rows", report.total).step(report.total)
    result = report_dict(report)
    result["message"] = (f"{report.created} created, {report.updated} updated, "
                         f"{report.total - report.good} of {report.total} rows refused")
    return result


@handler("import-cordis")
def import_cordis_job(progress: Progress, payload: dict[str, Any]) -> dict:
    """A CORDIS folder import (one transaction), then a rebuild queued as a job of its own."""
    from matchmaker.services.cordis import import_cordis

    report = import_cordis(Path(payload["folder"]), progress=progress.phase("Importing", "organisations"))
    rebuild = enqueue("rebuild", user_id=payload.get("user_id"), label="after the CORDIS import")
    return {"message": f"organisations: {report.organisations_created} created, {report.organisations_updated} "
                       f"updated; projects: {report.projects_created} created; skipped rows: {len(report.skipped)}; "
                       f"suggestions: job {rebuild.id}"}


@handler("rebuild")
def rebuild(progress: Progress, payload: Any) -> dict:
    """Refit the engine and replace every stored suggestion (one transaction)."""
    from matchmaker.services.suggestions import rebuild_all

    stored = rebuild_all(progress=progress.phase("Ranking suggestions", "organisations"))
    return {"message": f"stored {stored} suggestions"}


@handler("engine-fit")
def engine_fit(progress: Progress, payload: Any) -> dict:
    """Fit the matching engine and persist it (the stored suggestions stay as they are)."""
    from matchmaker.services import engine

    progress.phase("Fitting the matching engine")
    version = engine.fit_and_store()
    return {"message": f"engine version {version}"}


@handler("mail")
def mail(progress: Progress, payload: dict[str, str]) -> dict:
    """Send one message over SMTP (retried by the queue when the server refuses)."""
    from matchmaker.services.mail import deliver

    deliver(payload["to"], payload["subject"], payload["body"])
    return {"message": "sent"}


@handler("scheduling-solve")
def scheduling_solve(progress: Progress, payload: dict[str, Any]) -> dict:
    """Solve a .dzn instance (its MaxSAT searches run in child processes of the worker)."""
    from matchmaker.scheduling import solve, violations
    from matchmaker.scheduling.dzn import read_dzn

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / payload.get("name", "instance.dzn")
        path.write_text(payload["dzn"])
        instance = read_dzn(path)
    progress.phase("Scheduling")
    result = solve(instance, time_limit=payload.get("time_limit", 5.0), workers=payload.get("workers"))
    problems = [str(p) for p in violations(result.schedule, instance)]
    return {"message": f"{result.report.placed} meetings placed, {result.report.total_breaks} breaks",
            "status": result.status, "placed": result.report.placed, "violations": problems, "log": result.log}
