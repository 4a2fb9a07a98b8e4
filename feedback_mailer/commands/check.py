"""`check`: look for replies over IMAP now."""

from __future__ import annotations

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import pass_app, password_prompt, say, warn
from feedback_mailer.store.states import ReplyKind


@click.command()
@pass_app
def check(ctx: AppContext) -> None:
    """Look for replies over IMAP now and print what changed."""
    from feedback_mailer.lifecycle import run as run_steps
    from feedback_mailer.views import pages

    prompt = password_prompt()
    with ctx.store() as store:
        report = run_steps.check(store, lambda: ctx.imap_session(prompt), ctx.config(), ctx.now)
    for change in report.changes:
        say(pages.change_text(change))
    answered = [c.request for c in report.changes if c.reply_kind == ReplyKind.ANSWER]
    for request in answered:
        say(
            f"  {request.company}: `feedback-mailer thank {request.id}` drafts a thank-you (your "
            f"choice), `feedback-mailer reflect {request.id}` notes what you take from it."
        )
    from feedback_mailer.views import rejections as rejection_views

    for found in report.rejections:
        say(rejection_views.found_line(found, ctx.now()))
    for text in report.unreadable:
        warn(f"warning: {text}")
    if not report.changes and not report.rejections:
        say(f"No changes ({report.new_messages} new message(s) looked at).")
