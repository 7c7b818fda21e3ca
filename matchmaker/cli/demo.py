"""`flask demo ...`: load the CORDIS demo data and the demo accounts."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from matchmaker.cli.progress import progress_bar
from matchmaker.services import demo as demo_service
from matchmaker.services.cordis import CordisFormatError

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
    _demo_event()
    _print_logins(logins)


def _demo_event() -> None:
    from matchmaker.services.events_demo import create_demo_event

    from matchmaker.services.events_demo_more import create_more_demo_events

    event = create_demo_event(demo_service.DEMO_DOMAIN)
    if event is not None:
        click.echo(f"Demo event {event.name!r} published ({event.report['placed']} meetings).")
    for more in create_more_demo_events(demo_service.DEMO_DOMAIN):
        click.echo(f"Demo event {more.name!r} ({more.status}).")


def _print_logins(logins: list[demo_service.DemoLogin]) -> None:
    if not logins:
        return
    click.echo("Demo logins (demo data only, never for production):")
    for login in logins:
        where = f"  ({login.organisation})" if login.organisation else ""
        click.echo(f"  {login.role:<17} {login.email:<40} {login.password}{where}")
