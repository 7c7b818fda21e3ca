"""`flask tokens ...`: personal API tokens from the command line (for operators and scripts)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from matchmaker.services.accounts import find_user
from matchmaker.services.tokens import TokenError, create_token, revoke_token, tokens_of

tokens_cli = AppGroup("tokens", help="Personal API tokens.")


def _user(email: str):
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no account for {email}")
    return user


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="command line", show_default=True, help="What the token is for.")
def tokens_create_command(email: str, name: str) -> None:
    """Create a token for EMAIL's account; the token is printed alone on the last line (and stored only hashed)."""
    user = _user(email)
    try:
        token, secret = create_token(user, name)
    except TokenError as exc:
        raise click.ClickException(f"cannot create a token: {exc}") from None
    click.echo(f"Token {token.id} ({token.name}) for {user.email}; it is not shown again:", err=True)
    click.echo(secret)


@tokens_cli.command("list")
@click.argument("email")
def tokens_list_command(email: str) -> None:
    """The tokens of EMAIL's account (never their secrets)."""
    for token in tokens_of(_user(email)):
        state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
        click.echo(f"{token.id}\t{token.prefix}…\t{token.name}\t{state}\tlast used {used}")


@tokens_cli.command("revoke")
@click.argument("email")
@click.argument("token_id", type=int)
def tokens_revoke_command(email: str, token_id: int) -> None:
    """Revoke token TOKEN_ID of EMAIL's account."""
    if revoke_token(_user(email), token_id) is None:
        raise click.ClickException(f"{email} has no token {token_id}")
    click.echo(f"Revoked token {token_id}")
