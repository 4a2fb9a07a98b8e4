"""`doctor`: check everything a send needs, sending nothing."""

from __future__ import annotations

import sys

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say


@click.command()
@pass_app
def doctor(ctx: AppContext) -> None:
    """Check config, keyring, templates, SMTP and IMAP login; nothing is sent."""
    from feedback_mailer.app import doctor as checks

    ctx.notice = lambda _text: None  # doctor reports the config's permissions as a check line
    failed = False
    for check in checks.run_checks(ctx):
        label = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}[check.status]
        line = f"{label}  {check.name}: {check.detail}"
        if check.status == "fail":
            failed = True
            say(line, err=True)
        else:
            say(line)
    if failed:
        sys.exit(1)
