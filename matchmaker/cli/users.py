"""`flask users ...`: accounts from the command line."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from matchmaker.models.user import ADMIN, ROLES
from matchmaker.services.accounts import AccountError, create_user

users_cli = AppGroup("users", help="Accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True)
@click.option("--role", type=click.Choice(ROLES), default=ADMIN, show_default=True)
@click.password_option()
def users_create_command(email: str, name: str, role: str, password: str) -> None:
    """Create an account (by default an admin) from the command line."""
    try:
        create_user(email, name, password, role=role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {role} {email}")
