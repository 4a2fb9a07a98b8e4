"""`check`: look for replies over IMAP now."""

from __future__ import annotations

import click

from feedback_mailer.commands.common import pass_app, password_prompt
from feedback_mailer.context import AppContext


@click.command()
@pass_app
def check(ctx: AppContext) -> None:
    """Look for replies over IMAP now and print what changed."""
    from feedback_mailer.lifecycle import run as run_steps

    report = run_steps.check(ctx, password_prompt())
    for change in report.changes:
        click.echo(change.text)
    if not report.changes:
        click.echo(f"No changes ({report.new_messages} new message(s) looked at).")
