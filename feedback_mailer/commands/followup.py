"""`followup`: schedule, move, cancel, release or send the one follow-up of a request."""

from __future__ import annotations

import sys

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import (
    pass_app,
    password_prompt,
    request_id_option,
    say,
    text_option,
    when_option,
)


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
@click.option(
    "--release",
    is_flag=True,
    help="You looked at what held it (e.g. a possible answer) and it may still go.",
)
@click.option(
    "--send-now",
    is_flag=True,
    help="Send the due follow-up yourself, after checking that no answer came.",
)
@pass_app
def followup(
    ctx: AppContext,
    request_id: int,
    at: str | None,
    within: str | None,
    cancel: bool,
    release: bool,
    send_now: bool,
) -> None:
    """Schedule, move, cancel, release or send the one follow-up of a request."""
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.lifecycle import follow_ups
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import pages

    chosen_actions = [at is not None, within is not None, cancel, release, send_now]
    if chosen_actions.count(True) != 1:
        raise InputError(
            "Give exactly one of --at WHEN, --in DURATION, --cancel, --release or --send-now."
        )
    if send_now:
        _send_now(ctx, request_id)
        return
    config = ctx.optional_config()
    with ctx.store(create=False) as store:
        if cancel:
            follow_ups.cancel_follow_up(store, request_id, ctx.now())
            say(f"Cancelled the follow-up of request {request_id}.")
            return
        if release:
            request = follow_ups.release(store, request_id, ctx.now())
            moved_from = None
        else:
            chosen = follow_ups.reschedule_follow_up(
                store, config, request_id, ctx.now(), at=at, within=within
            )
            moved_from = chosen.moved_from
            request = store.get_request(request_id)
    sender_tz = sender_zone(config)
    if moved_from is not None:
        say("That is outside the recipient's send window, so it moves to the next opening.")
    cell = pages.follow_up_cell(
        request, ctx.now(), sender_tz, sends_on_its_own=follow_ups.sends_on_its_own(config)
    )
    say(f"Follow-up of request {request.id}: {cell}.")


def _send_now(ctx: AppContext, request_id: int) -> None:
    from feedback_mailer.lifecycle import follow_ups
    from feedback_mailer.lifecycle.report import RunReport

    report = RunReport()
    config = ctx.config()
    with ctx.store(create=False) as store:
        follow_ups.send_now(
            store,
            config,
            ctx.templates_dir,
            ctx.smtp_session_factory(password_prompt()),
            request_id,
            ctx.now,
            report,
        )
    for request in report.sent:
        say(f"Sent the follow-up of request {request.id} to {request.contact_email}.")
    for request, reason in report.failed + report.uncertain:
        say(f"feedback-mailer: the follow-up of request {request.id}: {reason}", err=True)
    if not report.ok:
        sys.exit(6)
    if report.skipped:
        say(f"The follow-up of request {request_id} was taken meanwhile; nothing sent.")
