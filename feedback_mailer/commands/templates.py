"""`templates list|show`."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say, text_option

# --- templates ------------------------------------------------------------------


@click.group()
def templates() -> None:
    """List or show the built-in and your own templates."""


@templates.command("list")
@pass_app
def templates_list(ctx: AppContext) -> None:
    """Templates by name and language; yours (in <config dir>/templates/) override
    built-ins: NAME.j2 is English, NAME.de.j2 German, and so on."""
    from feedback_mailer.writing import templating

    say(f"{'NAME':<16} {'KIND':<10} {'LANGUAGE':<8} {'ORIGIN':<9} PATH")
    for info in templating.list_templates(ctx.templates_dir):
        say(f"{info.name:<16} {info.kind:<10} {info.language:<8} {info.origin:<9} {info.path}")


@templates.command("show")
@click.argument("name", callback=text_option)
@click.option(
    "--lang",
    "language",
    callback=text_option,
    default="en",
    show_default=True,
    metavar="CODE",
    help="Which language's version: en, de, fr, es, or your own.",
)
@pass_app
def templates_show(ctx: AppContext, name: str, language: str) -> None:
    """Print a template's source."""
    from feedback_mailer.writing import languages, templating

    say(templating.source(name, ctx.templates_dir, languages.check(language)), nl=False)
