"""Helpers shared by the command modules: printing, prompting, the app context."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from feedback_mailer.app.context import AppContext
from feedback_mailer.base.errors import FeedbackMailerError
from feedback_mailer.base.textsafety import printable

if TYPE_CHECKING:
    from feedback_mailer.setup.credentials import Prompt

T = TypeVar("T")


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line that may hold text from outside (mail, server replies): every
    control, bidi or invisible character is shown escaped (README, Guarantees)."""
    click.echo(printable(text, keep_newlines=True), err=err, nl=nl)


def fail(error: FeedbackMailerError) -> NoReturn:
    say(f"feedback-mailer: {error}", err=True)
    sys.exit(error.exit_code)


def warn(text: str) -> None:
    color = None if not os.environ.get("NO_COLOR") else False
    click.secho(printable(text, keep_newlines=True), err=True, fg="yellow", color=color)


def interactive() -> bool:
    return sys.stdin.isatty()


def password_prompt() -> Prompt | None:
    """A hidden prompt in a terminal; None (never prompt) elsewhere."""
    if not interactive():
        return None
    return lambda text: str(click.prompt(text, hide_input=True, default="", show_default=False))


pass_app = click.make_pass_decorator(AppContext)


# --- option callbacks: what a command line may hold, refused as one sentence -----------

MAX_REQUEST_ID = 2**63 - 1  # SQLite's largest integer; no request id is larger
WHEN_HORIZON_YEARS = 100  # a WHEN further away is a typo (and would leave datetime's range)


def _option_name(param: click.Parameter) -> str:
    if param.opts and param.opts[0].startswith("-"):
        return param.opts[0]
    return param.human_readable_name


def _shown(value: str) -> str:
    """`value` as typed, with each byte that was not UTF-8 as \\xNN."""
    from feedback_mailer.base.textsafety import printable

    escaped = "".join(
        f"\\x{ord(char) - 0xDC00:02x}" if 0xDC80 <= ord(char) <= 0xDCFF else char for char in value
    )
    return printable(escaped)


def refuse_undecodable(value: str, what: str) -> str:
    """Python turns bytes of argv that are not UTF-8 into lone surrogates; such a
    value would crash whatever prints or stores it, so it is refused here."""
    if any("\ud800" <= char <= "\udfff" for char in value):
        from feedback_mailer.base.errors import InputError

        raise InputError(
            f"{what} '{_shown(value)}' holds bytes that are not UTF-8 text: type it again "
            "as UTF-8 (check the encoding of your terminal or script)."
        )
    return value


def text_option(ctx: click.Context, param: click.Parameter, value: T) -> T:
    """Callback of every free-text option: bytes that are not UTF-8 are an input error."""
    for item in value if isinstance(value, tuple) else (value,):
        if isinstance(item, str):
            refuse_undecodable(item, _option_name(param))
    return value


def when_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Callback of WHEN options (`--at`, `--follow-up`): also refused centuries away."""
    text_option(ctx, param, value)
    if value is None:
        return None
    from datetime import UTC, timedelta
    from zoneinfo import ZoneInfo

    from feedback_mailer.base import clock, typed_time
    from feedback_mailer.base.errors import InputError

    now = clock.now()
    try:
        moment = typed_time.parse_when(value, now, ZoneInfo("UTC"))
    except InputError:
        return value  # the command reads it in the right zone and says what is wrong
    if moment.astimezone(UTC) - now > timedelta(days=365 * WHEN_HORIZON_YEARS):
        raise InputError(
            f"{_option_name(param)} '{_shown(value)}' is more than {WHEN_HORIZON_YEARS} years "
            "away: give a time within the next weeks or months."
        )
    return value


def request_id_option(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    """Callback of request ids: one that no request can have is 'no such request'."""
    if value is not None and not 1 <= value <= MAX_REQUEST_ID:
        from feedback_mailer.base.errors import NotFoundError

        raise NotFoundError(
            f"There is no request {value}: `feedback-mailer list --all` shows the ids."
        )
    return value


def one_recipient(values: tuple[str, ...]) -> str | None:
    """`--to` is repeatable only so that giving it twice is refused, not half-kept."""
    if len(values) > 1:
        from feedback_mailer.base.errors import InputError

        given = ", ".join(_shown(value) for value in values)
        raise InputError(
            f"--to was given {len(values)} times ({given}): a request goes to exactly one "
            "mailbox, so give --to once."
        )
    return values[0] if values else None


# What a person may type at the send prompt (as `git send-email` asks).
_CHOICES = {
    "y": "send",
    "yes": "send",
    "s": "send",
    "send": "send",
    "e": "edit",
    "edit": "edit",
    "n": "cancel",
    "no": "cancel",
    "c": "cancel",
    "cancel": "cancel",
    "q": "cancel",
    "quit": "cancel",
}


def send_edit_or_cancel(recipient: str) -> str:
    """Ask until the answer is clear: "send" or "edit"; a cancel ends the command."""
    while True:
        answer = click.prompt(
            f"Send this to {recipient}? [y]es, send / [e]dit / [n]o, cancel",
            default="n",
            show_default=False,
        )
        choice = _CHOICES.get(str(answer).strip().lower())
        if choice == "cancel":
            say("Not sent.")
            sys.exit(0)
        if choice is not None:
            return choice
        say("Please answer y (send), e (edit) or n (cancel).")


MAX_MESSAGE_FILE_BYTES = 64 * 1024 * 1024  # far beyond any mail; readers look at 2 MB of it


def read_message_file(name: str, what: str = "give the path of a saved message (.eml)") -> bytes:
    """A saved message's bytes, at most MAX_MESSAGE_FILE_BYTES + 1 read (st_size of a
    device is 0): only a regular file, opened without blocking (a FIFO would wait for
    a writer). `what` ends each sentence: how to give a good one."""
    import stat

    from feedback_mailer.base.errors import InputError

    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputError(f"Cannot read {name} ({error.strerror or error}): {what}.") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InputError(f"{name} is not a regular file: {what}.")
        try:
            data = file.read(MAX_MESSAGE_FILE_BYTES + 1)
        except OSError as error:
            raise InputError(f"Cannot read {name} ({error.strerror or error}): {what}.") from None
    if len(data) > MAX_MESSAGE_FILE_BYTES:
        raise InputError(f"{name} is over 64 MB: it is not one mail message.")
    return data
