"""`init`, `auth` and `doctor`: setting up and checking the mailbox."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from feedback_mailer.commands.common import interactive, pass_app, warn
from feedback_mailer.context import AppContext

PROVIDERS = ("gmail", "outlook", "fastmail", "icloud", "yahoo", "custom")

if TYPE_CHECKING:
    pass

# --- init -----------------------------------------------------------------------


@click.command()
@click.option(
    "--non-interactive", is_flag=True, help="Never prompt; take every value from options."
)
@click.option("--name", help="Your name as recipients see it.")
@click.option("--email", help="Your email address.")
@click.option("--timezone", help="Your IANA time zone, e.g. Europe/London (default: the system's).")
@click.option("--provider", type=click.Choice(PROVIDERS), help="Fills in SMTP/IMAP servers.")
@click.option("--smtp-host")
@click.option("--smtp-port", type=int)
@click.option("--smtp-security", type=click.Choice(("tls", "starttls", "none")))
@click.option("--smtp-username", help="Default: your email address.")
@click.option("--smtp-cafile", default="", help="Extra CA bundle for a private server.")
@click.option("--imap/--no-imap", "use_imap", default=None, help="Track replies over IMAP.")
@click.option("--imap-host")
@click.option("--imap-port", type=int)
@click.option("--imap-security", type=click.Choice(("tls", "starttls", "none")))
@click.option("--imap-username", help="Default: your email address.")
@click.option("--imap-cafile", default="")
@click.option("--imap-folder", "imap_folders", multiple=True, help="Folder to watch (repeatable).")
@click.option("--sent-folder", default=None, help="Append a copy of sent mail here.")
@click.option("--force", is_flag=True, help="Replace an existing config file.")
@pass_app
def init(ctx: AppContext, /, **options: Any) -> None:
    """Create config.toml (mode 0600). Never asks for a password."""
    from feedback_mailer import setup
    from feedback_mailer.config import write_config

    asker = None if options.pop("non_interactive") else _ask
    answers = setup.collect_answers(options, asker)
    path = ctx.config_path
    force = bool(options["force"])
    if path.exists() and not force and asker is not None:
        force = click.confirm(f"{path} exists. Replace it?", default=False)
    write_config(path, answers, overwrite=force)
    click.echo(f"Wrote {path}")
    click.echo("Next: `feedback-mailer auth set smtp` to store your password in the keyring,")
    click.echo("then `feedback-mailer doctor` to check everything.")


def _ask(question: str, default: str | None) -> str:
    return str(click.prompt(question, default=default or None, show_default=bool(default)))


# --- auth -----------------------------------------------------------------------


@click.group()
def auth() -> None:
    """Store, check or delete the SMTP/IMAP passwords in the OS keyring."""


@auth.command("set")
@click.argument("kind", type=click.Choice(("smtp", "imap")))
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input.")
def auth_set(kind: str, from_stdin: bool) -> None:
    """Store the password for KIND (smtp or imap) in the keyring."""
    from feedback_mailer import credentials

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
    click.echo(f"Stored the {kind.upper()} password in the keyring.")


@auth.command("check")
def auth_check() -> None:
    """Say which passwords are stored (never shows them)."""
    from feedback_mailer import credentials

    report = credentials.backend_report()
    click.echo(f"keyring backend: {report.name}")
    if report.warning:
        warn(f"warning: {report.warning}")
    missing = False
    for kind in credentials.KINDS:
        stored = credentials.stored_password(kind) is not None
        missing = missing or (kind == "smtp" and not stored)
        click.echo(f"{kind}: {'stored' if stored else f'not stored (run `auth set {kind}`)'}")
    if missing:
        sys.exit(1)


@auth.command("delete")
@click.argument("kind", type=click.Choice(("smtp", "imap")))
def auth_delete(kind: str) -> None:
    """Remove the password for KIND from the keyring."""
    from feedback_mailer import credentials

    if credentials.delete_password(kind):
        click.echo(f"Deleted the {kind.upper()} password from the keyring.")
    else:
        click.echo(f"No {kind.upper()} password was stored.")


@click.command()
@pass_app
def doctor(ctx: AppContext) -> None:
    """Check config, keyring, templates, SMTP and IMAP login; nothing is sent."""
    from feedback_mailer import doctor as checks

    ctx.notice = lambda _text: None  # doctor reports the config's permissions as a check line
    failed = False
    for check in checks.run_checks(ctx):
        label = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}[check.status]
        line = f"{label}  {check.name}: {check.detail}"
        if check.status == "fail":
            failed = True
            click.echo(line, err=True)
        else:
            click.echo(line)
    if failed:
        sys.exit(1)
