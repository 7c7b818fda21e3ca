"""`flask jobs ...`: run a worker in the foreground, show, list and cancel background jobs."""
from __future__ import annotations

import json
import logging

import click
from flask import current_app
from flask.cli import AppGroup

from matchmaker.config import public_url_warning
from matchmaker.extensions import db
from matchmaker.jobs import queue
from matchmaker.jobs.runner import bind_app
from matchmaker.jobs.status import cancel, live, reap_stale
from matchmaker.models.job import Job

jobs_cli = AppGroup("jobs", help="Background jobs (Huey).")


@jobs_cli.command("worker")
@click.option("--threads", type=int, default=2, show_default=True,
              help="Jobs run at the same time (threads: a job may start processes of its own, as the scheduler does).")
def worker_command(threads: int) -> None:
    """Run a worker in the foreground until Ctrl-C (what `make run` starts beside the web server)."""
    if queue.huey.immediate:
        raise click.ClickException("JOBS_IMMEDIATE is set: jobs run inside the command that queues them, "
                                   "there is nothing for a worker to do.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    app = current_app._get_current_object()
    if warning := public_url_warning(app.config):  # the worker builds the mails of jobs: their links need it
        logging.getLogger("matchmaker.worker").warning(warning)
    bind_app(app)
    reaped = reap_stale()
    if reaped:
        click.echo(f"{reaped} job(s) left running by a stopped worker marked failed")
    from matchmaker.services import engine

    fit = engine.ensure_fit_queued()
    if fit is not None:
        click.echo(f"no stored matching engine: fitting it in job {fit.id}")
    click.echo(f"worker: {threads} thread(s) on {queue.describe()}")
    # Thread workers: Huey's process workers are daemonic and could not start the scheduler's MaxSAT processes.
    queue.huey.create_consumer(workers=threads, worker_type="thread", periodic=True).run()


def _job_or_fail(job_id: int) -> Job:
    job = db.session.get(Job, job_id)
    if job is None:
        raise click.ClickException(f"no job {job_id}")
    return job


@jobs_cli.command("show")
@click.argument("job_id", type=int)
@click.option("--json", "as_json", is_flag=True, help='One JSON object: {"id", "kind", "state", "done", "total", '
                                                      '"message"}.')
def show_command(job_id: int, as_json: bool) -> None:
    """One job's state and progress."""
    reap_stale()
    view = live(_job_or_fail(job_id))
    if as_json:
        click.echo(json.dumps({k: view[k] for k in ("id", "kind", "state", "done", "total", "message")}))
        return
    progress = f" {view['done']:,} of {view['total']:,} {view['unit']}" if view["total"] else ""
    click.echo(f"job {view['id']} {view['kind']} {view['label']}: {view['state']}{progress} {view['message']}")


@jobs_cli.command("list")
@click.option("--limit", type=int, default=20, show_default=True)
def list_command(limit: int) -> None:
    """The latest jobs, newest first."""
    reap_stale()
    for job in db.session.execute(db.select(Job).order_by(Job.id.desc()).limit(limit)).scalars():
        view = live(job)
        click.echo(f"{job.id:>6} {job.kind:<16} {view['state']:<9} {view['done']:>7}/{view['total']:<7} "
                   f"{job.label[:40]:<40} {view['message'][:60]}")


@jobs_cli.command("cancel")
@click.argument("job_id", type=int)
def cancel_command(job_id: int) -> None:
    """Cancel a queued job, or ask a running one to stop (its changes are rolled back)."""
    cancel(_job_or_fail(job_id))
    click.echo(f"job {job_id}: {db.session.get(Job, job_id).state}")
