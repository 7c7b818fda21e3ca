"""`flask scheduling ...`: run the pure scheduler on benchmark files from the command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from matchmaker.scheduling import Result, solve, violations
from matchmaker.scheduling.dzn import DznError, read_dzn

scheduling_cli = AppGroup("scheduling", help="Meeting scheduler.")


def schedule_json(result: Result, n_meetings: int) -> dict:
    """The schedule in the benchmark's 1-based numbering; unplaced meetings have "slot": null."""
    rows = []
    for m in range(n_meetings):
        placement = result.schedule.placements.get(m)
        rows.append({"index": m + 1, "slot": placement.slot + 1 if placement else None,
                     "table": placement.table + 1 if placement else None})
    return {"meetings": rows}


@scheduling_cli.command("solve-dzn")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--time-limit", type=float, default=10.0, show_default=True, help="Seconds.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--workers", type=int, default=None, help="1 for a reproducible run; default: the machine's cores.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schedule as JSON.")
def solve_dzn_command(file: Path, time_limit: float, seed: int, workers: int | None, out: Path | None) -> None:
    """Solve a UdG B2B benchmark instance; print one JSON line; exit 1 if the schedule breaks a rule."""
    try:
        instance = read_dzn(file)
    except DznError as exc:
        raise click.ClickException(f"{file.name}: {exc}") from None
    result = solve(instance, time_limit=time_limit, seed=seed, workers=workers)
    problems = violations(result.schedule, instance)
    report = result.report
    click.echo(json.dumps({"instance": instance.name, "meetings": len(instance.meetings), "placed": report.placed,
                           "breaks": report.total_breaks, "max_breaks": report.max_breaks,
                           "min_breaks": report.min_breaks, "seconds": round(result.seconds, 2),
                           "status": result.status}))
    if out:
        out.write_text(json.dumps(schedule_json(result, len(instance.meetings)), indent=1))
    if problems:
        for problem in problems:
            click.echo(f"violation: {problem}", err=True)
        sys.exit(1)
