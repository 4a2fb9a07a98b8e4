"""OAuth2 sign-in: the flows, the refresh, and the sign-in kept in the OS keyring.

`auth login` runs a flow once, interactively: the device-code flow (RFC 8628:
a URL and a code, for any browser on any device; Microsoft's default) or the
authorization-code flow with PKCE (RFC 7636) and a loopback redirect to
127.0.0.1 (RFC 8252; Google's only way for the mail scope). What it gets — the
refresh token, the access token and when that expires — is one keyring entry
per account, beside the SMTP/IMAP passwords, as JSON; nothing token-like is
ever written to the config, the database, the output or a transcript.

Every login after that takes the cached access token, or refreshes it when it
is missing or about to expire; a rotated refresh token is saved to the keyring
before the new access token is used. A refresh happens under a file lock, so
concurrent `run`s never spend the same (rotating) refresh token twice.

A `token_command` (an OAuth helper such as oama or pizauth that prints an
access token) replaces all of this for its section (setup/token_command.py).
The talk with the provider's endpoints is in setup/oauth2_endpoint.py, the
browser's loopback redirect in setup/oauth2_listener.py.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import IO, TYPE_CHECKING, Any

from feedback_mailer.base.errors import (
    ConfigError,
    CredentialError,
    FeedbackMailerError,
    MailServerError,
)
from feedback_mailer.mail.sasl import BearerToken
from feedback_mailer.setup import oauth2_endpoint as endpoint
from feedback_mailer.setup import oauth2_providers as providers

if TYPE_CHECKING:
    from feedback_mailer.setup.config import Config, OAuth2Config

ENTRY_PREFIX = "oauth2:"
# A cached access token this close to its end is refreshed first: a login, and the
# session it opens, must not outlive it.
REFRESH_MARGIN_SECONDS = 300
DEFAULT_ACCESS_LIFETIME = 3600  # when a token response has no expires_in
GOOGLE_TESTING_DAYS = 7  # refresh tokens of a Google app in "Testing" status die then


# --- what the keyring keeps ---------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    """One account's sign-in, as kept in the keyring (never shown: no tokens in repr)."""

    account: str
    provider: str
    client_id: str
    token_endpoint: str
    refresh_token: str = field(repr=False)
    access_token: str = field(repr=False)
    expires_at: int  # when the access token ends, seconds since the epoch
    signed_in_at: int
    refreshed_at: int
    refresh_expires_at: int | None = None  # when the provider said the refresh token ends

    def to_json(self) -> str:
        return json.dumps({"version": 1, **self.__dict__}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SignIn | None:
        try:
            data = json.loads(text)
            data.pop("version", None)
            sign_in = cls(**data)
        except (ValueError, TypeError):
            return None
        if not all(isinstance(value, str) for value in (sign_in.refresh_token, sign_in.account)):
            return None
        return sign_in

    def expires(self) -> datetime:
        return datetime.fromtimestamp(self.expires_at, UTC)

    def usable(self, now: datetime) -> bool:
        """The cached access token can still be used for a whole session."""
        return (
            bool(self.access_token) and self.expires_at - REFRESH_MARGIN_SECONDS > now.timestamp()
        )


def _from_token(
    token: Mapping[str, Any],
    now: datetime,
    *,
    account: str,
    oauth: OAuth2Config,
    previous: SignIn | None = None,
) -> SignIn:
    """The sign-in after a token response (a refresh keeps what it does not replace)."""
    stamp = int(now.timestamp())
    access = token.get("access_token")
    if not isinstance(access, str) or not access:
        raise MailServerError(
            f"{endpoint.host_of(oauth.token_endpoint)} answered without an access token: try "
            "again later."
        )
    refresh = token.get("refresh_token") or (previous.refresh_token if previous else None)
    if not isinstance(refresh, str) or not refresh:
        raise CredentialError(
            f"{providers.display_name(oauth.provider).capitalize()} gave no refresh token, so "
            "every sign-in would last an hour only: check that oauth2.scopes asks for offline "
            'access (Microsoft: "offline_access"), then run `feedback-mailer auth login` again.'
        )
    lifetime = endpoint.seconds_of(token.get("expires_in"), DEFAULT_ACCESS_LIFETIME)
    refresh_lifetime = endpoint.seconds_of(token.get("refresh_token_expires_in"), 0)
    refresh_expires_at = stamp + refresh_lifetime if refresh_lifetime else None
    if previous is not None and refresh == previous.refresh_token and refresh_expires_at is None:
        refresh_expires_at = previous.refresh_expires_at
    return SignIn(
        account=account,
        provider=oauth.provider,
        client_id=oauth.client_id,
        token_endpoint=oauth.token_endpoint,
        refresh_token=refresh,
        access_token=access,
        expires_at=stamp + lifetime,
        signed_in_at=previous.signed_in_at if previous else stamp,
        refreshed_at=stamp,
        refresh_expires_at=refresh_expires_at,
    )


# --- what the config says ----------------------------------------------------------


def uses_sign_in(config: Config) -> bool:
    """Some section signs in with the stored OAuth2 sign-in (not a token_command)."""
    return any(
        section is not None and section.auth == "oauth2" and not section.token_command
        for section in (config.smtp, config.imap)
    )


def account(config: Config) -> str:
    """The account the sign-in is for: the user name of the first section using it."""
    for section in (config.smtp, config.imap):
        if section is not None and section.auth == "oauth2" and not section.token_command:
            return section.username
    raise ConfigError(
        f'Neither [smtp] nor [imap] in {config.path} has auth = "oauth2" without a '
        'token_command, so there is nothing to sign in to: set auth = "oauth2" first (README, '
        '"Signing in with OAuth2").'
    )


def require_oauth2(config: Config) -> OAuth2Config:
    oauth = config.oauth2
    if oauth is None:
        raise ConfigError(
            f"{config.path} has no [oauth2] section: add one as in config.example.toml "
            '(README, "Signing in with OAuth2").'
        )
    if not oauth.client_id:
        raise ConfigError(
            f"{config.path}: oauth2.client_id is empty: register an app with "
            f'{providers.display_name(oauth.provider)} (README, "Signing in with OAuth2") and '
            "write its client ID there."
        )
    return oauth


def entry_name(account_name: str) -> str:
    return ENTRY_PREFIX + account_name


def load(config: Config) -> SignIn | None:
    from feedback_mailer.setup import credentials

    text = credentials.stored_entry(entry_name(account(config)))
    return SignIn.from_json(text) if text else None


def _save(sign_in: SignIn) -> None:
    from feedback_mailer.setup import credentials

    credentials.store_entry(entry_name(sign_in.account), sign_in.to_json())


# --- using the sign-in -------------------------------------------------------------


@contextlib.contextmanager
def _refresh_lock() -> Iterator[None]:
    """One refresh at a time for this user: two `run`s must not both spend a rotating
    refresh token. Without a usable data dir (or fcntl) it goes ahead unlocked."""
    try:
        import fcntl

        from feedback_mailer.base import permissions
        from feedback_mailer.setup import paths

        directory = paths.data_dir()
        permissions.make_private_dirs(directory)
        descriptor = os.open(directory / "oauth2.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def current(
    config: Config,
    now: Callable[[], datetime],
    *,
    force: bool = False,
    debug: IO[str] | None = None,
) -> tuple[SignIn, bool]:
    """The stored sign-in with a usable access token, refreshed when it is missing or
    near its end (always with `force`); True when it was refreshed just now.

    Never prompts: a missing, expired or revoked sign-in is a CredentialError saying
    to run `auth login`. A rotated refresh token is in the keyring before this returns.
    """
    who = account(config)
    oauth = require_oauth2(config)
    with _refresh_lock():
        sign_in = load(config)
        if sign_in is None:
            raise CredentialError(
                f"No OAuth2 sign-in is stored in the keyring for {who}: sign in with "
                "`feedback-mailer auth login` (once, in your session)."
            )
        if sign_in.client_id != oauth.client_id or sign_in.token_endpoint != oauth.token_endpoint:
            raise CredentialError(
                f"The OAuth2 sign-in stored for {who} was made with another app or provider "
                "than [oauth2] names now: sign in again with `feedback-mailer auth login`."
            )
        if not force and sign_in.usable(now()):
            return sign_in, False
        session = endpoint.client_session(oauth, scope=" ".join(oauth.scopes))
        with endpoint.talking_to(oauth, who, oauth.token_endpoint):
            token = session.refresh_token(oauth.token_endpoint, refresh_token=sign_in.refresh_token)
        refreshed = _from_token(token, now(), account=who, oauth=oauth, previous=sign_in)
        _save(refreshed)  # before the new access token is used: the old refresh token may be dead
        if debug is not None:
            rotated = (
                "a new refresh token, saved"
                if refreshed.refresh_token != sign_in.refresh_token
                else "the same refresh token"
            )
            debug.write(
                f"oauth2: refreshed the access token at {endpoint.host_of(oauth.token_endpoint)} "
                f"({rotated}; valid for {refreshed.expires_at - refreshed.refreshed_at} s)\n"
            )
        return refreshed, True


class TokenCache:
    """The access tokens one command has got, so IMAP and SMTP share one refresh."""

    def __init__(self) -> None:
        self.sign_in: SignIn | None = None
        self.fresh = False  # refreshed by this command: a refusal cannot be cured by another
        self.commands: dict[tuple[str, ...], str] = {}


def bearer(
    config: Config,
    kind: str,
    cache: TokenCache,
    now: Callable[[], datetime],
    debug: IO[str] | None = None,
) -> BearerToken:
    """What `kind` ("smtp" or "imap") signs in with when its auth is "oauth2"."""
    section = config.smtp if kind == "smtp" else config.imap
    if section is not None and section.token_command:
        argv = section.token_command
        if argv not in cache.commands:
            from feedback_mailer.setup.token_command import run_token_command

            cache.commands[argv] = run_token_command(kind, argv)
        return BearerToken(cache.commands[argv])
    if cache.sign_in is None or not cache.sign_in.usable(now()):
        cache.sign_in, cache.fresh = current(config, now, debug=debug)
    if cache.fresh:
        return BearerToken(cache.sign_in.access_token)

    def renew() -> str:
        cache.sign_in, cache.fresh = current(config, now, force=True, debug=debug)
        return cache.sign_in.access_token

    return BearerToken(cache.sign_in.access_token, renew)


# --- signing in (auth login) -------------------------------------------------------


def login(
    config: Config,
    *,
    browser: bool,
    out: Callable[[str], None],
    now: Callable[[], datetime],
    open_browser: Callable[[str], bool] | None = None,
) -> SignIn:
    """Run one flow interactively and keep the sign-in in the keyring.

    The device-code flow when the provider has one (unless `browser`), else the
    authorization-code flow with PKCE on a loopback redirect. `out` shows the
    person what to do; `open_browser` tries to open a URL (None: only print it).
    """
    who = account(config)
    oauth = require_oauth2(config)
    if browser or not oauth.device_authorization_endpoint:
        if not oauth.authorization_endpoint:
            raise ConfigError(
                f"{config.path}: oauth2.authorization_endpoint is empty, so there is no browser "
                "sign-in: leave out --browser, or add the endpoint."
            )
        from feedback_mailer.setup.oauth2_listener import browser_flow

        token = browser_flow(oauth, who, out, open_browser)
    else:
        token = endpoint.device_flow(oauth, who, out)
    sign_in = _from_token(token, now(), account=who, oauth=oauth)
    _save(sign_in)
    return sign_in


def can_open_browser() -> bool:
    """A graphical browser can be opened here (not over SSH, not on a bare console)."""
    import sys

    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(url: str) -> bool:
    import webbrowser

    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


# --- signing out (auth delete oauth2) ----------------------------------------------


def sign_out(config: Config) -> list[str]:
    """Revoke the refresh token where the provider offers it, then delete the entry.

    Returns what to tell the person; a failed revocation is said, not raised.
    """
    from feedback_mailer.setup import credentials

    who = account(config)
    text = credentials.stored_entry(entry_name(who))
    sign_in = SignIn.from_json(text) if text else None
    if text is None:
        return [f"No OAuth2 sign-in was stored for {who}."]
    lines = []
    oauth = config.oauth2
    preset = providers.preset(oauth.provider) if oauth else None
    help_text = preset.revoke_help if preset else ""
    if sign_in is not None and oauth is not None and oauth.revocation_endpoint:
        try:
            _revoke(oauth, who, sign_in)
            lines.append(
                f"Revoked the refresh token at {endpoint.host_of(oauth.revocation_endpoint)}."
            )
        except FeedbackMailerError as error:
            lines.append(
                f"warning: the refresh token could not be revoked ({error}); it stays valid "
                "until it expires" + (f": to end it now, {help_text}." if help_text else ".")
            )
    elif help_text:
        lines.append(
            f"{preset.name if preset else 'The provider'} offers apps no way to revoke a sign-in: "
            f"to end it, {help_text}."
        )
    credentials.delete_entry(entry_name(who))
    lines.insert(0, f"Deleted the OAuth2 sign-in for {who} from the keyring.")
    return lines


def _revoke(oauth: OAuth2Config, who: str, sign_in: SignIn) -> None:
    url = oauth.revocation_endpoint
    session = endpoint.client_session(oauth)
    with endpoint.talking_to(oauth, who, url):
        response = session.revoke_token(  # type: ignore[no-untyped-call]
            url, token=sign_in.refresh_token, token_type_hint="refresh_token"
        )
    if response.status_code != 200:
        raise MailServerError(f"{endpoint.host_of(url)} answered HTTP {response.status_code}")


# --- saying how it stands (auth check, doctor) -------------------------------------


def _in(seconds: float) -> str:
    """A span as a person says it: '52 minutes', '5 hours', '6 days'."""
    minutes = max(1, int(seconds) // 60)
    if minutes < 120:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} hours"
    return f"{round(minutes / (24 * 60))} days"


def describe(sign_in: SignIn, now: datetime, zone: Any) -> str:
    """Who is signed in, since when, and how long the access token lasts (no secrets)."""
    from feedback_mailer.base.timing import format_local

    since = format_local(datetime.fromtimestamp(sign_in.signed_in_at, UTC), zone)
    left = sign_in.expires_at - now.timestamp()
    until = format_local(sign_in.expires(), zone)
    access = (
        f"the access token expires {until} (in {_in(left)})"
        if left > 0
        else f"the access token expired {until}; the next login refreshes it"
    )
    return f"signed in for {sign_in.account} ({sign_in.provider}) since {since}; {access}"


def refresh_token_note(sign_in: SignIn, now: datetime, zone: Any) -> tuple[str, str] | None:
    """(status, sentence) about the refresh token's own end, when it is known or likely."""
    from feedback_mailer.base.timing import format_local

    if sign_in.refresh_expires_at is not None:
        left = sign_in.refresh_expires_at - now.timestamp()
        when = format_local(datetime.fromtimestamp(sign_in.refresh_expires_at, UTC), zone)
        if left <= 0:
            return "fail", (
                f"the refresh token ended {when}: sign in again with `feedback-mailer auth login`"
            )
        return ("warn" if left < 2 * 86400 else "ok"), (
            f"the provider ends this sign-in {when} (in {_in(left)}); then run "
            "`feedback-mailer auth login` again"
        )
    if sign_in.provider == "google":
        ends = datetime.fromtimestamp(sign_in.signed_in_at, UTC) + timedelta(
            days=GOOGLE_TESTING_DAYS
        )
        left = (ends - now).total_seconds()
        if left <= 0:
            return "ok", (
                "signed in more than 7 days ago and still working, so your Google Cloud app is "
                "not in Testing status"
            )
        return "warn", (
            f"if your Google Cloud app is still in Testing status, Google ends this sign-in "
            f"{format_local(ends, zone)} (in {_in(left)}), 7 days after it was given: publish the "
            'app "In production" (README, "Signing in with OAuth2") to keep it'
        )
    return None
