"""`send`: preview, confirm, send, and `--resume`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.commands.common import (
    MAX_MESSAGE_FILE_BYTES,
    interactive,
    one_recipient,
    pass_app,
    password_prompt,
    read_message_file,
    request_id_option,
    say,
    send_edit_or_cancel,
    text_option,
    warn,
    when_option,
)

if TYPE_CHECKING:
    from feedback_mailer.lifecycle import drafts as drafts_module
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
    help="formal, warm, or yours (default: formal; rejection_reply with --rejection).",
)
@click.option(
    "--rejection",
    callback=text_option,
    metavar="ID|FILE|-",
    help="Answer a rejection email in its thread: an id from `feedback-mailer rejections`, "
    "a saved message (.eml), or - for one piped from a mail client. Fills --to, --name, "
    "--company, --role and --lang (what you give wins).",
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
    answering = _from_rejection(ctx, options) if options["rejection"] else None
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
        template=options["template"] or ("rejection_reply" if answering else "formal"),
        follow_up=options["follow_up"],
        no_follow_up=options["no_follow_up"],
        tz=options["tz"],
        language=options["language"],
        answering=answering,
    )
    config = ctx.optional_config() if options["dry_run"] else ctx.config()
    draft = drafts.prepare_request(inputs, config, ctx.templates_dir, ctx.now())
    to_stderr = options["as_json"]
    refused_quote = options.get("_refused_quote")
    if options["dry_run"]:
        if options["edit"]:
            draft = _edit(draft)
        _show_draft(draft, ctx, to_stderr=to_stderr, will_ask=False, dry_run=True)
        if not options["force"] and ctx.db_path.exists():  # what the real send would refuse
            from feedback_mailer.base.errors import RefusedError

            try:
                with ctx.store(create=False) as store:
                    delivery.refuse_duplicate(store, draft)
            except RefusedError as refusal:
                warn(f"warning: the real send would be refused: {refusal}")
        _say_rejection_notes(options, to_stderr)
        say("Dry run: nothing was sent or recorded.", err=to_stderr)
        if options["as_json"]:
            from feedback_mailer.views import pages

            say(pages.json_object(_draft_json(draft)))
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
        if refused_quote and options["yes"] and not options["force"]:
            from feedback_mailer.base.errors import RefusedError

            raise RefusedError(
                f"The rejection says “{refused_quote}”: asking anyway must be your choice; "
                "run without --yes to decide at the prompt, or add --force."
            )
        if options["edit"]:
            draft = _edit(draft)
        _show_draft(draft, ctx, to_stderr=to_stderr, will_ask=will_ask)
        _say_rejection_notes(options, to_stderr)
        if (
            refused_quote
            and will_ask
            and not click.confirm(
                "They said they give no individual feedback. Ask anyway?", default=False
            )
        ):
            say("Nothing was sent.")
            return
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


def _from_rejection(ctx: AppContext, options: dict[str, Any]) -> drafts_module.Answered:
    """Fill what the person did not give from the rejection; refuse what cannot be
    answered (nobody to ask, reasons already given, dismissed)."""
    import sys

    from feedback_mailer.base.errors import InputError, RefusedError
    from feedback_mailer.lifecycle import drafts, rejections
    from feedback_mailer.lifecycle.scanning import own_addresses

    source = options["rejection"]
    config = ctx.optional_config()
    own = own_addresses(config) if config is not None else frozenset()
    rejection_id = rejections.parse_source(source)
    if rejection_id is not None:
        with ctx.store(create=False) as store:
            found = rejections.from_store(store, rejection_id)
    else:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_MESSAGE_FILE_BYTES + 1)
            if len(raw) > MAX_MESSAGE_FILE_BYTES:
                raise InputError("Standard input is over 64 MB: it is not one mail message.")
        else:
            raw = read_message_file(
                source,
                "give a rejection's id, the path of a saved message (.eml), or - to read one "
                "from standard input",
            )
        found = rejections.from_bytes(raw, own, "standard input" if source == "-" else source)
    if found.feedback == "given" and not options["force"]:
        raise RefusedError(
            "This rejection already gives their reasons: there is nothing to ask. Thank them "
            "with a short reply of your own, or add --force to ask anyway."
        )
    if not options["to"] and found.to is None:
        raise InputError(rejections.nobody_sentence(found))
    options["to"] = options["to"] or (
        f"{found.name} <{found.to}>" if found.name and found.to else found.to
    )
    for key, value in (("name", found.name), ("company", found.company), ("role", found.role)):
        options[key] = options[key] or value
    if not options["language"] and found.language in ("en", "de", "fr", "es"):
        options["language"] = found.language
    if found.feedback == "refused":
        options["_refused_quote"] = found.feedback_quote or "no individual feedback"
    notes: list[str] = []
    if rejections.is_stale(found, ctx.now()):
        notes.append(
            "warning: this rejection is more than 30 days old; a late request can still be "
            "welcome, but say so gently."
        )
    if not options["company"]:
        notes.append("note: the rejection names no company: give --company.")
    options["_rejection_notes"] = notes
    return drafts.Answered(
        rejection_id=found.rejection_id,
        subject=found.subject,
        references=found.references,
        received=found.received,
        feedback_offered=found.feedback == "offered",
    )


def _say_rejection_notes(options: dict[str, Any], to_stderr: bool) -> None:
    for note in options.get("_rejection_notes", ()):
        warn(note)
    if options.get("_refused_quote"):
        warn(f"note: they wrote “{options['_refused_quote']}”.")


def _draft_json(draft: Draft) -> dict[str, Any]:
    thread = draft.reply_thread()
    return {
        "to": draft.recipient.email,
        "contact_name": draft.inputs.name,
        "company": draft.inputs.company,
        "role": draft.inputs.role,
        "language": draft.inputs.language,
        "subject": draft.subject,
        "in_reply_to": thread.in_reply_to if thread else None,
        "references": [*thread.references, thread.in_reply_to] if thread else [],
        "body": draft.text,
        "follow_up_due": draft.follow_up_due.isoformat() if draft.follow_up_due else None,
        "rejection_id": draft.inputs.answering.rejection_id if draft.inputs.answering else None,
    }


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
    from feedback_mailer.commands import editor
    from feedback_mailer.lifecycle import drafts

    edited = editor.edit(drafts.editable_text(draft))
    if edited is None:
        raise InputError("The editor was closed without saving: nothing was sent.")
    return drafts.apply_edit(draft, edited)


def _edit_again(draft: Draft) -> Draft:
    """Edit from the prompt: a problem with the edit is shown and the last good
    message is kept, so nothing typed before is lost."""
    from feedback_mailer.base.errors import InputError
    from feedback_mailer.commands import editor
    from feedback_mailer.lifecycle import drafts

    try:
        edited = editor.edit(drafts.editable_text(draft))
        if edited is None:
            warn("note: the editor was closed without saving, so the message is unchanged.")
            return draft
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
