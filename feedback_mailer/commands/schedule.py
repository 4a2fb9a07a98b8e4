"""`schedule install|remove|show`: the systemd timer or launchd agent."""

from __future__ import annotations

from typing import Any

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say

# --- schedule -------------------------------------------------------------------


@click.group("schedule")
def schedule_group() -> None:
    """Run `run` every 15 minutes from a systemd user timer or a launchd agent."""


def _run_command(ctx: AppContext) -> Any:
    from pathlib import Path

    from feedback_mailer.setup import schedule_text

    config = Path(ctx.config_option).expanduser().absolute() if ctx.config_option else None
    return schedule_text.default_run_command(config, None)


@schedule_group.command("install")
@pass_app
def schedule_install(ctx: AppContext) -> None:
    """Install (or refresh) the timer; safe to repeat."""
    from feedback_mailer.setup import os_scheduler

    outcome = os_scheduler.install(_run_command(ctx))
    for message in outcome.messages:
        say(message)


@schedule_group.command("remove")
def schedule_remove() -> None:
    """Stop the timer and delete everything `install` wrote."""
    from feedback_mailer.setup import os_scheduler

    outcome = os_scheduler.remove()
    for message in outcome.messages:
        say(message)


@schedule_group.command("show")
@pass_app
def schedule_show(ctx: AppContext) -> None:
    """Show the timer, whether it is installed, and an equivalent crontab line."""
    from feedback_mailer.setup import os_scheduler

    say(os_scheduler.show(_run_command(ctx)), nl=False)
