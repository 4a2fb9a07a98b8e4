"""`followup`: schedule, move or cancel the one follow-up of a request."""

from __future__ import annotations

import click

from feedback_mailer.commands.common import pass_app, request_id_option, text_option, when_option
from feedback_mailer.context import AppContext


@click.command()
@click.argument("request_id", type=int, callback=request_id_option, metavar="ID")
@click.option(
    "--at",
    "at",
    callback=when_option,
    metavar="WHEN",
    help="e.g. 'next tuesday 10am', '2026-12-01 10:00'.",
)
@click.option(
    "--in",
    "within",
    callback=text_option,
    metavar="DURATION",
    help="e.g. '5 business days', '1 week'.",
)
@click.option("--cancel", is_flag=True, help="Never follow up on this request.")
@pass_app
def followup(
    ctx: AppContext, request_id: int, at: str | None, within: str | None, cancel: bool
) -> None:
    """Schedule, move or cancel the one follow-up of a request."""
    from feedback_mailer import views
    from feedback_mailer.errors import InputError
    from feedback_mailer.lifecycle import follow_ups
    from feedback_mailer.setup.config import sender_zone

    if [at is not None, within is not None, cancel].count(True) != 1:
        raise InputError("Give exactly one of --at WHEN, --in DURATION or --cancel.")
    config = ctx.optional_config()
    with ctx.store(create=False) as store:
        if cancel:
            follow_ups.cancel_follow_up(store, request_id, ctx.now())
            click.echo(f"Cancelled the follow-up of request {request_id}.")
            return
        chosen = follow_ups.reschedule_follow_up(
            store, config, request_id, ctx.now(), at=at, within=within
        )
        request = store.get_request(request_id)
    sender_tz = sender_zone(config)
    if chosen.moved_from is not None:
        click.echo("That is outside the recipient's send window, so it moves to the next opening.")
    click.echo(
        f"Follow-up of request {request.id}: {views.follow_up_cell(request, ctx.now(), sender_tz)}."
    )
