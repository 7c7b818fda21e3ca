"""The `flask` command line, one module per group; `register_commands` attaches them all to an app."""
from __future__ import annotations

from typing import TYPE_CHECKING

from matchmaker.cli.progress import progress_bar

__all__ = ["main", "progress_bar", "register_commands"]  # progress_bar: `from matchmaker.cli import progress_bar`

if TYPE_CHECKING:
    from flask import Flask


def register_commands(app: Flask) -> None:
    """Attach the commands to `flask`."""
    from matchmaker.cli.demo import demo_cli
    from matchmaker.cli.events import events_cli
    from matchmaker.cli.imports import import_cordis_command, import_orgs_command
    from matchmaker.cli.jobs import jobs_cli
    from matchmaker.cli.matching import matching_cli
    from matchmaker.cli.scheduling import scheduling_cli
    from matchmaker.cli.tokens import tokens_cli
    from matchmaker.cli.users import users_cli

    for command in (import_orgs_command, import_cordis_command, demo_cli, users_cli, scheduling_cli, matching_cli,
                    jobs_cli, tokens_cli, events_cli):
        app.cli.add_command(command)


def main() -> None:
    """Console script `matchmaker`: the `flask` CLI bound to this app."""
    from flask.cli import FlaskGroup

    from matchmaker import create_app

    FlaskGroup(create_app=create_app)()
