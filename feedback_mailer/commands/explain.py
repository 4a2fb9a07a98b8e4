"""`explain`: how the tool reads message files, and which request each would change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, read_message_file, say

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.scanning import Explanation
    from feedback_mailer.mail.rejections import Rejection


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE.eml...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, in an array.")
@pass_app
def explain(ctx: AppContext, files: tuple[str, ...], as_json: bool) -> None:
    """How a message is read: answer, auto-reply, bounce... and why. Reads files only."""
    from feedback_mailer.lifecycle import scanning
    from feedback_mailer.views import pages
    from feedback_mailer.views import rejections as rejection_views

    messages = [(name, read_message_file(name)) for name in files]
    store = ctx.store(create=False) if ctx.db_path.exists() else None
    try:
        found = [(name, scanning.explain(store, raw, ctx.now())) for name, raw in messages]
    finally:
        if store is not None:
            store.close()
    rejections = [
        _rejection(ctx, raw, e) for (_n, raw), (_m, e) in zip(messages, found, strict=True)
    ]
    if as_json:
        items = []
        for (name, explanation), rejection in zip(found, rejections, strict=True):
            item = pages.explanation_json(name, explanation)
            item["rejection"] = None
            if rejection is not None:
                item.update(rejection_views.explained_json(*rejection))
            items.append(item)
        click.echo(pages.json_array(items))
        return
    if store is None:
        say("(no database yet, so no request to match: a message from a person reads as an answer)")
    for (name, explanation), rejection in zip(found, rejections, strict=True):
        if rejection is not None:
            say(rejection_views.explained_text(name, *rejection))
        else:
            say(pages.explanation_text(name, explanation))


def _rejection(
    ctx: AppContext, raw: bytes, explanation: Explanation
) -> tuple[Rejection, tuple[str, ...]] | None:
    """The rejection a message is, when it concerns no request (what `check` records)."""
    from feedback_mailer.lifecycle.scanning import own_addresses
    from feedback_mailer.mail.rejections import read_rejection

    if explanation.request_id is not None:
        return None
    config = ctx.optional_config()
    own = own_addresses(config) if config is not None else frozenset()
    reading = read_rejection(raw, own=own)
    return (reading.rejection, reading.signals) if reading.rejection is not None else None
