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
access token) replaces all of this for its section.

The client is Authlib's OAuth2Session (over requests): configuration-driven, so
the same code serves Microsoft, Google and any standard server by its endpoint
URLs. It is imported only here, when a token is really needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import threading
import time
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
from feedback_mailer.base.textsafety import printable
from feedback_mailer.mail.sasl import BearerToken
from feedback_mailer.setup import oauth2_providers as providers

if TYPE_CHECKING:
    from authlib.integrations.requests_client import OAuth2Session

    from feedback_mailer.setup.config import Config, OAuth2Config

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
ENTRY_PREFIX = "oauth2:"
# A cached access token this close to its end is refreshed first: a login, and the
# session it opens, must not outlive it.
REFRESH_MARGIN_SECONDS = 300
HTTP_TIMEOUT_SECONDS = 30.0
TOKEN_COMMAND_TIMEOUT_SECONDS = 60.0
BROWSER_WAIT_SECONDS = 600.0  # how long `auth login --browser` waits for the redirect
DEFAULT_ACCESS_LIFETIME = 3600  # when a token response has no expires_in
GOOGLE_TESTING_DAYS = 7  # refresh tokens of a Google app in "Testing" status die then

# Answers of a token endpoint that mean the sign-in itself is gone: expired, revoked,
# the password changed, consent withdrawn, or a new sign-in is required.
_SIGN_IN_GONE = frozenset(
    {"invalid_grant", "interaction_required", "login_required", "consent_required"}
)
# Microsoft's codes for the same (in error_description): AADSTS70000 invalid grant,
# 70008/700082 expired by inactivity, 50173 revoked (password changed), 65001 no
# consent, 50076/50079 multi-factor sign-in required, 54005 code already used,
# 700084 single-page-app token expired, 530003 device policy.
_AADSTS_SIGN_IN_GONE = re.compile(
    r"AADSTS(70000|70008|700082|700084|50173|65001|50076|50079|50078|54005|530003)\b"
)


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
            f"{host_of(oauth.token_endpoint)} answered without an access token: try again later."
        )
    refresh = token.get("refresh_token") or (previous.refresh_token if previous else None)
    if not isinstance(refresh, str) or not refresh:
        raise CredentialError(
            f"{providers.display_name(oauth.provider).capitalize()} gave no refresh token, so "
            "every sign-in would last an hour only: check that oauth2.scopes asks for offline "
            'access (Microsoft: "offline_access"), then run `feedback-mailer auth login` again.'
        )
    lifetime = _seconds(token.get("expires_in"), DEFAULT_ACCESS_LIFETIME)
    refresh_lifetime = _seconds(token.get("refresh_token_expires_in"), 0)
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


def _seconds(value: object, default: int) -> int:
    try:
        seconds = int(str(value))
    except ValueError:
        return default
    return seconds if 0 < seconds < 10 * 365 * 86400 else default


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


# --- the client --------------------------------------------------------------------


def host_of(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def _session(oauth: OAuth2Config, **options: Any) -> OAuth2Session:
    from authlib.integrations.requests_client import OAuth2Session

    from feedback_mailer.mail.connection import is_loopback

    secret = oauth.client_secret or None
    session = OAuth2Session(
        oauth.client_id,
        secret,
        token_endpoint_auth_method="client_secret_post" if secret else "none",
        revocation_endpoint_auth_method="client_secret_post" if secret else "none",
        default_timeout=HTTP_TIMEOUT_SECONDS,
        **options,
    )
    endpoints = [
        url
        for url in (
            oauth.token_endpoint,
            oauth.authorization_endpoint,
            oauth.device_authorization_endpoint,
            oauth.revocation_endpoint,
        )
        if url
    ]
    if all(is_loopback(host_of(url).rsplit(":", 1)[0].strip("[]")) for url in endpoints):
        session.trust_env = False  # a server on this machine: no proxy from the environment
    return session


def _shown(text: object, limit: int = 200) -> str:
    from feedback_mailer.mail.connection import shown

    return shown(str(text), limit)


def _words(error: str, description: str | None) -> str:
    """What a token endpoint said: the code and the first line of its description."""
    first = (description or "").strip().splitlines()[0] if (description or "").strip() else ""
    return _shown(f"{error}: {first}" if first else error)


def _refusal(oauth: OAuth2Config, who: str, error: str, description: str | None) -> Exception:
    """One sentence for an error answer of the token endpoint."""
    words = _words(error, description)
    if error in _SIGN_IN_GONE or _AADSTS_SIGN_IN_GONE.search(description or ""):
        return CredentialError(
            f"The OAuth2 sign-in for {who} has expired or was revoked ({words}): sign in again "
            "with `feedback-mailer auth login`."
        )
    name = providers.display_name(oauth.provider)
    if error in ("invalid_client", "unauthorized_client", "unsupported_grant_type"):
        secret = " and oauth2.client_secret" if oauth.client_secret else ""
        return CredentialError(
            f"{name.capitalize()} refused the app named by oauth2.client_id{secret} ({words}): "
            'check them against your app registration (README, "Signing in with OAuth2").'
        )
    if error == "invalid_scope":
        return CredentialError(
            f"{name.capitalize()} refused the scopes asked for ({words}): check oauth2.scopes and "
            'the app\'s API permissions (README, "Signing in with OAuth2").'
        )
    return MailServerError(
        f"The sign-in server {host_of(oauth.token_endpoint)} refused the request ({words}): try "
        "again later; if it keeps happening, sign in again with `feedback-mailer auth login`."
    )


@contextlib.contextmanager
def _talking_to(oauth: OAuth2Config, who: str, url: str) -> Iterator[None]:
    """Turn the client's exceptions into one sentence each."""
    import requests
    from authlib.integrations.base_client.errors import OAuthError

    try:
        yield
    except OAuthError as error:
        raise _refusal(oauth, who, str(error.error or "error"), error.description) from None
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else "?"
        raise MailServerError(
            f"The sign-in server {host_of(url)} answered HTTP {status}: try again later."
        ) from None
    except requests.RequestException as error:
        reason = _shown(type(error).__name__ if not str(error) else error, 160)
        raise MailServerError(
            f"Cannot reach the sign-in server {host_of(url)} ({reason}): check that you are "
            "online, or try again later."
        ) from None
    except ValueError as error:  # a body that is not JSON, an answer without a code
        raise MailServerError(
            f"The sign-in server {host_of(url)} gave an answer that is not OAuth2 "
            f"({_shown(error, 120)}): check the [oauth2] endpoints, or try again later."
        ) from None


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
        session = _session(oauth, scope=" ".join(oauth.scopes))
        with _talking_to(oauth, who, oauth.token_endpoint):
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
                f"oauth2: refreshed the access token at {host_of(oauth.token_endpoint)} "
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


def run_token_command(
    kind: str, argv: tuple[str, ...], timeout: float = TOKEN_COMMAND_TIMEOUT_SECONDS
) -> str:
    """The access token a helper prints on its first line; its failure is one sentence."""
    key = f"{kind}.token_command"
    program = printable(argv[0])
    try:
        done = subprocess.run(
            list(argv),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise CredentialError(
            f"{key} names {program}, which was not found: install it or write its full path."
        ) from None
    except subprocess.TimeoutExpired:
        raise CredentialError(
            f"{key} ({program}) printed no token within {timeout:g} seconds: run it yourself to "
            "see whether it waits for something (a sign-in, a passphrase)."
        ) from None
    except OSError as error:
        raise CredentialError(
            f"{key} ({program}) cannot be run ({error.strerror or error}): check the program "
            "and its permissions."
        ) from None
    if done.returncode != 0:
        lines = [
            line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()
        ]
        said = f" ({_shown(lines[-1], 120)})" if lines else ""
        how = (
            f"was stopped by signal {-done.returncode}"
            if done.returncode < 0
            else f"failed with exit code {done.returncode}"
        )
        raise CredentialError(f"{key} ({program}) {how}{said}: run it yourself to see why.")
    output = done.stdout.decode("utf-8", "replace").strip().splitlines()
    token = output[0].strip() if output else ""
    if not token:
        raise CredentialError(
            f"{key} ({program}) printed no access token: run it yourself; it must print the "
            "token on its first line."
        )
    if not token.isascii() or not token.isprintable() or " " in token:
        raise CredentialError(
            f"{key} ({program}) printed something that is not an access token on its first "
            "line: run it yourself, and pass the option that makes it print only the token."
        )
    return token


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
        token = _browser_flow(oauth, who, out, open_browser)
    else:
        token = _device_flow(oauth, who, out)
    sign_in = _from_token(token, now(), account=who, oauth=oauth)
    _save(sign_in)
    return sign_in


def _device_flow(oauth: OAuth2Config, who: str, out: Callable[[str], None]) -> Mapping[str, Any]:
    url = oauth.device_authorization_endpoint
    session = _session(oauth)
    form = {"client_id": oauth.client_id, "scope": " ".join(oauth.scopes)}
    if oauth.client_secret:  # a confidential client authenticates here too (RFC 8628, 3.1)
        form["client_secret"] = oauth.client_secret
    with _talking_to(oauth, who, url):
        response = session.request("POST", url, data=form, withhold_token=True)
        answer = response.json()
    if not isinstance(answer, dict):
        answer = {}
    if "error" in answer or response.status_code != 200:
        error = answer.get("error") or f"HTTP {response.status_code}"
        raise _refusal(oauth, who, str(error), answer.get("error_description"))
    device_code = answer.get("device_code")
    user_code = answer.get("user_code")
    # Google says verification_url, RFC 8628 verification_uri.
    page = answer.get("verification_uri") or answer.get("verification_url")
    if not all(isinstance(value, str) and value for value in (device_code, user_code, page)):
        raise MailServerError(
            f"The sign-in server {host_of(url)} answered the device sign-in without a code or "
            "page: check oauth2.device_authorization_endpoint, or use --browser."
        )
    lifetime = _seconds(answer.get("expires_in"), 900)
    interval = max(1, min(_seconds(answer.get("interval"), 5), 60))
    minutes = max(1, lifetime // 60)
    out(f"1. Open {page} in a browser, on this or any other device.")
    out(f"2. Enter the code {user_code} and sign in as {who} (within {minutes} minutes).")
    poll = _session(oauth)  # no scope on the token request: the device code carries it
    ends = time.monotonic() + lifetime
    from authlib.integrations.base_client.errors import OAuthError

    while True:
        time.sleep(interval)
        with _talking_to(oauth, who, oauth.token_endpoint):
            try:
                return dict(
                    poll.fetch_token(
                        oauth.token_endpoint, grant_type=DEVICE_CODE_GRANT, device_code=device_code
                    )
                )
            except OAuthError as error:
                waiting = error.error in ("authorization_pending", "slow_down")
                if waiting and time.monotonic() < ends:
                    interval += 5 if error.error == "slow_down" else 0
                    continue
                if waiting or error.error == "expired_token":
                    raise CredentialError(
                        "The code expired before the sign-in was approved: nothing was stored; "
                        "run `feedback-mailer auth login` again."
                    ) from None
                if error.error in ("access_denied", "authorization_declined"):
                    raise CredentialError(
                        f"The sign-in for {who} was declined: nothing was stored."
                    ) from None
                raise


class _Redirect:
    """A one-shot HTTP listener on 127.0.0.1 for the browser's redirect (RFC 8252)."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, HTTPServer

        outer = self
        self.query: str | None = None
        self.done = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                from urllib.parse import parse_qs, urlsplit

                parts = urlsplit(self.path)
                params = parse_qs(parts.query)
                if parts.path != "/" or not ({"code", "error"} & params.keys()):
                    self.send_error(404)
                    return
                ok = "code" in params
                body = (
                    "<!doctype html><meta charset=utf-8><title>feedback-mailer</title><p>"
                    + (
                        "Signed in: you can close this tab and go back to the terminal."
                        if ok
                        else "The sign-in did not succeed: see the terminal."
                    )
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if not outer.done.is_set():
                    outer.query = parts.query
                    outer.done.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # nothing about the request reaches the terminal

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    def __enter__(self) -> _Redirect:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait(self, seconds: float) -> str | None:
        ends = time.monotonic() + seconds
        while not self.done.wait(0.2):  # short waits: Ctrl-C stays responsive
            if time.monotonic() >= ends:
                return None
        return self.query


def _browser_flow(
    oauth: OAuth2Config,
    who: str,
    out: Callable[[str], None],
    open_browser: Callable[[str], bool] | None,
) -> Mapping[str, Any]:
    from urllib.parse import parse_qs

    from authlib.common.security import generate_token

    preset = providers.preset(oauth.provider)
    params: dict[str, str] = dict(preset.authorize_params) if preset else {}
    if preset is not None:
        params["login_hint"] = who
    verifier = generate_token(64)
    with _Redirect() as listener:
        host = preset.redirect_host if preset else "127.0.0.1"
        redirect_uri = f"http://{host}:{listener.port}/"
        session = _session(
            oauth,
            scope=" ".join(oauth.scopes),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )
        url, state = session.create_authorization_url(
            oauth.authorization_endpoint, code_verifier=verifier, **params
        )
        opened = open_browser(url) if open_browser is not None else False
        if opened:
            out(f"Your browser shows the sign-in page: sign in as {who} there.")
            out(f"If it did not open, open this address in a browser on this computer: {url}")
        else:
            out(f"Open this address in a browser on this computer and sign in as {who}:")
            out(url)
        query = listener.wait(BROWSER_WAIT_SECONDS)
    if query is None:
        raise CredentialError(
            f"No sign-in arrived within {BROWSER_WAIT_SECONDS / 60:g} minutes: nothing was stored; "
            "run `feedback-mailer auth login` again."
        )
    answer = {key: values[0] for key, values in parse_qs(query).items()}
    if answer.get("state") != state:
        raise CredentialError(
            "The browser came back with an answer to another sign-in (the state does not "
            "match): nothing was stored; run `feedback-mailer auth login` again."
        )
    if "error" in answer:
        words = _words(answer["error"], answer.get("error_description"))
        raise CredentialError(
            f"The sign-in for {who} did not succeed ({words}): nothing was stored."
        )
    with _talking_to(oauth, who, oauth.token_endpoint):
        return dict(
            session.fetch_token(
                oauth.token_endpoint,
                authorization_response=f"{redirect_uri}?{query}",
                code_verifier=verifier,
            )
        )


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
            lines.append(f"Revoked the refresh token at {host_of(oauth.revocation_endpoint)}.")
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
    session = _session(oauth)
    with _talking_to(oauth, who, url):
        response = session.revoke_token(  # type: ignore[no-untyped-call]
            url, token=sign_in.refresh_token, token_type_hint="refresh_token"
        )
    if response.status_code != 200:
        raise MailServerError(f"{host_of(url)} answered HTTP {response.status_code}")


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
