"""`list`: what is waiting, for how long, and what happens next."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say
from feedback_mailer.store.states import OPEN_STATUSES, REQUEST_STATUSES, Status

# Answers this recent with no thank-you sent, tried or declined are pointed out.
THANK_SUGGESTED_FOR = timedelta(days=30)


def _open_store_or_none(ctx: AppContext) -> Any:
    if not ctx.db_path.exists():
        return None
    return ctx.store(create=False)


@click.command("list")
@click.option("--unanswered", is_flag=True, help="Only requests still awaiting an answer.")
@click.option("--all", "show_all", is_flag=True, help="Every request, open or not.")
@click.option(
    "--status",
    type=click.Choice([s.value for s in REQUEST_STATUSES]),
    multiple=True,
    help="Repeatable.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def list_(
    ctx: AppContext, unanswered: bool, show_all: bool, status: tuple[str, ...], as_json: bool
) -> None:
    """Open requests: what is waiting, for how long, and what happens next."""
    from feedback_mailer.base import typed_time
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import pages

    statuses: tuple[str, ...] | None = OPEN_STATUSES
    if status:
        statuses = status
    elif unanswered:
        statuses = (Status.AWAITING,)
    elif show_all:
        statuses = None
    store = _open_store_or_none(ctx)
    requests = [] if store is None else store.list_requests(statuses)
    to_thank = []
    if store is not None:
        if not as_json:
            to_thank = store.answered_not_thanked(ctx.now() - THANK_SUGGESTED_FOR)
        store.close()
    if as_json:
        click.echo(pages.json_array([pages.request_json(r) for r in requests]))
        return
    if not requests:
        say("No requests." if show_all or status else "No open requests.")
    else:
        config = ctx.optional_config()
        sends = config is not None and config.sends_follow_ups
        window = typed_time.parse_window(config.follow_up.window) if config is not None else None
        table = pages.table(
            requests, ctx.now(), sender_zone(config), sends_on_its_own=sends, window=window
        )
        say(table, nl=False)
    if to_thank:
        say("\nAnswered — a thank-you is your choice:")
        for request in to_thank:
            say(f"  `feedback-mailer thank {request.id}`  ({request.company})")
