"""The command line: parse, call, print. No logic lives here.

Only click and the lightest modules are imported at the top, so `--help`,
`--version` and `list` start fast; each command imports what it needs.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from feedback_mailer import __version__
from feedback_mailer.context import AppContext
from feedback_mailer.errors import FeedbackMailerError

if TYPE_CHECKING:
    from feedback_mailer.credentials import Prompt
    from feedback_mailer.lifecycle import Draft, RunReport
    from feedback_mailer.store import Request

REQUEST_STATUSES = ("sending", "awaiting", "answered", "bounced", "closed", "failed", "unknown")
PROVIDERS = ("gmail", "outlook", "fastmail", "icloud", "yahoo", "custom")


class App(click.Group):
    """Turns the tool's own errors into one sentence on stderr and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FeedbackMailerError as error:
            fail(error)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            # A bug, not a user error: still one sentence, with the details on demand.
            obj = ctx.find_object(AppContext)
            if obj is not None and obj.debug:
                raise
            click.echo(
                f"feedback-mailer: unexpected internal error ({type(error).__name__}: {error}); "
                "run again with --debug for the details and please report it.",
                err=True,
            )
            sys.exit(1)


def fail(error: FeedbackMailerError) -> NoReturn:
    click.echo(f"feedback-mailer: {error}", err=True)
    sys.exit(error.exit_code)


def warn(text: str) -> None:
    color = None if not os.environ.get("NO_COLOR") else False
    click.secho(text, err=True, fg="yellow", color=color)


def interactive() -> bool:
    return sys.stdin.isatty()


def password_prompt() -> Prompt | None:
    """A hidden prompt in a terminal; None (never prompt) elsewhere."""
    if not interactive():
        return None
    return lambda text: str(click.prompt(text, hide_input=True, default="", show_default=False))


def app(ctx: click.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    assert obj is not None
    return obj


pass_app = click.make_pass_decorator(AppContext)


@click.group(cls=App, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="feedback-mailer")
@click.option(
    "--config",
    "config_option",
    metavar="PATH",
    help="Config file (default: $FEEDBACK_MAILER_CONFIG, else config.toml in the user config dir).",
)
@click.option(
    "--debug", is_flag=True, help="Print SMTP/IMAP transcripts to stderr (AUTH redacted)."
)
@click.pass_context
def cli(ctx: click.Context, config_option: str | None, debug: bool) -> None:
    """Ask politely for interview feedback, follow up once, and let it go.

    Start with `feedback-mailer send --dry-run --to ... --company ...` to see the
    message, `init` to configure your mailbox, `auth set smtp` for the password.
    """
    ctx.obj = AppContext(config_option=config_option, debug=debug, notice=warn)


# --- init -----------------------------------------------------------------------


@cli.command()
@click.option(
    "--non-interactive", is_flag=True, help="Never prompt; take every value from options."
)
@click.option("--name", help="Your name as recipients see it.")
@click.option("--email", help="Your email address.")
@click.option("--timezone", help="Your IANA time zone, e.g. Europe/London (default: the system's).")
@click.option("--provider", type=click.Choice(PROVIDERS), help="Fills in SMTP/IMAP servers.")
@click.option("--smtp-host")
@click.option("--smtp-port", type=int)
@click.option("--smtp-security", type=click.Choice(("tls", "starttls", "none")))
@click.option("--smtp-username", help="Default: your email address.")
@click.option("--smtp-cafile", default="", help="Extra CA bundle for a private server.")
@click.option("--imap/--no-imap", "use_imap", default=None, help="Track replies over IMAP.")
@click.option("--imap-host")
@click.option("--imap-port", type=int)
@click.option("--imap-security", type=click.Choice(("tls", "starttls", "none")))
@click.option("--imap-username", help="Default: your email address.")
@click.option("--imap-cafile", default="")
@click.option("--imap-folder", "imap_folders", multiple=True, help="Folder to watch (repeatable).")
@click.option("--sent-folder", default=None, help="Append a copy of sent mail here.")
@click.option("--force", is_flag=True, help="Replace an existing config file.")
@pass_app
def init(ctx: AppContext, /, **options: Any) -> None:
    """Create config.toml (mode 0600). Never asks for a password."""
    from feedback_mailer import setup

    asker = None if options.pop("non_interactive") else _ask
    answers = setup.collect_answers(options, asker)
    path = ctx.config_path
    force = bool(options["force"])
    if path.exists() and not force and asker is not None:
        force = click.confirm(f"{path} exists. Replace it?", default=False)
    setup.write(path, answers, overwrite=force)
    click.echo(f"Wrote {path}")
    click.echo("Next: `feedback-mailer auth set smtp` to store your password in the keyring,")
    click.echo("then `feedback-mailer doctor` to check everything.")


def _ask(question: str, default: str | None) -> str:
    return str(click.prompt(question, default=default or None, show_default=bool(default)))


# --- auth -----------------------------------------------------------------------


@cli.group()
def auth() -> None:
    """Store, check or delete the SMTP/IMAP passwords in the OS keyring."""


@auth.command("set")
@click.argument("kind", type=click.Choice(("smtp", "imap")))
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input.")
def auth_set(kind: str, from_stdin: bool) -> None:
    """Store the password for KIND (smtp or imap) in the keyring."""
    from feedback_mailer import credentials

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif interactive():
        password = click.prompt(
            f"{kind.upper()} password", hide_input=True, confirmation_prompt=True
        )
    else:
        from feedback_mailer.errors import InputError

        raise InputError("Standard input is not a terminal: pass --stdin to read the password.")
    credentials.store_password(kind, password)
    click.echo(f"Stored the {kind.upper()} password in the keyring.")


@auth.command("check")
def auth_check() -> None:
    """Say which passwords are stored (never shows them)."""
    from feedback_mailer import credentials

    report = credentials.backend_report()
    click.echo(f"keyring backend: {report.name}")
    if report.warning:
        warn(f"warning: {report.warning}")
    missing = False
    for kind in credentials.KINDS:
        stored = credentials.stored_password(kind) is not None
        missing = missing or (kind == "smtp" and not stored)
        click.echo(f"{kind}: {'stored' if stored else f'not stored (run `auth set {kind}`)'}")
    if missing:
        sys.exit(1)


@auth.command("delete")
@click.argument("kind", type=click.Choice(("smtp", "imap")))
def auth_delete(kind: str) -> None:
    """Remove the password for KIND from the keyring."""
    from feedback_mailer import credentials

    if credentials.delete_password(kind):
        click.echo(f"Deleted the {kind.upper()} password from the keyring.")
    else:
        click.echo(f"No {kind.upper()} password was stored.")


@cli.command()
@pass_app
def doctor(ctx: AppContext) -> None:
    """Check config, keyring, templates, SMTP and IMAP login; nothing is sent."""
    from feedback_mailer import doctor as checks

    ctx.notice = lambda _text: None  # doctor reports the config's permissions as a check line
    failed = False
    for check in checks.run_checks(ctx):
        label = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}[check.status]
        line = f"{label}  {check.name}: {check.detail}"
        if check.status == "fail":
            failed = True
            click.echo(line, err=True)
        else:
            click.echo(line)
    if failed:
        sys.exit(1)


# --- templates ------------------------------------------------------------------


@cli.group()
def templates() -> None:
    """List or show the built-in and your own templates."""


@templates.command("list")
@pass_app
def templates_list(ctx: AppContext) -> None:
    """Templates by name; yours (in <config dir>/templates/) override built-ins."""
    from feedback_mailer import templating

    for info in templating.list_templates(ctx.templates_dir):
        click.echo(f"{info.name:<16} {info.kind:<10} {info.origin:<9} {info.path}")


@templates.command("show")
@click.argument("name")
@pass_app
def templates_show(ctx: AppContext, name: str) -> None:
    """Print a template's source."""
    from feedback_mailer import templating

    click.echo(templating.source(name, ctx.templates_dir), nl=False)


# --- send -----------------------------------------------------------------------


@cli.command()
@click.option("--to", "to", metavar="EMAIL", help="The interviewer's or recruiter's address.")
@click.option("--company", metavar="NAME")
@click.option("--name", metavar="CONTACT", help="The contact's name, for the greeting.")
@click.option("--role", metavar="ROLE")
@click.option("--interview-date", metavar="DATE", help="e.g. 2026-11-18")
@click.option(
    "--highlight",
    "highlights",
    multiple=True,
    metavar="TEXT",
    help="A detail you want to mention (repeatable).",
)
@click.option("--template", default="formal", show_default=True, help="formal, warm, or yours.")
@click.option(
    "--follow-up",
    "follow_up",
    metavar="WHEN",
    help="When to follow up (default: follow_up.after, inside the window).",
)
@click.option("--no-follow-up", is_flag=True, help="Never follow up on this request.")
@click.option("--tz", metavar="ZONE", help="The recipient's time zone (default: yours).")
@click.option("--edit", is_flag=True, help="Edit the message in $EDITOR before sending.")
@click.option("--yes", "-y", is_flag=True, help="Send without asking for confirmation.")
@click.option(
    "--dry-run", is_flag=True, help="Show the message only: no config, keyring or network."
)
@click.option("--force", is_flag=True, help="Send although an open request to them exists.")
@click.option("--resume", "resume_id", type=int, metavar="ID", help="Send a failed request again.")
@click.option("--json", "as_json", is_flag=True, help="Print the new request as JSON.")
@pass_app
def send(ctx: AppContext, /, **options: Any) -> None:
    """Write, show, confirm and send a feedback request."""
    from feedback_mailer import lifecycle

    if options["resume_id"] is not None:
        _resume(ctx, options["resume_id"], options["force"], options["as_json"])
        return
    _require(options, "to", "--to EMAIL")
    _require(options, "company", "--company NAME")
    inputs = lifecycle.RequestInput(
        to=options["to"],
        company=options["company"],
        name=options["name"],
        role=options["role"],
        interview_date=options["interview_date"],
        highlights=tuple(options["highlights"]),
        template=options["template"],
        follow_up=options["follow_up"],
        no_follow_up=options["no_follow_up"],
        tz=options["tz"],
    )
    config = ctx.optional_config() if options["dry_run"] else ctx.config()
    draft = lifecycle.prepare_request(inputs, config, ctx.templates_dir, ctx.now())
    if options["edit"] and not options["dry_run"]:
        draft = _edit(draft)
    _show_draft(draft, ctx, to_stderr=options["as_json"])
    if options["dry_run"]:
        click.echo("Dry run: nothing was sent or recorded.", err=options["as_json"])
        return
    store = ctx.store()
    with store:
        if not options["force"]:
            lifecycle.refuse_duplicate(store, draft)
        if not options["yes"]:
            _confirm_send(draft)
        request = lifecycle.deliver_request(
            draft,
            store,
            ctx.smtp_session_factory(password_prompt()),
            ctx.now,
            force=options["force"],
        )
        _copy_to_sent(ctx, store.message(request.id, "request").raw)
    _report_sent(request, ctx, options["as_json"])


def _copy_to_sent(ctx: AppContext, raw: bytes) -> None:
    from feedback_mailer import runner

    warning = runner.copy_to_sent(ctx, raw, password_prompt())
    if warning:
        warn(f"warning: {warning}")


def _require(options: dict[str, Any], key: str, flag: str) -> None:
    if not options.get(key):
        from feedback_mailer.errors import InputError

        raise InputError(f"Missing {flag}: `feedback-mailer send --help` lists the options.")


def _edit(draft: Draft) -> Draft:
    from feedback_mailer import lifecycle
    from feedback_mailer.errors import InputError

    edited = click.edit(lifecycle.editable_text(draft), extension=".txt")
    if edited is None:
        raise InputError("The editor was closed without saving: nothing was sent.")
    return lifecycle.apply_edit(draft, edited)


def _show_draft(draft: Draft, ctx: AppContext, *, to_stderr: bool = False) -> None:
    """The preview; on stderr with --json, so stdout stays one JSON document."""
    from feedback_mailer import lifecycle, views

    if draft.placeholder_sender:
        warn(
            f"note: no config at {ctx.config_path}, so the sender is the placeholder "
            f"'{lifecycle.PLACEHOLDER_NAME} <{lifecycle.PLACEHOLDER_EMAIL}>' "
            "(run `feedback-mailer init`)."
        )
    click.echo(lifecycle.preview(draft.message()), nl=False, err=to_stderr)
    click.echo("", err=to_stderr)
    sender_tz = lifecycle.sender_zone(None if draft.placeholder_sender else ctx.optional_config())
    if draft.follow_up_due:
        text = views.when(draft.follow_up_due, ctx.now(), sender_tz, draft.recipient_zone)
        click.echo(
            f"Follow-up: one gentle reminder, {text}, only if no reply has arrived.",
            err=to_stderr,
        )
    else:
        click.echo("Follow-up: none.", err=to_stderr)
    if draft.warnings:
        warn(
            "warning: this may read as pushy: "
            + ", ".join(f"“{p}”" for p in draft.warnings)
            + ". Consider --edit."
        )


def _confirm_send(draft: Draft) -> None:
    from feedback_mailer.errors import InputError

    if not interactive():
        raise InputError("Standard input is not a terminal: pass --yes to send without confirming.")
    if not click.confirm(f"Send this to {draft.recipient.email}?", default=False):
        click.echo("Not sent.")
        sys.exit(0)


def _report_sent(request: Request, ctx: AppContext, as_json: bool) -> None:
    from feedback_mailer import lifecycle, views

    if as_json:
        import json

        click.echo(json.dumps(views.request_json(request), ensure_ascii=False, indent=2))
        return
    click.echo(f"request {request.id}")
    sender_tz = lifecycle.sender_zone(ctx.optional_config())
    click.echo(
        f"Sent to {request.contact_email}: {views.follow_up_cell(request, ctx.now(), sender_tz)}."
    )


def _resume(ctx: AppContext, request_id: int, force: bool, as_json: bool) -> None:
    from feedback_mailer import lifecycle

    with ctx.store(create=False) as store:
        if force:
            warn(f"warning: request {request_id} may already have been delivered; sending again.")
        request = lifecycle.resume_request(
            request_id, store, ctx.smtp_session_factory(password_prompt()), ctx.now, force=force
        )
    _report_sent(request, ctx, as_json)


# --- list / show / mark / followup ---------------------------------------------


def _open_store_or_none(ctx: AppContext) -> Any:
    if not ctx.db_path.exists():
        return None
    return ctx.store(create=False)


@cli.command("list")
@click.option("--unanswered", is_flag=True, help="Only requests still awaiting an answer.")
@click.option("--all", "show_all", is_flag=True, help="Every request, open or not.")
@click.option("--status", type=click.Choice(REQUEST_STATUSES), multiple=True, help="Repeatable.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def list_(
    ctx: AppContext, unanswered: bool, show_all: bool, status: tuple[str, ...], as_json: bool
) -> None:
    """Open requests: what is waiting, for how long, and what happens next."""
    from feedback_mailer import lifecycle, views

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
        import json

        click.echo(
            json.dumps([views.request_json(r) for r in requests], ensure_ascii=False, indent=2)
        )
        return
    if not requests:
        click.echo("No requests." if show_all or status else "No open requests.")
        return
    click.echo(
        views.table(requests, ctx.now(), lifecycle.sender_zone(ctx.optional_config())), nl=False
    )


@cli.command()
@click.argument("request_id", type=int, metavar="ID")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show(ctx: AppContext, request_id: int, as_json: bool) -> None:
    """Everything known about one request: message, follow-up, replies, history."""
    from feedback_mailer import lifecycle, views

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
    sender_tz = lifecycle.sender_zone(ctx.optional_config())
    click.echo(views.detail(request, messages, replies, events, ctx.now(), sender_tz), nl=False)


@cli.command()
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


@cli.command()
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


@cli.command()
@pass_app
def check(ctx: AppContext) -> None:
    """Look for replies over IMAP now and print what changed."""
    from feedback_mailer import runner

    report = runner.check(ctx, password_prompt())
    for change in report.changes:
        click.echo(change.text)
    if not report.changes:
        click.echo(f"No changes ({report.new_messages} new message(s) looked at).")


# --- run ---------------------------------------------------------------------


@cli.command()
@click.option("--dry-run", is_flag=True, help="Say what would happen; send and change nothing.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing unless something failed.")
@pass_app
def run(ctx: AppContext, dry_run: bool, quiet: bool) -> None:
    """What a scheduler calls: check replies, send due follow-ups, let old ones go."""
    from feedback_mailer import runner

    report = runner.run(ctx, dry_run=dry_run)
    _print_run(report, dry_run, quiet)
    if not report.ok:
        sys.exit(1)


def _print_run(report: RunReport, dry_run: bool, quiet: bool) -> None:
    for text in report.errors:
        click.echo(f"feedback-mailer: {text}", err=True)
    for text in report.warnings:
        warn(f"warning: {text}")
    for request, reason in report.failed:
        click.echo(
            f"feedback-mailer: follow-up for request {request.id} not sent: {reason}", err=True
        )
    for request, reason in report.uncertain:
        click.echo(
            f"feedback-mailer: follow-up for request {request.id} may not have been "
            f"delivered: {reason}",
            err=True,
        )
    if quiet:
        return
    if dry_run:
        for request in report.would_send:
            click.echo(f"would send the follow-up for request {request.id} ({request.company})")
        for request in report.would_close:
            click.echo(f"would close request {request.id} ({request.company}): no response")
        click.echo(
            f"dry run: {len(report.would_send)} follow-up(s) due, "
            f"{len(report.would_close)} to close; nothing changed."
        )
        return
    click.echo(report.summary())


# --- schedule -------------------------------------------------------------------


@cli.group("schedule")
def schedule_group() -> None:
    """Run `run` every 15 minutes from a systemd user timer or a launchd agent."""


def _run_command(ctx: AppContext) -> Any:
    from pathlib import Path

    from feedback_mailer import timer

    config = Path(ctx.config_option).expanduser().absolute() if ctx.config_option else None
    return timer.default_run_command(config, None)


@schedule_group.command("install")
@pass_app
def schedule_install(ctx: AppContext) -> None:
    """Install (or refresh) the timer; safe to repeat."""
    from feedback_mailer import timer

    outcome = timer.install(_run_command(ctx))
    for path in outcome.written:
        click.echo(f"wrote {path}")
    for message in outcome.messages:
        click.echo(message)


@schedule_group.command("remove")
def schedule_remove() -> None:
    """Stop the timer and delete everything `install` wrote."""
    from feedback_mailer import timer

    outcome = timer.remove()
    for path in outcome.removed:
        click.echo(f"removed {path}")
    for message in outcome.messages:
        click.echo(message)


@schedule_group.command("show")
@pass_app
def schedule_show(ctx: AppContext) -> None:
    """Show the timer, whether it is installed, and an equivalent crontab line."""
    from feedback_mailer import timer

    click.echo(timer.show(_run_command(ctx)), nl=False)


def main() -> None:
    cli(prog_name="feedback-mailer")
