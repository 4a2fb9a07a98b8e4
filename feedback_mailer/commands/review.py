"""`review`: what repeats, the feedback received, and how asking is going."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, say, text_option


@click.command()
@click.option(
    "--since",
    callback=text_option,
    metavar="WHEN",
    help="Only interviews and requests from then on: a date, or e.g. '3 months'.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object, for scripts.")
@click.option(
    "--markdown", is_flag=True, help="Markdown, for a file to keep or share with a mentor."
)
@pass_app
def review(ctx: AppContext, since: str | None, as_json: bool, markdown: bool) -> None:
    """What repeats across interviews, the feedback received, and how asking goes.

    The points to improve and #tags that came up in several interviews (with
    the companies), the feedback received (newest first), and the requests'
    figures: sent, answered before and after the follow-up, out-of-office,
    bounced, no response, the median time to an answer and the share of
    follow-ups that got one.
    """
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.lifecycle import review as reviewing
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import pages
    from feedback_mailer.views import review as views_review

    if as_json and markdown:
        raise InputError("Choose one of --json and --markdown.")
    now = ctx.now()
    tz = sender_zone(ctx.optional_config())
    start = reviewing.parse_since(since, now, tz) if since else None
    if not ctx.db_path.exists():  # nothing yet; no database is made just to say so
        result = reviewing.empty(start)
    else:
        with ctx.store(create=False) as store:
            result = reviewing.build(store, start, tz)
    if as_json:
        click.echo(pages.json_object(views_review.as_json(result)))
    elif markdown:
        say(views_review.markdown(result, f"{now.astimezone(tz):%Y-%m-%d}"), nl=False)
    else:
        say(views_review.text(result), nl=False)
