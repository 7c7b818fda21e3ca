"""`flask events ...`: import a benchmark event, schedule it (the worker's job, in the foreground), export it."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.jobs import wording
from matchmaker.models.event import DRAFT, Event, EventSlot, EventTable
from matchmaker.models.event_meeting import ACTIVE, Meeting
from matchmaker.models.job import DONE, QUEUED, Job
from matchmaker.scheduling.dzn import DznError

events_cli = AppGroup("events", help="B2B events.")


@events_cli.command("import-dzn")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="The event's name.")
@click.option("--time-zone", default="Europe/Rome", show_default=True)
def import_dzn_command(file: Path, name: str, time_zone: str) -> None:
    """Create an event from a UdG B2B benchmark file; print its id alone on the last line."""
    from matchmaker.services.events_import import import_dzn

    try:
        event = import_dzn(file, name, time_zone=time_zone)
    except DznError as exc:
        raise click.ClickException(f"{file.name}: {exc}") from None
    click.echo(f"Imported {file.name} as event {event.id!r} ({name}).")
    click.echo(event.id)


@events_cli.command("schedule")
@click.argument("event_id", type=int)
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Solver seconds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--workers", type=int, default=None, help="1 for a reproducible run; default: the machine's cores.")
@click.option("--publish", is_flag=True, help="Publish the draft as the agenda when the job succeeds.")
def schedule_command(event_id: int, time_limit: float, seed: int, workers: int | None, publish: bool) -> None:
    """Run the scheduling job in the foreground (recorded as a job); print one JSON line."""
    from matchmaker.jobs.runner import run
    from matchmaker.services.events_job import KIND

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no event {event_id}")
    if publish and event.status == DRAFT:  # events_publish.refuse_if_draft: refused before a run is spent
        raise click.ClickException(f"event {event_id} is a draft: open its registration before publishing")
    job = Job(kind=KIND, state=QUEUED, label=event.name[:255])
    db.session.add(job)
    db.session.commit()
    job_id = job.id
    run(job_id, {"event_id": event_id, "time_limit": time_limit, "seed": seed, "workers": workers,
                 "publish": publish})
    db.session.expire_all()
    job = db.session.get(Job, job_id)
    if job.state != DONE:
        raise click.ClickException(f"job {job_id} {job.state}: {wording.word(job.message, job.message_params)}")
    result = job.result or {}
    click.echo(json.dumps({"placed": result["placed"], "requested": result["requested"],
                           "total_breaks": result["total_breaks"], "status": result["status"], "job": job_id}))


@events_cli.command("export")
@click.argument("event_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--published", is_flag=True, help="The published agenda instead of the draft.")
def export_command(event_id: int, out: Path, published: bool) -> None:
    """Write the placed meetings as {"meetings": [{"index", "slot", "table"}]} (1-based, the file's order)."""
    if db.session.get(Event, event_id) is None:
        raise click.ClickException(f"no event {event_id}")
    out.write_text(json.dumps(export_rows(event_id, published), indent=1))
    sys.stdout.write(f"{out}\n")


def export_rows(event_id: int, published: bool = False) -> dict:
    """Placed meetings read from the database, numbered as in the imported file (else by id), slots and tables
    1-based by their index."""
    slot_col, table_col = (Meeting.pub_slot_id, Meeting.pub_table_id) if published \
        else (Meeting.slot_id, Meeting.table_id)
    rows = db.session.execute(
        select(Meeting.position, Meeting.id, EventSlot.index, EventTable.index)
        .join(EventSlot, EventSlot.id == slot_col).join(EventTable, EventTable.id == table_col)
        .where(Meeting.event_id == event_id, Meeting.state == ACTIVE)
        .order_by(Meeting.position.is_(None), Meeting.position, Meeting.id)).all()
    return {"meetings": [{"index": (position if position is not None else meeting_id - 1) + 1,
                          "slot": slot + 1, "table": table + 1} for position, meeting_id, slot, table in rows]}
