"""`send`: preview, confirm, send, and `--resume`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import (
    interactive,
    one_recipient,
    pass_app,
    password_prompt,
    request_id_option,
    say,
    send_edit_or_cancel,
    text_option,
    warn,
    when_option,
)

if TYPE_CHECKING:
    from feedback_mailer.lifecycle.drafts import Draft
    from feedback_mailer.store import Request

# --- send -----------------------------------------------------------------------


@click.command()
@click.option(
    "--to",
    "to",
    callback=text_option,
    multiple=True,  # so that a second --to is refused, not silently kept
    metavar="EMAIL",
    help="The interviewer's or recruiter's address (exactly one).",
)
@click.option("--company", callback=text_option, metavar="NAME")
@click.option(
    "--name", callback=text_option, metavar="CONTACT", help="The contact's name, for the greeting."
)
@click.option(
    "--greet",
    callback=text_option,
    metavar="NAME",
    help='How to address the contact: --greet "Ms Doe" gives "Dear Ms Doe," (formal), '
    '--greet Jane "Hi Jane," (warm). Default: the full name (formal), the first name '
    '(warm); "Hello," / "Hi there," without a name.',
)
@click.option("--role", callback=text_option, metavar="ROLE")
@click.option("--interview-date", callback=text_option, metavar="DATE", help="e.g. 2026-11-18")
@click.option(
    "--highlight",
    "highlights",
    callback=text_option,
    multiple=True,
    metavar="TEXT",
    help="A detail you want to mention (repeatable).",
)
@click.option(
    "--template",
    callback=text_option,
    default="formal",
    show_default=True,
    help="formal, warm, or yours.",
)
@click.option(
    "--follow-up",
    "follow_up",
    callback=when_option,
    metavar="WHEN",
    help="When to follow up (default: follow_up.after, inside the window).",
)
@click.option("--no-follow-up", is_flag=True, help="Never follow up on this request.")
@click.option(
    "--tz", callback=text_option, metavar="ZONE", help="The recipient's time zone (default: yours)."
)
@click.option(
    "--lang",
    "language",
    callback=text_option,
    metavar="CODE",
    help="The language of the request and its follow-up: en, de, fr, es "
    "(default: sender.language, else en).",
)
@click.option("--edit", is_flag=True, help="Edit the message in $EDITOR before sending.")
@click.option("--yes", "-y", is_flag=True, help="Send without asking for confirmation.")
@click.option(
    "--dry-run", is_flag=True, help="Show the message only: no config, keyring or network."
)
@click.option("--force", is_flag=True, help="Send although an open request to them exists.")
@click.option(
    "--resume",
    "resume_id",
    type=int,
    callback=request_id_option,
    metavar="ID",
    help="Send a failed request again.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new request as JSON.")
@pass_app
def send(ctx: AppContext, /, **options: Any) -> None:
    """Write, show, confirm and send a feedback request."""
    from feedback_mailer.lifecycle import delivery, drafts

    options["to"] = one_recipient(options["to"])
    if options["resume_id"] is not None:
        _resume(ctx, options["resume_id"], options["force"], options["as_json"])
        return
    _require(options, "to", "--to EMAIL")
    _require(options, "company", "--company NAME")
    inputs = drafts.RequestInput(
        to=options["to"],
        company=options["company"],
        name=options["name"],
        greet=options["greet"],
        role=options["role"],
        interview_date=options["interview_date"],
        highlights=tuple(options["highlights"]),
        template=options["template"],
        follow_up=options["follow_up"],
        no_follow_up=options["no_follow_up"],
        tz=options["tz"],
        language=options["language"],
    )
    config = ctx.optional_config() if options["dry_run"] else ctx.config()
    draft = drafts.prepare_request(inputs, config, ctx.templates_dir, ctx.now())
    to_stderr = options["as_json"]
    if options["dry_run"]:
        if options["edit"]:
            draft = _edit(draft)
        _show_draft(draft, ctx, to_stderr=to_stderr, will_ask=False, dry_run=True)
        say("Dry run: nothing was sent or recorded.", err=to_stderr)
        return
    store = ctx.store()
    with store:
        if not options["force"]:  # before the preview: no reading it all to be refused
            delivery.refuse_duplicate(store, draft)
        will_ask = not options["yes"]
        if will_ask and not interactive():
            from feedback_mailer.base.errors import InputError

            raise InputError(
                "Standard input is not a terminal: pass --yes to send without confirming."
            )
        if options["edit"]:
            draft = _edit(draft)
        _show_draft(draft, ctx, to_stderr=to_stderr, will_ask=will_ask)
        while will_ask and send_edit_or_cancel(draft.recipient.email) == "edit":
            draft = _edit_again(draft)
            _show_draft(draft, ctx, to_stderr=to_stderr, will_ask=True)
        request = delivery.deliver_request(
            draft,
            store,
            ctx.smtp_session_factory(password_prompt()),
            ctx.now,
            force=options["force"],
        )
        _copy_to_sent(ctx, store.message(request.id, "request").raw)
    _report_sent(request, ctx, options["as_json"])


def _copy_to_sent(ctx: AppContext, raw: bytes) -> None:
    from feedback_mailer.lifecycle import run as run_steps

    prompt = password_prompt()
    warning = run_steps.copy_to_sent(lambda: ctx.imap_session(prompt), ctx.config(), raw, ctx.now)
    if warning:
        warn(f"warning: {warning}")


def _require(options: dict[str, Any], key: str, flag: str) -> None:
    if not options.get(key):
        from feedback_mailer.base.errors import InputError

        raise InputError(f"Missing {flag}: `feedback-mailer send --help` lists the options.")


def _edit(draft: Draft) -> Draft:
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.lifecycle import drafts

    edited = click.edit(drafts.editable_text(draft), extension=".txt")
    if edited is None:
        raise InputError("The editor was closed without saving: nothing was sent.")
    return drafts.apply_edit(draft, edited)


def _edit_again(draft: Draft) -> Draft:
    """Edit from the prompt: a problem with the edit is shown and the last good
    message is kept, so nothing typed before is lost."""
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.lifecycle import drafts

    edited = click.edit(drafts.editable_text(draft), extension=".txt")
    if edited is None:
        warn("note: the editor was closed without saving, so the message is unchanged.")
        return draft
    try:
        return drafts.apply_edit(draft, edited)
    except InputError as error:
        warn(f"warning: {error} The message below is the one before this edit.")
        return draft


def _show_draft(
    draft: Draft,
    ctx: AppContext,
    *,
    to_stderr: bool = False,
    will_ask: bool = False,
    dry_run: bool = False,
) -> None:
    """The preview; on stderr with --json, so stdout stays one JSON document."""
    from feedback_mailer.lifecycle import drafts
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import pages

    if draft.placeholder_sender:
        warn(
            f"note: no config at {ctx.config_path}, so the sender is the placeholder "
            f"'{drafts.PLACEHOLDER_NAME} <{drafts.PLACEHOLDER_EMAIL}>' "
            "(run `feedback-mailer init`)."
        )
    say(pages.preview(draft.message()), nl=False, err=to_stderr)
    say("", err=to_stderr)
    name = draft.inputs.name
    can_change = will_ask or dry_run  # the note helps while the text can still change
    if can_change and not draft.inputs.greet and not draft.edited and name and " " in name:
        greeting = draft.text.split("\n", 1)[0]
        if name in greeting:
            warn(
                f"note: the greeting is “{greeting}”; --greet changes it "
                f"(e.g. --greet {name.split()[0]}, or a title and surname)."
            )
    if draft.inputs.interview_date:  # the day understood, as the message's language says it
        from datetime import date

        from feedback_mailer.writing import languages

        day = date.fromisoformat(draft.inputs.interview_date)
        lang = draft.inputs.language or languages.DEFAULT
        say(f"Interview: {languages.format_day(day, lang, with_year=True)}.", err=to_stderr)
    sender_tz = sender_zone(None if draft.placeholder_sender else ctx.optional_config())
    if draft.follow_up_due:
        text = pages.when(draft.follow_up_due, ctx.now(), sender_tz, draft.recipient_zone)
        config = None if draft.placeholder_sender else ctx.optional_config()
        if config is not None and not config.sends_follow_ups:
            say(
                f"Follow-up: a reminder to you, {text}, to check your inbox and send the "
                "follow-up yourself if no answer came: without [imap] reply tracking it is "
                "never sent on its own (`feedback-mailer init` again adds reply tracking).",
                err=to_stderr,
            )
        else:
            say(
                f"Follow-up: one gentle reminder, {text}, only if no reply has arrived.",
                err=to_stderr,
            )
    else:
        say("Follow-up: none.", err=to_stderr)
    _warn_tone(draft, will_ask=will_ask)


def _warn_tone(draft: Draft, *, will_ask: bool) -> None:
    """Each pushy phrase with a gentler alternative, and how to change the text now."""
    if not draft.warnings:
        return
    lines = ["warning: this may read as pushy:"]
    lines += [f"  “{p.phrase}” ({p.kind}): instead, {p.alternative}" for p in draft.warnings]
    if will_ask:
        lines.append("Answer e at the prompt below to edit it.")
    elif not draft.edited:
        lines.append("Consider --edit.")
    warn("\n".join(lines))


def _report_sent(request: Request, ctx: AppContext, as_json: bool) -> None:
    from feedback_mailer.setup.config import sender_zone
    from feedback_mailer.views import pages

    if as_json:
        click.echo(pages.json_object(pages.request_json(request)))
        return
    say(f"request {request.id}")
    config = ctx.optional_config()
    sender_tz = sender_zone(config)
    sends = config is not None and config.sends_follow_ups
    say(
        f"Sent to {request.contact_email}. "
        f"Follow-up: {pages.follow_up_cell(request, ctx.now(), sender_tz, sends_on_its_own=sends)}."
    )


def _resume(ctx: AppContext, request_id: int, force: bool, as_json: bool) -> None:
    from feedback_mailer.lifecycle import delivery

    with ctx.store(create=False) as store:
        if force:
            warn(f"warning: request {request_id} may already have been delivered; sending again.")
        request = delivery.resume_request(
            request_id,
            store,
            ctx.smtp_session_factory(password_prompt()),
            ctx.now,
            force=force,
            config=ctx.config(),
        )
    _report_sent(request, ctx, as_json)
