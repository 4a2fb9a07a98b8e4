"""`mark`: record an answer that came another way, or close a request."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, request_id_option, say, text_option
from feedback_mailer.store.states import Status


@click.command()
@click.argument("request_id", type=int, callback=request_id_option, metavar="ID")
@click.option("--answered", is_flag=True, help="An answer came another way (e.g. by phone).")
@click.option("--closed", is_flag=True, help="Let it go.")
@click.option("--reopen", is_flag=True, help="Undo a mistaken or forged answer, bounce or close.")
@click.option("--note", callback=text_option, metavar="TEXT", help="Why, for the history.")
@pass_app
def mark(
    ctx: AppContext,
    request_id: int,
    answered: bool,
    closed: bool,
    reopen: bool,
    note: str | None,
) -> None:
    """Record an answer that came another way, close a request, or reopen it."""
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.lifecycle import marks

    if [answered, closed, reopen].count(True) != 1:
        raise InputError("Say exactly one thing that happened: --answered, --closed or --reopen.")
    with ctx.store(create=False) as store:
        if reopen:
            request = marks.reopen(store, request_id, note, ctx.now())
        else:
            outcome = Status.ANSWERED if answered else Status.CLOSED
            request = marks.mark(store, request_id, outcome, note, ctx.now())
    say(f"Request {request.id} is now {request.status}; follow-up {request.follow_up.status}.")
    if reopen and request.status == Status.AWAITING:
        say(
            f"To follow up after all: `feedback-mailer followup {request.id} --at WHEN` "
            "(if it was cancelled)."
        )
