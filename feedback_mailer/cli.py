"""The command line: parse, call, print. No logic lives here.

The root group knows its subcommands by name only (`LAZY_COMMANDS`); each
one's module under `feedback_mailer.commands` is imported when it is used, so
`--help`, `--version` and `list` start almost as fast as a bare click program.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from feedback_mailer import __version__
from feedback_mailer.app.context import AppContext
from feedback_mailer.base.errors import FeedbackMailerError
from feedback_mailer.commands.common import fail, say, warn

# name → (module under feedback_mailer.commands, attribute, the short help `--help` lists).
# tests/test_cli_structure.py checks the short help against each command's own.
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "auth": (
        "auth",
        "auth",
        "Store, check or delete passwords in the OS keyring, or sign in with OAuth2.",
    ),
    "check": ("check", "check", "Look for replies over IMAP now and print what changed."),
    "doctor": (
        "doctor",
        "doctor",
        "Check config, keyring, templates, SMTP and IMAP login; nothing is sent.",
    ),
    "explain": (
        "explain",
        "explain",
        "How a message is read: answer, auto-reply, bounce... and why. Reads files only.",
    ),
    "followup": (
        "followup",
        "followup",
        "Schedule, move, cancel, release or send the one follow-up of a request.",
    ),
    "init": ("init", "init", "Create config.toml (mode 0600). Never asks for a password."),
    "list": (
        "list",
        "list_",
        "Open requests: what is waiting, for how long, and what happens next.",
    ),
    "mark": (
        "mark",
        "mark",
        "Record an answer that came another way, close a request, or reopen it.",
    ),
    "reflect": (
        "reflect",
        "reflect",
        "Note what went well and what to improve after an interview, with #tags.",
    ),
    "rejections": (
        "rejections",
        "rejections",
        "The rejection emails found in the inbox, newest first, and who to ask.",
    ),
    "review": (
        "review",
        "review",
        "What repeats across interviews, the feedback received, and how asking goes.",
    ),
    "run": (
        "run",
        "run",
        "What a scheduler calls: check replies, send due follow-ups, let old ones go.",
    ),
    "schedule": (
        "schedule",
        "schedule_group",
        "Run `run` every 15 minutes from a systemd user timer or a launchd agent.",
    ),
    "send": ("send", "send", "Write, show, confirm and send a feedback request."),
    "show": (
        "show",
        "show",
        "Everything known about one request: message, follow-up, replies, history.",
    ),
    "templates": ("templates", "templates", "List or show the built-in and your own templates."),
    "thank": (
        "thank",
        "thank",
        "Thank the person who answered, in the same thread; always your choice.",
    ),
}


class App(click.Group):
    """Loads subcommands lazily, and turns the tool's own errors into one
    sentence on stderr with a documented exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = LAZY_COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(f"feedback_mailer.commands.{entry[0]}")
        command = getattr(module, entry[1])
        if not isinstance(command, click.Command):  # a wrong LAZY_COMMANDS entry
            raise TypeError(f"feedback_mailer.commands.{entry[0]}.{entry[1]} is not a command")
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """A mistyped command name gets the closest real one suggested (`sned` → send)."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            import difflib

            typed = click.utils.make_str(args[0]) if args else ""
            close = difflib.get_close_matches(typed, self.list_commands(ctx), n=1, cutoff=0.6)
            if not close or typed.startswith("-"):
                raise
            raise click.UsageError(
                f"No such command '{typed}'. Did you mean '{close[0]}'?", ctx
            ) from error

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The listing comes from LAZY_COMMANDS so `--help` imports no command module.
        rows = [(name, LAZY_COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
            say(
                f"feedback-mailer: unexpected internal error ({type(error).__name__}: {error}); "
                "run again with --debug for the details and please report it.",
                err=True,
            )
            sys.exit(1)


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


def main() -> None:
    cli(prog_name="feedback-mailer")
