"""`flask` commands: thin wrappers around services, with progress bars and a summary."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from matchmaker.services import demo as demo_service
from matchmaker.services.accounts import AccountError, create_user
from matchmaker.services.cordis import CordisFormatError, import_cordis
from matchmaker.services.org_import import MODES, ImportReport, import_organisations
from matchmaker.services.tables import TableError, read_table


def progress_bar(label: str):
    """A progress-bar wrapper suitable for the services' `progress` argument."""

    def wrap(items: Iterable) -> Iterable:
        items = list(items)
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


def print_import_report(report: ImportReport) -> None:
    """Summary of a CSV/XLSX import, one line per refused row."""
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    for error in report.errors:
        click.echo(f"line {error.line}: {error.message}")
    state = "imported" if report.applied else "NOTHING imported"
    click.echo(f"{state}: {report.created} created, {report.updated} updated, "
               f"{len({e.line for e in report.errors})} of {report.total} rows refused")


@click.command("import-orgs")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice(MODES), default="good", show_default=True,
              help="good: import the good rows and report the bad ones; all: import nothing if any row is bad.")
def import_orgs_command(file: Path, mode: str) -> None:
    """Import organisation profiles from a CSV or XLSX file (re-import updates by external_id)."""
    try:
        table = read_table(file.read_bytes(), file.name)
    except TableError as exc:
        raise click.ClickException(str(exc)) from None
    report = import_organisations(table, mode=mode, progress=progress_bar("Importing organisations"))
    print_import_report(report)
    if report.errors:
        sys.exit(1)


@click.command("import-cordis")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def import_cordis_command(folder: Path) -> None:
    """Create or update one organisation per CORDIS organisation (PIC) from FOLDER's CSV files."""
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


demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds data.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="CORDIS folder (default: CORDIS_DEMO_DIR, ../shared/data/cordis/history).")
def demo_load_command(if_empty: bool, data_dir: Path | None) -> None:
    """Load CORDIS organisations and the demo accounts, then print the demo logins."""
    if if_empty and not demo_service.is_empty():
        click.echo("Database already holds data; demo not loaded again.")
        _print_logins(demo_service.existing_demo_logins())
        return
    data_dir = data_dir or Path(current_app.config["CORDIS_DEMO_DIR"])
    try:
        report, logins = demo_service.load_demo(data_dir, progress=progress_bar("Importing CORDIS organisations"))
    except (demo_service.DemoDataError, CordisFormatError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Loaded {report.organisations_created} organisations and {report.projects_created} projects "
               "from CORDIS – EU research projects under Horizon Europe.")
    _print_logins(logins)


def _print_logins(logins: list[demo_service.DemoLogin]) -> None:
    if not logins:
        return
    click.echo("Demo logins (demo data only, never for production):")
    for login in logins:
        where = f"  ({login.organisation})" if login.organisation else ""
        click.echo(f"  {login.role:<17} {login.email:<40} {login.password}{where}")


users_cli = AppGroup("users", help="Accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True)
@click.option("--role", type=click.Choice(["member", "organiser", "admin"]), default="admin", show_default=True)
@click.password_option()
def users_create_command(email: str, name: str, role: str, password: str) -> None:
    """Create an account (by default an admin) from the command line."""
    try:
        create_user(email, name, password, role=role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {role} {email}")


def register_commands(app: Flask) -> None:
    """Attach the commands to `flask`."""
    from matchmaker.cli_matching import matching_cli
    from matchmaker.cli_scheduling import scheduling_cli

    for command in (import_orgs_command, import_cordis_command, demo_cli, users_cli, scheduling_cli, matching_cli):
        app.cli.add_command(command)


def main() -> None:
    """Console script `matchmaker`: the `flask` CLI bound to this app."""
    from flask.cli import FlaskGroup

    from matchmaker import create_app

    FlaskGroup(create_app=create_app)()
