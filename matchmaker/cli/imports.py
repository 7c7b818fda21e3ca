"""`flask import-orgs` and `flask import-cordis`: profile and CORDIS imports from the command line."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from matchmaker.cli.progress import progress_bar
from matchmaker.jobs import enqueue
from matchmaker.services.cordis import CordisFormatError, import_cordis
from matchmaker.services.org_import import MODES, ImportReport, import_in_background, import_organisations
from matchmaker.services.tables import TableError, read_table


def print_import_report(report: ImportReport) -> None:
    """Summary of a CSV/XLSX import, one line per refused row."""
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    for error in report.errors:
        click.echo(f"line {error.line}: {error.message}")
    for skipped in report.skipped:
        click.echo(f"line {skipped.line}: skipped: {skipped.message}")
    for change in report.changes:
        click.echo(f"line {change.line}: changed: {change.message}")
    state = "imported" if report.applied else "NOTHING imported"
    click.echo(f"{state}: {report.created} created, {report.updated} updated, "
               f"{len({e.line for e in report.errors})} of {report.total} rows refused")


@click.command("import-orgs")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice(MODES), default="good", show_default=True,
              help="good: import the good rows and report the bad ones; all: import nothing if any row is bad.")
@click.option("--background", is_flag=True,
              help="Queue the import for a worker (with the rebuild of the suggestions); prints the job id last.")
@click.option("--override-members", is_flag=True,
              help="Also update organisations that have members (each field changed is listed).")
def import_orgs_command(file: Path, mode: str, background: bool, override_members: bool) -> None:
    """Import organisation profiles from a CSV or XLSX file (re-import updates by external_id)."""
    try:
        table = read_table(file.read_bytes(), file.name)
    except TableError as exc:
        raise click.ClickException(str(exc)) from None
    if background:
        job = import_in_background(file.read_bytes(), file.name, mode, override=override_members)
        click.echo(f"queued the import of {len(table.rows)} rows as job {job.id}; "
                   f"follow it with `flask jobs show {job.id}`")
        click.echo(str(job.id))
        return
    report = import_organisations(table, mode=mode, progress=progress_bar("Importing organisations"),
                                  override=override_members, label=file.name)
    print_import_report(report)
    if report.errors:
        sys.exit(1)


@click.command("import-cordis")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--background", is_flag=True,
              help="Queue the import for a worker (then a rebuild of the suggestions); prints the job id last.")
def import_cordis_command(folder: Path, background: bool) -> None:
    """Create or update one organisation per CORDIS organisation (PIC) from FOLDER's CSV files."""
    if background:
        job = enqueue("import-cordis", {"folder": str(folder.resolve())}, label=folder.name)
        click.echo(f"queued the CORDIS import as job {job.id}; follow it with `flask jobs show {job.id}`")
        click.echo(str(job.id))
        return
    try:
        report = import_cordis(folder, progress=progress_bar("Importing CORDIS organisations"))
    except CordisFormatError as exc:
        raise click.ClickException(str(exc)) from None
    for error in report.skipped[:20]:
        click.echo(f"skipped line {error.line}: {error.message}")
    if len(report.skipped) > 20:
        click.echo(f"... and {len(report.skipped) - 20} more skipped rows")
    click.echo(f"projects: {report.projects_created} created, {report.projects_updated} updated; "
               f"organisations: {report.organisations_created} created, {report.organisations_updated} updated; "
               f"participations: {report.participations_created} new; skipped rows: {len(report.skipped)}")
    click.echo("Run `flask matching rebuild` to refresh the suggestions.")
