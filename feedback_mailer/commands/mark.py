"""`mark`: record an answer that came another way, or close a request."""

from __future__ import annotations

import click

from feedback_mailer.commands.common import pass_app, request_id_option, text_option
from feedback_mailer.context import AppContext
from feedback_mailer.store.states import Status


@click.command()
@click.argument("request_id", type=int, callback=request_id_option, metavar="ID")
@click.option(
    "--answered", "outcome", flag_value=Status.ANSWERED.value, help="An answer came another way."
)
@click.option("--closed", "outcome", flag_value=Status.CLOSED.value, help="Let it go.")
@click.option("--note", callback=text_option, metavar="TEXT", help="Why, for the history.")
@pass_app
def mark(ctx: AppContext, request_id: int, outcome: str | None, note: str | None) -> None:
    """Record an answer that came another way, or close a request."""
    from feedback_mailer.errors import InputError
    from feedback_mailer.lifecycle import marks

    if outcome is None:
        raise InputError("Say what happened: --answered or --closed.")
    with ctx.store(create=False) as store:
        request = marks.mark(store, request_id, outcome, note, ctx.now())
    click.echo(
        f"Request {request.id} is now {request.status}; follow-up {request.follow_up.status}."
    )
