"""`list`, `show`, `mark` and `followup`: looking at and steering requests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from feedback_mailer.commands.common import pass_app
from feedback_mailer.context import AppContext

REQUEST_STATUSES = ("sending", "awaiting", "answered", "bounced", "closed", "failed", "unknown")

if TYPE_CHECKING:
    pass

# --- list / show / mark / followup ---------------------------------------------


def _open_store_or_none(ctx: AppContext) -> Any:
    if not ctx.db_path.exists():
        return None
    return ctx.store(create=False)


@click.command("list")
@click.option("--unanswered", is_flag=True, help="Only requests still awaiting an answer.")
@click.option("--all", "show_all", is_flag=True, help="Every request, open or not.")
@click.option("--status", type=click.Choice(REQUEST_STATUSES), multiple=True, help="Repeatable.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def list_(
    ctx: AppContext, unanswered: bool, show_all: bool, status: tuple[str, ...], as_json: bool
) -> None:
    """Open requests: what is waiting, for how long, and what happens next."""
    from feedback_mailer import views

    statuses: tuple[str, ...] | None = ("sending", "awaiting", "unknown")
    if status:
        statuses = status
    elif unanswered:
        statuses = ("awaiting",)
    elif show_all:
        statuses = None
    store = _open_store_or_none(ctx)
    requests = [] if store is None else store.list_requests(statuses)
    if store is not None:
        store.close()
    if as_json:
        click.echo(views.json_array([views.request_json(r) for r in requests]))
        return
    if not requests:
        click.echo("No requests." if show_all or status else "No open requests.")
        return
    click.echo(views.table(requests, ctx.now(), views.sender_zone(ctx.optional_config())), nl=False)


@click.command()
@click.argument("request_id", type=int, metavar="ID")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show(ctx: AppContext, request_id: int, as_json: bool) -> None:
    """Everything known about one request: message, follow-up, replies, history."""
    from feedback_mailer import views

    with ctx.store(create=False) as store:
        request = store.get_request(request_id)
        messages = store.messages(request_id)
        replies = store.replies(request_id)
        events = store.events(request_id)
    if as_json:
        import json

        data = views.request_json(request)
        data["messages"] = [views.message_json(m) for m in messages]
        data["replies"] = [views.reply_json(r) for r in replies]
        data["events"] = [views.event_json(e) for e in events]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    sender_tz = views.sender_zone(ctx.optional_config())
    click.echo(views.detail(request, messages, replies, events, ctx.now(), sender_tz), nl=False)


@click.command()
@click.argument("request_id", type=int, metavar="ID")
@click.option("--answered", "outcome", flag_value="answered", help="An answer came another way.")
@click.option("--closed", "outcome", flag_value="closed", help="Let it go.")
@click.option("--note", metavar="TEXT", help="Why, for the history.")
@pass_app
def mark(ctx: AppContext, request_id: int, outcome: str | None, note: str | None) -> None:
    """Record an answer that came another way, or close a request."""
    from feedback_mailer import lifecycle
    from feedback_mailer.errors import InputError

    if outcome is None:
        raise InputError("Say what happened: --answered or --closed.")
    with ctx.store(create=False) as store:
        request = lifecycle.mark(store, request_id, outcome, note, ctx.now())
    click.echo(
        f"Request {request.id} is now {request.status}; follow-up {request.follow_up.status}."
    )


@click.command()
@click.argument("request_id", type=int, metavar="ID")
@click.option("--at", "at", metavar="WHEN", help="e.g. 'next tuesday 10am', '2026-12-01 10:00'.")
@click.option("--in", "within", metavar="DURATION", help="e.g. '5 business days', '1 week'.")
@click.option("--cancel", is_flag=True, help="Never follow up on this request.")
@pass_app
def followup(
    ctx: AppContext, request_id: int, at: str | None, within: str | None, cancel: bool
) -> None:
    """Schedule, move or cancel the one follow-up of a request."""
    from feedback_mailer import lifecycle, views
    from feedback_mailer.errors import InputError

    if [at is not None, within is not None, cancel].count(True) != 1:
        raise InputError("Give exactly one of --at WHEN, --in DURATION or --cancel.")
    config = ctx.optional_config()
    with ctx.store(create=False) as store:
        if cancel:
            lifecycle.cancel_follow_up(store, request_id, ctx.now())
            click.echo(f"Cancelled the follow-up of request {request_id}.")
            return
        chosen = lifecycle.reschedule_follow_up(
            store, config, request_id, ctx.now(), at=at, within=within
        )
        request = store.get_request(request_id)
    sender_tz = lifecycle.sender_zone(config)
    if chosen.moved_from is not None:
        click.echo("That is outside the recipient's send window, so it moves to the next opening.")
    click.echo(
        f"Follow-up of request {request.id}: {views.follow_up_cell(request, ctx.now(), sender_tz)}."
    )
