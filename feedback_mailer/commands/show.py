"""`show`: everything known about one request."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, request_id_option, say


@click.command()
@click.argument("request_id", type=int, callback=request_id_option, metavar="ID")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show(ctx: AppContext, request_id: int, as_json: bool) -> None:
    """Everything known about one request: message, follow-up, replies, history."""
    from feedback_mailer.base import typed_time
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import notes, pages

    with ctx.store(create=False) as store:
        request = store.get_request(request_id)
        messages = store.messages(request_id)
        replies = store.replies(request_id)
        events = store.events(request_id)
        reflection = store.reflection_for_request(request_id)
        thank_you = store.thank_you(request_id)
    if as_json:
        data = pages.request_json(request)
        data["messages"] = [pages.message_json(m) for m in messages]
        data["replies"] = [pages.reply_json(r) for r in replies]
        data["events"] = [pages.event_json(e) for e in events]
        data["thank_you"] = notes.thank_you_json(thank_you) if thank_you else None
        data["reflection"] = notes.reflection_json(reflection) if reflection else None
        click.echo(pages.json_object(data))
        return
    config = ctx.optional_config()
    sends = config is not None and config.sends_follow_ups
    window = typed_time.parse_window(config.follow_up.window) if config is not None else None
    text = pages.detail(
        request,
        messages,
        replies,
        events,
        ctx.now(),
        sender_zone(config),
        sends_on_its_own=sends,
        window=window,
    )
    say(text, nl=False)
    if thank_you is not None:
        say("\n" + notes.thank_you_text(thank_you, ctx.now(), sender_zone(config)))
    if reflection is not None:
        say("\n" + notes.reflection_text(reflection), nl=False)
    elif request.replied_at is not None:
        say(f"\nNo reflection yet: `feedback-mailer reflect {request.id}`.")
