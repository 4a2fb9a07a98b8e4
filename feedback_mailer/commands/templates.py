"""`templates list|show`."""

from __future__ import annotations

import click

from feedback_mailer.commands.common import pass_app, say, text_option
from feedback_mailer.context import AppContext

# --- templates ------------------------------------------------------------------


@click.group()
def templates() -> None:
    """List or show the built-in and your own templates."""


@templates.command("list")
@pass_app
def templates_list(ctx: AppContext) -> None:
    """Templates by name; yours (in <config dir>/templates/) override built-ins."""
    from feedback_mailer import templating

    for info in templating.list_templates(ctx.templates_dir):
        say(f"{info.name:<16} {info.kind:<10} {info.origin:<9} {info.path}")


@templates.command("show")
@click.argument("name", callback=text_option)
@pass_app
def templates_show(ctx: AppContext, name: str) -> None:
    """Print a template's source."""
    from feedback_mailer import templating

    say(templating.source(name, ctx.templates_dir), nl=False)
