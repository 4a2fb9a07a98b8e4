"""`run`: what a scheduler calls every few minutes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say, warn

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.report import RunReport
    from feedback_mailer.setup.config import Config


@click.command()
@click.option("--dry-run", is_flag=True, help="Say what would happen; send and change nothing.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing unless something failed.")
@pass_app
def run(ctx: AppContext, dry_run: bool, quiet: bool) -> None:
    """What a scheduler calls: check replies, send due follow-ups, let old ones go."""
    from feedback_mailer.lifecycle import run as run_steps

    config = ctx.config()
    if not dry_run:
        ctx.check_sign_in()  # a sign-in that is gone stops the run here: exit 5, nothing sent
    with ctx.store() as store:
        report = run_steps.run(
            store,
            config,
            ctx.templates_dir,
            lambda: ctx.imap_session(prompt=None),
            ctx.smtp_session_factory(prompt=None),  # never prompt: nobody is there to answer
            ctx.now,
            dry_run=dry_run,
        )
    _print_run(report, dry_run, quiet, config)
    if not report.ok:
        sys.exit(1)


def _print_run(report: RunReport, dry_run: bool, quiet: bool, config: Config) -> None:
    for text in report.errors:
        say(f"feedback-mailer: {text}", err=True)
    for text in report.warnings:
        warn(f"warning: {text}")
    for request, reason in report.failed:
        say(f"feedback-mailer: follow-up for request {request.id} not sent: {reason}", err=True)
    for request, reason in report.uncertain:
        say(
            f"feedback-mailer: follow-up for request {request.id} may not have been "
            f"delivered: {reason}",
            err=True,
        )
    for text in report.unreadable:
        warn(f"warning: {text}")
    if quiet:
        return
    from feedback_mailer.views import pages

    if dry_run:
        for line in pages.run_lines(report, config.follow_up.give_up_after):
            say(line)
        for request in report.would_send:
            say(f"would send the follow-up for request {request.id} ({request.company})")
        for request in report.would_close:
            say(f"would close request {request.id} ({request.company}): no response")
        say(
            f"dry run: {len(report.would_send)} follow-up(s) due, "
            f"{len(report.would_close)} to close; nothing changed."
        )
        return
    for line in pages.run_lines(report, config.follow_up.give_up_after):
        say(line)
    say(pages.run_summary(report))
