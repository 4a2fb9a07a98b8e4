"""`thank`: a short thank-you for the feedback, in the answer's thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import (
    interactive,
    pass_app,
    password_prompt,
    request_id_option,
    say,
    send_edit_or_cancel,
    text_option,
    warn,
)

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.thanks import ThankDraft


@click.command()
@click.argument("request_id", type=int, callback=request_id_option, metavar="ID")
@click.option(
    "--highlight",
    "highlights",
    callback=text_option,
    multiple=True,
    metavar="TEXT",
    help="What in the feedback helped most (repeatable).",
)
@click.option(
    "--lang",
    "language",
    callback=text_option,
    metavar="CODE",
    help="en, de, fr, es (default: the request's language).",
)
@click.option("--name", callback=text_option, metavar="NAME", help="How to address them.")
@click.option("--edit", is_flag=True, help="Edit the message in $EDITOR before sending.")
@click.option("--yes", "-y", is_flag=True, help="Send without asking for confirmation.")
@click.option("--dry-run", is_flag=True, help="Show the message only; nothing is sent.")
@click.option("--force", is_flag=True, help="Send again although one may have arrived.")
@click.option("--skip", is_flag=True, help="Decide not to send one; it is no longer suggested.")
@click.option("--json", "as_json", is_flag=True, help="Print the thank-you's record as JSON.")
@pass_app
def thank(
    ctx: AppContext,
    request_id: int,
    highlights: tuple[str, ...],
    language: str | None,
    name: str | None,
    edit: bool,
    yes: bool,
    dry_run: bool,
    force: bool,
    skip: bool,
    as_json: bool,
) -> None:
    """Thank the person who answered, in the same thread; always your choice.

    Drafts a short reply from the `thank_you` template (no follow-up, no new
    question), applies the tone check, shows it, and sends it after you
    confirm, at most once. `run` never sends it.
    """
    from feedback_mailer.lifecycle import thanks

    if skip:
        with ctx.store(create=False) as store:
            thanks.skip(store, request_id, ctx.now())
        say(f"No thank-you for request {request_id}; it is no longer suggested.")
        return
    config = ctx.optional_config() if dry_run else ctx.config()
    with ctx.store(create=False) as store:
        draft = thanks.prepare(
            store,
            request_id,
            config,
            ctx.templates_dir,
            ctx.now(),
            language=language,
            highlights=highlights,
            name=name,
            force=force,
        )
        if dry_run:
            if edit:
                draft = _edit(draft)
            _show(draft, to_stderr=as_json, will_ask=False)
            say("Dry run: nothing was sent or recorded.", err=as_json)
            return
        will_ask = not yes
        if will_ask and not interactive():
            from feedback_mailer.base.errors import InputError

            raise InputError(
                "Standard input is not a terminal: pass --yes to send without confirming."
            )
        if edit:
            draft = _edit(draft)
        _show(draft, to_stderr=as_json, will_ask=will_ask)
        while will_ask and send_edit_or_cancel(draft.recipient.email) == "edit":
            draft = _edit(draft, keep_on_error=True)
            _show(draft, to_stderr=as_json, will_ask=True)
        sent = thanks.send(
            store,
            draft,
            ctx.smtp_session_factory(password_prompt()),
            ctx.now,
            force=force,
        )
        _copy_to_sent(ctx, draft.raw())
    if as_json:
        from feedback_mailer.views import notes, pages

        click.echo(pages.json_object(notes.thank_you_json(sent)))
        return
    replied_to = draft.thread.in_reply_to != draft.request.message_id
    thread = "their answer" if replied_to else "your request"
    say(f"Thank-you sent to {draft.recipient.email}, in the thread of {thread}.")
    say(f"To note what you take from it: `feedback-mailer reflect {request_id}`.")


def _edit(draft: ThankDraft, *, keep_on_error: bool = False) -> ThankDraft:
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.commands import editor
    from feedback_mailer.lifecycle import drafts, thanks

    try:
        edited = editor.edit(drafts.editable_text(draft))
        if edited is None:
            if keep_on_error:
                warn("note: the editor was closed without saving, so the message is unchanged.")
                return draft
            raise InputError("The editor was closed without saving: nothing was sent.")
        return thanks.apply_edit(draft, edited)
    except InputError as error:
        if not keep_on_error:
            raise
        warn(f"warning: {error} The message below is the one before this edit.")
        return draft


def _show(draft: ThankDraft, *, to_stderr: bool, will_ask: bool) -> None:
    from feedback_mailer.views import pages

    say(pages.preview(draft.message()), nl=False, err=to_stderr)
    say("", err=to_stderr)
    if draft.warnings:
        lines = ["warning: this may read as pushy:"]
        lines += [f"  “{p.phrase}” ({p.kind}): instead, {p.alternative}" for p in draft.warnings]
        if will_ask:
            lines.append("Answer e at the prompt below to edit it.")
        else:
            lines.append("Consider --edit.")
        warn("\n".join(lines))


def _copy_to_sent(ctx: AppContext, raw: bytes) -> None:
    from feedback_mailer.lifecycle import run as run_steps

    prompt = password_prompt()
    warning = run_steps.copy_to_sent(lambda: ctx.imap_session(prompt), ctx.config(), raw, ctx.now)
    if warning:
        warn(f"warning: {warning}")
