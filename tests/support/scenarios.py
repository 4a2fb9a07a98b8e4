"""What the end-to-end tests set up the same way: the `send` a user types, the
moments handed to faketime, and a world configured for the test servers with its
passwords in the keyring.

Only the tests use it (the benchmark keeps to `support.world`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from feedback_mailer.lifecycle.recovery import STALE_AFTER

from .certs import TlsMaterial
from .dovecot import Dovecot
from .smtp_server import SmtpServer
from .world import World, config_text

__all__ = [
    "ALL_WEEK",
    "LONDON",
    "SEND",
    "SMTP_PASSWORD",
    "STALE_AFTER",
    "at",
    "configure",
    "send_argv",
    "soon",
    "store_password",
]

LONDON = ZoneInfo("Europe/London")  # the tests' TZ (see conftest.isolated_environment)
# A follow-up one day after the request, whatever the day and hour; sent by `run`
# even in worlds without IMAP reply tracking (the person's explicit opt-in).
ALL_WEEK: dict[str, str | bool] = {
    "window": "Mon-Sun 00:00-24:00",
    "after": "1 day",
    "min_after": "1 day",
    "send_without_tracking": True,
}
SMTP_PASSWORD = "s3cret"  # alice's password on the test SMTP servers


# --- the command line ------------------------------------------------------------------


def send_argv(
    *options: str,
    to: str = "jane.doe@example.com",
    company: str = "Acme Corp",
    name: str | None = "Jane Doe",
    confirm: str = "--yes",
) -> tuple[str, ...]:
    """`send` as a user types it: `confirm` (--yes or --dry-run), the recipient and the
    company, the contact's name unless None, then `options`."""
    argv = ["send", confirm, "--to", to, "--company", company]
    if name is not None:
        argv += ["--name", name]
    return (*argv, *options)


# The request most end-to-end tests send: Jane Doe, Program Manager at Acme Corp.
SEND = send_argv("--role", "Program Manager")


# --- time --------------------------------------------------------------------------------


def at(moment: datetime) -> str:
    """faketime's start-at form in the subprocess's zone (TZ=Europe/London in tests)."""
    return "@" + moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M:%S")


def soon() -> datetime:
    """A moment shortly ahead, whole minutes, so faketime runs stay inside cert validity."""
    return (datetime.now(UTC) + timedelta(hours=1)).replace(second=0, microsecond=0)


# --- a configured world ------------------------------------------------------------------


def store_password(world: World, kind: str, password: str) -> None:
    """`auth set <kind> --stdin`, as a user stores a password in the keyring."""
    stored = world.run("auth", "set", kind, "--stdin", input=password + "\n")
    assert stored.returncode == 0, stored.stderr


def configure(
    world: World,
    smtp: SmtpServer,
    tls: TlsMaterial,
    *,
    password: str = SMTP_PASSWORD,
    mailbox: Dovecot | None = None,
    sent_folder: str = "",
    follow_up: dict[str, str | bool] | None = None,
) -> World:
    """A config for `smtp` (trusting the test CA) and its password in the keyring.

    With a `mailbox` (a user's view of the test Dovecot) replies are tracked too:
    the config reads it over IMAP and its password is stored as well.
    """
    world.write_config(
        config_text(
            smtp=smtp,
            ca_pem=tls.ca_pem,
            dovecot=mailbox,
            sent_folder=sent_folder,
            follow_up=follow_up,
        )
    )
    store_password(world, "smtp", password)
    if mailbox is not None:
        store_password(world, "imap", mailbox.password)
    return world
