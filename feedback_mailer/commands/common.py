"""Helpers shared by the command modules: printing, prompting, the app context."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from feedback_mailer.context import AppContext
from feedback_mailer.errors import FeedbackMailerError

if TYPE_CHECKING:
    from feedback_mailer.setup.credentials import Prompt


def fail(error: FeedbackMailerError) -> NoReturn:
    click.echo(f"feedback-mailer: {error}", err=True)
    sys.exit(error.exit_code)


def warn(text: str) -> None:
    color = None if not os.environ.get("NO_COLOR") else False
    click.secho(text, err=True, fg="yellow", color=color)


def interactive() -> bool:
    return sys.stdin.isatty()


def password_prompt() -> Prompt | None:
    """A hidden prompt in a terminal; None (never prompt) elsewhere."""
    if not interactive():
        return None
    return lambda text: str(click.prompt(text, hide_input=True, default="", show_default=False))


pass_app = click.make_pass_decorator(AppContext)
