"""`auth set`, `check`, `delete`: the SMTP/IMAP passwords in the OS keyring."""

from __future__ import annotations

import sys

import click

from feedback_mailer.commands.common import interactive, say, warn
from feedback_mailer.setup.credentials import KINDS


@click.group()
def auth() -> None:
    """Store, check or delete the SMTP/IMAP passwords in the OS keyring."""


@auth.command("set")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input.")
def auth_set(kind: str, from_stdin: bool) -> None:
    """Store the password for KIND (smtp or imap) in the keyring."""
    from feedback_mailer.setup import credentials

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif interactive():
        password = click.prompt(
            f"{kind.upper()} password", hide_input=True, confirmation_prompt=True
        )
    else:
        from feedback_mailer.errors import InputError

        raise InputError("Standard input is not a terminal: pass --stdin to read the password.")
    credentials.store_password(kind, password)
    say(f"Stored the {kind.upper()} password in the keyring.")


@auth.command("check")
def auth_check() -> None:
    """Say which passwords are stored (never shows them)."""
    from feedback_mailer.setup import credentials

    report = credentials.backend_report()
    say(f"keyring backend: {report.name}")
    if report.warning:
        warn(f"warning: {report.warning}")
    missing = False
    for kind in credentials.KINDS:
        stored = credentials.stored_password(kind) is not None
        missing = missing or (kind == "smtp" and not stored)
        say(f"{kind}: {'stored' if stored else f'not stored (run `auth set {kind}`)'}")
    if missing:
        sys.exit(1)


@auth.command("delete")
@click.argument("kind", type=click.Choice(KINDS))
def auth_delete(kind: str) -> None:
    """Remove the password for KIND from the keyring."""
    from feedback_mailer.setup import credentials

    if credentials.delete_password(kind):
        say(f"Deleted the {kind.upper()} password from the keyring.")
    else:
        say(f"No {kind.upper()} password was stored.")
