"""Load, validate and write `config.toml`.

Every problem becomes one `ConfigError` sentence that names the file, the key
(with its line when it can be found) and what to write instead. The password
is never a config key: it lives in the OS keyring.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from feedback_mailer.base.errors import ConfigError, InputError
from feedback_mailer.base.textsafety import find_control_character, find_hidden_character
from feedback_mailer.mail.connection import is_loopback

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

SECURITY_MODES = ("tls", "starttls", "none")
AUTH_METHODS = ("password", "oauth2")

DEFAULT_AFTER = "5 business days"
DEFAULT_MIN_AFTER = "3 business days"
DEFAULT_WINDOW = "Mon-Fri 09:00-17:00"
DEFAULT_GIVE_UP_AFTER = "14 days"


# NamedTuples rather than dataclasses: `list` loads the config on every start.
class SenderConfig(NamedTuple):
    name: str
    email: str
    timezone: str | None = None
    language: str | None = None  # of the built-in texts: "en", "de", "fr", "es" (--lang)


class SmtpConfig(NamedTuple):
    host: str
    port: int = 587
    security: str = "starttls"
    username: str = ""
    cafile: str = ""
    auth: str = "password"  # or "oauth2" (README, "Signing in with OAuth2")
    token_command: tuple[str, ...] = ()  # argv of a helper printing an access token


class ImapConfig(NamedTuple):
    host: str
    port: int = 993
    security: str = "tls"
    username: str = ""
    cafile: str = ""
    folders: tuple[str, ...] = ("INBOX",)
    sent_folder: str = ""
    auth: str = "password"
    token_command: tuple[str, ...] = ()


class FollowUpConfig(NamedTuple):
    after: str = DEFAULT_AFTER
    min_after: str = DEFAULT_MIN_AFTER
    window: str = DEFAULT_WINDOW
    give_up_after: str = DEFAULT_GIVE_UP_AFTER
    # Without [imap] no answer can be seen, so a due follow-up is only a reminder to the
    # person unless they opt in to sending it anyway (README, Guarantees).
    send_without_tracking: bool = False


class OAuth2Config(NamedTuple):
    """The [oauth2] section, with the provider's endpoints and scopes filled in."""

    provider: str
    client_id: str = ""
    client_secret: str = ""  # Google desktop clients have one; never printed
    tenant: str = ""  # Microsoft only: common, consumers, organizations or a tenant id
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    device_authorization_endpoint: str = ""
    revocation_endpoint: str = ""
    scopes: tuple[str, ...] = ()


class Config(NamedTuple):
    path: Path
    sender: SenderConfig
    smtp: SmtpConfig | None = None
    imap: ImapConfig | None = None
    follow_up: FollowUpConfig = FollowUpConfig()
    # (section, sentence) for files a connection needs but that were missing when
    # the config was loaded leniently (`list`, `show`: they make no connection).
    deferred: tuple[tuple[str, str], ...] = ()
    oauth2: OAuth2Config | None = None

    def _raise_deferred(self, section: str) -> None:
        for where, sentence in self.deferred:
            if where == section:
                raise ConfigError(sentence)

    def require_smtp(self) -> SmtpConfig:
        if self.smtp is None:
            raise ConfigError(
                f"{self.path} has no [smtp] section: run `feedback-mailer init` "
                "or add one as in config.example.toml."
            )
        self._raise_deferred("smtp")
        return self.smtp

    @property
    def tracks_replies(self) -> bool:
        """Replies are looked for over IMAP, so `run` can tell whether an answer came."""
        return self.imap is not None

    @property
    def sends_follow_ups(self) -> bool:
        """`run` may send a due follow-up itself: replies are tracked, or the person opted
        in to sending without tracking (else a due follow-up is only a reminder)."""
        return self.tracks_replies or self.follow_up.send_without_tracking

    def require_imap(self) -> ImapConfig:
        if self.imap is None:
            raise ConfigError(
                f"{self.path} has no [imap] section, so replies cannot be checked: run "
                "`feedback-mailer init` again, which keeps your settings and asks about "
                "reply tracking."
            )
        self._raise_deferred("imap")
        return self.imap


# --- reading ----------------------------------------------------------------


class _Checker:
    """Validates one parsed TOML document, producing sentences that point at the line."""

    def __init__(self, path: Path, text: str, *, defer_files: bool = False) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.defer_files = defer_files
        self.deferred: list[tuple[str, str]] = []

    def where(self, section: str, key: str | None = None) -> str:
        line = self._line_of(section, key)
        name = f"{section}.{key}" if key else f"[{section}]"
        return f"{self.path}: {name}" + (f" (line {line})" if line else "")

    def _line_of(self, section: str, key: str | None) -> int | None:
        in_section = False
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                in_section = stripped.strip("[] ") == section
                if in_section and key is None:
                    return number
                continue
            if in_section and key and re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
        return None

    def fail(self, section: str, key: str | None, problem: str) -> ConfigError:
        return ConfigError(f"{self.where(section, key)} {problem}")

    def table(self, doc: Mapping[str, Any], section: str, required: bool) -> dict[str, Any] | None:
        value = doc.get(section)
        if value is None:
            if required:
                raise ConfigError(
                    f"{self.path} has no [{section}] section: add it as in config.example.toml "
                    "or run `feedback-mailer init`."
                )
            return None
        if not isinstance(value, dict):
            raise self.fail(section, None, "must be a table like `[section]`, not a single value.")
        return value

    def no_unknown_keys(
        self, section: str, table: Mapping[str, Any], known: tuple[str, ...]
    ) -> None:
        for key in table:
            if key not in known:
                raise self.fail(
                    section, key, f"is not a known key: remove it (known keys: {', '.join(known)})."
                )

    def text(self, section: str, table: Mapping[str, Any], key: str, default: str | None) -> str:
        value = table.get(key, default)
        if value is None:
            raise self.fail(section, key, "is missing: add it as in config.example.toml.")
        if not isinstance(value, str):
            raise self.fail(section, key, f"must be a quoted string, not {value!r}.")
        bad = find_control_character(value)
        if bad:
            raise self.fail(section, key, f"contains the control character {bad}: remove it.")
        return value

    def header_text(self, section: str, table: Mapping[str, Any], key: str) -> str:
        """A value bound for a mail header: no invisible characters either."""
        value = self.text(section, table, key, None)
        hidden = find_hidden_character(value)
        if hidden:
            raise self.fail(section, key, f"contains {hidden}: remove it.")
        return value

    def port(self, section: str, table: Mapping[str, Any], default: int) -> int:
        value = table.get("port", default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(section, "port", f"must be a whole number such as 587, not {value!r}.")
        if not 1 <= value <= 65535:
            raise self.fail(section, "port", f"is {value}; a port lies between 1 and 65535.")
        return value

    def checked(self, section: str, key: str, value: str, check: Callable[[str], object]) -> str:
        try:
            check(value)
        except InputError as error:
            raise self.fail(section, key, f"is not valid: {error}") from None
        return value


def _check_email(value: str) -> None:
    # A light check only: loading the config must stay fast for `list`, so the
    # full email-validator check runs when a message is composed.
    from feedback_mailer.mail.addresses import check_bare_address

    check_bare_address(value, what="sender address")


def _check_zone(value: str) -> None:
    from feedback_mailer.base.timing import zone

    zone(value)


def _check_language(value: str) -> None:
    # A two-letter code, checked without Babel: `list` reads the config at every start.
    if not (len(value) == 2 and value.isascii() and value.isalpha() and value.islower()):
        raise InputError(
            f"{value!r} is not a two-letter language code in lower case: use en, de, fr or es, "
            "or the code of your own templates"
        )


def _check_duration(value: str) -> None:
    from feedback_mailer.base.typed_time import parse_duration

    parse_duration(value)


def _check_window(value: str) -> None:
    from feedback_mailer.base.typed_time import parse_window

    parse_window(value)


def _read_sender(c: _Checker, doc: Mapping[str, Any]) -> SenderConfig:
    table = c.table(doc, "sender", required=True) or {}  # required: missing raised already
    c.no_unknown_keys("sender", table, ("name", "email", "timezone", "language"))
    name = c.header_text("sender", table, "name")
    if not name.strip():
        raise c.fail("sender", "name", "is empty: write the name recipients should see.")
    email = c.checked("sender", "email", c.header_text("sender", table, "email"), _check_email)
    timezone = table.get("timezone")
    if timezone is not None:
        timezone = c.checked(
            "sender", "timezone", c.text("sender", table, "timezone", None), _check_zone
        )
    language = table.get("language")
    if language is not None:
        language = c.checked(
            "sender", "language", c.text("sender", table, "language", None), _check_language
        )
    return SenderConfig(
        name=name, email=email, timezone=timezone or None, language=language or None
    )


def _security(c: _Checker, section: str, table: Mapping[str, Any], default: str, host: str) -> str:
    security = c.text(section, table, "security", default)
    if security not in SECURITY_MODES:
        raise c.fail(section, "security", f'is "{security}"; use "tls", "starttls" or "none".')
    if security == "none" and not is_loopback(host):
        raise c.fail(
            section,
            "security",
            f'is "none" but host "{host}" is not on this machine: passwords would cross the '
            'network unencrypted, so use "tls" or "starttls".',
        )
    return security


def _cafile(c: _Checker, section: str, table: Mapping[str, Any]) -> str:
    cafile = c.text(section, table, "cafile", "")
    if not cafile:
        return ""
    try:
        path = Path(cafile).expanduser()
        readable = path.is_file()
    except (OSError, RuntimeError):  # unknown ~user, a name too long for the file system
        readable = False
    if not readable:
        error = c.fail(
            section, "cafile", f"names {cafile}, which is not a readable file: fix the path."
        )
        if not c.defer_files:
            raise error
        c.deferred.append((section, str(error)))  # raised when a connection is made
        return cafile
    return str(path)


_SERVER_KEYS = ("host", "port", "security", "username", "cafile")


def _server_fields(
    c: _Checker,
    section: str,
    table: Mapping[str, Any],
    sender: SenderConfig,
    *,
    port: int,
    security: str,
) -> dict[str, Any]:
    """The connection keys [smtp] and [imap] share, validated alike."""
    host = c.text(section, table, "host", None)
    if not host.strip():
        raise c.fail(
            section, "host", f"is empty: write your provider's {section.upper()} server name."
        )
    return {
        "host": host,
        "port": c.port(section, table, port),
        "security": _security(c, section, table, security, host),
        "username": c.text(section, table, "username", sender.email),
        "cafile": _cafile(c, section, table),
    }


def _read_smtp(c: _Checker, doc: Mapping[str, Any], sender: SenderConfig) -> SmtpConfig | None:
    table = c.table(doc, "smtp", required=False)
    if table is None:
        return None
    c.no_unknown_keys("smtp", table, (*_SERVER_KEYS, *_SIGN_IN_KEYS))
    return SmtpConfig(
        **_server_fields(c, "smtp", table, sender, port=587, security="starttls"),
        **_sign_in_fields(c, "smtp", table),
    )


def _folders(c: _Checker, table: Mapping[str, Any]) -> tuple[str, ...]:
    folders = table.get("folders", ["INBOX"])
    if not isinstance(folders, list) or not folders or not all(isinstance(f, str) for f in folders):
        raise c.fail("imap", "folders", 'must be a list of folder names such as ["INBOX"].')
    for folder in folders:
        if not folder.strip() or find_control_character(folder):
            raise c.fail("imap", "folders", f"holds an invalid folder name {folder!r}.")
    return tuple(folders)


def _read_imap(c: _Checker, doc: Mapping[str, Any], sender: SenderConfig) -> ImapConfig | None:
    table = c.table(doc, "imap", required=False)
    if table is None:
        return None
    c.no_unknown_keys("imap", table, (*_SERVER_KEYS, "folders", "sent_folder", *_SIGN_IN_KEYS))
    return ImapConfig(
        **_server_fields(c, "imap", table, sender, port=993, security="tls"),
        folders=_folders(c, table),
        sent_folder=c.text("imap", table, "sent_folder", ""),
        **_sign_in_fields(c, "imap", table),
    )


# --- signing in: passwords, or OAuth2 (README, "Signing in with OAuth2") -----------

_SIGN_IN_KEYS = ("auth", "token_command")


def _sign_in_fields(c: _Checker, section: str, table: Mapping[str, Any]) -> dict[str, Any]:
    auth = c.text(section, table, "auth", "password")
    if auth not in AUTH_METHODS:
        raise c.fail(section, "auth", f'is "{auth}"; use "password" or "oauth2".')
    command = table.get("token_command", [])
    if not isinstance(command, list) or not all(isinstance(part, str) for part in command):
        raise c.fail(
            section,
            "token_command",
            "must be a list of strings, the program and its arguments, such as "
            '["oama", "access", "me@example.com"] (no shell is used).',
        )
    for part in command:
        bad = find_control_character(part)
        if bad:
            raise c.fail(section, "token_command", f"contains the control character {bad}.")
    if command and not command[0].strip():
        raise c.fail(section, "token_command", "starts with an empty program name.")
    if command and auth != "oauth2":
        raise c.fail(
            section,
            "token_command",
            f'is set but {section}.auth is "{auth}": add auth = "oauth2" to [{section}] '
            "or remove token_command.",
        )
    return {"auth": auth, "token_command": tuple(command)}


def _endpoint(c: _Checker, table: Mapping[str, Any], key: str) -> str:
    """An endpoint URL as written: https, or plain http only to this machine."""
    from urllib.parse import urlsplit

    value = c.text("oauth2", table, key, "")
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or not host or " " in value:
        raise c.fail(
            "oauth2", key, f"is {value!r}, which is not a URL: write the https:// address."
        )
    if parts.scheme == "https" or (parts.scheme == "http" and is_loopback(host)):
        return value
    raise c.fail(
        "oauth2",
        key,
        f"is {value!r}: tokens must travel encrypted, so write its https:// address "
        "(plain http only for a server on this machine).",
    )


def _scopes(c: _Checker, table: Mapping[str, Any]) -> tuple[str, ...]:
    scopes = table.get("scopes", [])
    if not isinstance(scopes, list) or not all(
        isinstance(scope, str) and scope.strip() and not any(ch.isspace() for ch in scope)
        for scope in scopes
    ):
        raise c.fail(
            "oauth2",
            "scopes",
            'must be a list of scopes without spaces, such as ["https://mail.google.com/"].',
        )
    for scope in scopes:
        if find_control_character(scope):
            raise c.fail("oauth2", "scopes", f"holds an invalid scope {scope!r}.")
    return tuple(scopes)


def _read_oauth2(c: _Checker, doc: Mapping[str, Any]) -> OAuth2Config | None:
    table = c.table(doc, "oauth2", required=False)
    if table is None:
        return None
    from feedback_mailer.setup import oauth2_providers as providers

    c.no_unknown_keys("oauth2", table, OAuth2Config._fields)
    provider = c.text("oauth2", table, "provider", None)
    if provider not in providers.PROVIDERS:
        raise c.fail(
            "oauth2", "provider", f'is "{provider}"; use "microsoft", "google" or "custom".'
        )
    client_id = c.text("oauth2", table, "client_id", "")
    if any(ch.isspace() for ch in client_id):
        raise c.fail("oauth2", "client_id", "contains a space: paste the client ID alone.")
    tenant = c.text("oauth2", table, "tenant", "")
    if provider == "microsoft":
        tenant = tenant or providers.DEFAULT_TENANT
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]{0,99}", tenant):
            raise c.fail(
                "oauth2",
                "tenant",
                f'is "{tenant}": use "common", "consumers", "organizations" or your tenant '
                "id or domain.",
            )
    elif tenant:
        raise c.fail("oauth2", "tenant", 'is only used with provider = "microsoft": remove it.')
    preset = providers.preset(provider)
    endpoints = {
        key: _endpoint(c, table, key)
        or (providers.filled(getattr(preset, key), tenant) if preset else "")
        for key in (
            "authorization_endpoint",
            "token_endpoint",
            "device_authorization_endpoint",
            "revocation_endpoint",
        )
    }
    scopes = _scopes(c, table) or (preset.scopes if preset else ())
    if provider == "custom":
        if not endpoints["token_endpoint"]:
            raise c.fail(
                "oauth2", "token_endpoint", 'is missing: provider = "custom" needs its URL.'
            )
        if not (endpoints["authorization_endpoint"] or endpoints["device_authorization_endpoint"]):
            raise c.fail(
                "oauth2",
                "authorization_endpoint",
                'is missing: provider = "custom" needs it (or device_authorization_endpoint) '
                "to sign in.",
            )
        if not scopes:
            raise c.fail(
                "oauth2", "scopes", 'is missing: provider = "custom" needs the scopes to ask for.'
            )
    return OAuth2Config(
        provider=provider,
        client_id=client_id,
        client_secret=c.text("oauth2", table, "client_secret", ""),
        tenant=tenant,
        scopes=scopes,
        **endpoints,
    )


def _check_oauth2_is_there(
    c: _Checker, sections: tuple[SmtpConfig | None, ImapConfig | None], oauth2: OAuth2Config | None
) -> None:
    for name, section in zip(("smtp", "imap"), sections, strict=True):
        if section is None or section.auth != "oauth2":
            continue
        if not section.username.strip():
            raise c.fail(
                name,
                "username",
                'is empty, but auth = "oauth2" signs in as an account: write its address.',
            )
        if not section.token_command and oauth2 is None:
            raise c.fail(
                name,
                "auth",
                'is "oauth2" but there is no [oauth2] section: add one as in '
                'config.example.toml (README, "Signing in with OAuth2"), or set token_command.',
            )


def _approximate_days(text: str) -> float:
    from feedback_mailer.base.typed_time import parse_duration

    d = parse_duration(text)
    return d.business_days * 7 / 5 + d.days + d.hours / 24 + d.minutes / 1440 + d.months * 30.4


def _read_follow_up(c: _Checker, doc: Mapping[str, Any]) -> FollowUpConfig:
    table = c.table(doc, "follow_up", required=False) or {}
    c.no_unknown_keys(
        "follow_up",
        table,
        ("after", "min_after", "window", "give_up_after", "send_without_tracking"),
    )
    send_without_tracking = table.get("send_without_tracking", False)
    if not isinstance(send_without_tracking, bool):
        raise c.fail(
            "follow_up", "send_without_tracking", "must be true or false (without quotes)."
        )

    def duration(key: str, default: str) -> str:
        return c.checked(
            "follow_up", key, c.text("follow_up", table, key, default), _check_duration
        )

    after = duration("after", DEFAULT_AFTER)
    min_after = duration("min_after", DEFAULT_MIN_AFTER)
    give_up_after = duration("give_up_after", DEFAULT_GIVE_UP_AFTER)
    window = c.checked(
        "follow_up", "window", c.text("follow_up", table, "window", DEFAULT_WINDOW), _check_window
    )
    if _approximate_days(after) < _approximate_days(min_after):
        raise c.fail(
            "follow_up",
            "after",
            f'is "{after}", shorter than min_after "{min_after}": the default follow-up '
            "may not come sooner than the minimum wait.",
        )
    return FollowUpConfig(
        after=after,
        min_after=min_after,
        window=window,
        give_up_after=give_up_after,
        send_without_tracking=send_without_tracking,
    )


def parse_config(path: Path, text: str, *, defer_files: bool = False) -> Config:
    """Validate the text of a config file. With `defer_files`, a missing `cafile`
    is not an error yet: `require_smtp()` / `require_imap()` raise it, when a
    connection is about to be made."""
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML ({error}): fix that line.") from None
    c = _Checker(path, text, defer_files=defer_files)
    for section in doc:
        if section not in ("sender", "smtp", "imap", "follow_up", "oauth2"):
            raise c.fail(
                section,
                None,
                "is not a known section: remove it "
                "(known: [sender], [smtp], [imap], [follow_up], [oauth2]).",
            )
    sender = _read_sender(c, doc)
    smtp = _read_smtp(c, doc, sender)
    imap = _read_imap(c, doc, sender)
    oauth2 = _read_oauth2(c, doc)
    _check_oauth2_is_there(c, (smtp, imap), oauth2)
    return Config(
        path=path,
        sender=sender,
        smtp=smtp,
        imap=imap,
        follow_up=_read_follow_up(c, doc),
        deferred=tuple(c.deferred),
        oauth2=oauth2,
    )


CONFIG_FILE = "The config file"
CONFIG_DIRECTORY = "The config directory"


def refuse_if_others_can_change(path: Path) -> None:
    """Refuse a config that another user owns or can write, or whose directory
    they own or can write (see base/permissions.py)."""
    from feedback_mailer.base.permissions import file_problem

    problem = file_problem(path, CONFIG_FILE, CONFIG_DIRECTORY)
    if problem:
        raise ConfigError(problem)


def load_config(path: Path, *, lenient: bool = False) -> Config:
    """Read and validate the config file; a missing file is an error naming `init`.

    `lenient` is for commands that make no connection (`list`, `show`, dry
    runs): a missing `cafile` is then raised only by `require_smtp()` /
    `require_imap()`. Files others could change are refused either way.
    """
    refuse_if_others_can_change(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"No config file at {path}: run `feedback-mailer init` to create one."
        ) from None
    except OSError as error:
        raise ConfigError(
            f"Cannot read {path} ({error.strerror}): check its permissions."
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text: save it as UTF-8.") from None
    return parse_config(path, text, defer_files=lenient)


def load_optional_config(path: Path) -> Config | None:
    """The config when the file exists (errors in it are still errors), else None.

    Its callers make no connection (`list`, `show`, `followup`, `send --dry-run`),
    so it is loaded leniently: a missing `cafile` waits for `require_smtp()` /
    `require_imap()`.
    """
    try:
        exists = path.exists()
    except OSError as error:
        raise ConfigError(f"Cannot use {path} ({error.strerror}): choose another path.") from None
    if not exists:
        return None
    return load_config(path, lenient=True)


def permissions_warning(path: Path) -> str | None:
    """A sentence when others may read the config (it names the mail account)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return (
            f"warning: {path} can be read by other users (mode {stat.S_IMODE(mode):04o}): "
            f"run `chmod 600 {path}`."
        )
    return None


# --- writing (init) ---------------------------------------------------------


class Preset(NamedTuple):
    smtp_host: str
    smtp_port: int
    smtp_security: str
    imap_host: str
    imap_port: int
    imap_security: str
    sent_folder: str


# Providers that file SMTP-submitted mail in Sent themselves get an empty
# sent_folder, so the copy is not stored twice.
PRESETS: dict[str, Preset] = {
    "gmail": Preset("smtp.gmail.com", 587, "starttls", "imap.gmail.com", 993, "tls", ""),
    "outlook": Preset(
        "smtp-mail.outlook.com", 587, "starttls", "outlook.office365.com", 993, "tls", ""
    ),
    "fastmail": Preset("smtp.fastmail.com", 465, "tls", "imap.fastmail.com", 993, "tls", "Sent"),
    "icloud": Preset(
        "smtp.mail.me.com", 587, "starttls", "imap.mail.me.com", 993, "tls", "Sent Messages"
    ),
    "yahoo": Preset("smtp.mail.yahoo.com", 465, "tls", "imap.mail.yahoo.com", 993, "tls", ""),
}
PROVIDERS = (*PRESETS, "custom")


class InitAnswers(NamedTuple):
    name: str
    email: str
    timezone: str | None
    smtp: SmtpConfig
    imap: ImapConfig | None
    oauth2: OAuth2Config | None = None  # what to write in [oauth2], as given
    # Kept from the config a re-run of `init` updates (it does not ask about them).
    language: str | None = None
    follow_up: FollowUpConfig = FollowUpConfig()


def _toml_string(value: str) -> str:
    import json

    # A JSON string with ensure_ascii=False is a valid TOML basic string for any
    # text without control characters, which validation has already refused.
    return json.dumps(value, ensure_ascii=False)


def render_config(answers: InitAnswers) -> str:
    q = _toml_string
    lines = [
        "# feedback-mailer configuration (see config.example.toml for every key).",
        "# No passwords here: `feedback-mailer auth set smtp` stores them in the OS keyring.",
        "",
        "[sender]",
        f"name = {q(answers.name)}",
        f"email = {q(answers.email)}",
    ]
    if answers.timezone:
        lines.append(f"timezone = {q(answers.timezone)}")
    if answers.language:
        lines.append(f"language = {q(answers.language)}")
    s = answers.smtp
    lines += [
        "",
        "[smtp]",
        f"host = {q(s.host)}",
        f"port = {s.port}",
        f"security = {q(s.security)}",
        f"username = {q(s.username)}",
        f"cafile = {q(s.cafile)}",
        *_sign_in_lines(s),
    ]
    if answers.imap:
        i = answers.imap
        folders = ", ".join(q(f) for f in i.folders)
        lines += [
            "",
            "[imap]",
            f"host = {q(i.host)}",
            f"port = {i.port}",
            f"security = {q(i.security)}",
            f"username = {q(i.username)}",
            f"cafile = {q(i.cafile)}",
            f"folders = [{folders}]",
            f"sent_folder = {q(i.sent_folder)}",
            *_sign_in_lines(i),
        ]
    if answers.oauth2:
        lines += ["", "[oauth2]"]
        lines += [f"{key} = {q(value)}" for key, value in _oauth2_items(answers.oauth2)]
    f = answers.follow_up
    lines += [
        "",
        "[follow_up]",
        f"after = {q(f.after)}",
        f"min_after = {q(f.min_after)}",
        f"window = {q(f.window)}",
        f"give_up_after = {q(f.give_up_after)}",
        *(["send_without_tracking = true"] if f.send_without_tracking else []),
        "",
    ]
    return "\n".join(lines)


def _sign_in_lines(section: SmtpConfig | ImapConfig) -> list[str]:
    """`auth` and `token_command` when they are not the defaults."""
    lines = []
    if section.auth != "password":
        lines.append(f"auth = {_toml_string(section.auth)}")
    if section.token_command:
        lines.append(f"token_command = [{', '.join(map(_toml_string, section.token_command))}]")
    return lines


def _oauth2_items(oauth2: OAuth2Config) -> list[tuple[str, str]]:
    """The [oauth2] keys worth writing: those given (presets fill in the rest)."""
    items = [(key, getattr(oauth2, key)) for key in OAuth2Config._fields if key != "scopes"]
    return [
        (key, value)
        for key, value in items
        if value or key == "client_id" or (key == "client_secret" and oauth2.provider == "google")
    ]


def write_config(path: Path, answers: InitAnswers, *, overwrite: bool) -> None:
    """Validate, then write the file atomically with mode 0600, its directory 0700.

    A config that is a symbolic link (dotfiles kept in a repository, a dotfile
    manager) is written through: the file it points to is replaced and the link
    stays, so `init --force` does not silently detach it. A link to nothing, or
    a place another user could change, is refused. Temporary files that a
    killed `init` left behind are removed first.
    """
    from feedback_mailer.base import permissions

    text = render_config(answers)
    parse_config(path, text)  # what we write must load back
    dangling = permissions.dangling_link_problem(path, CONFIG_FILE)
    if dangling:
        raise ConfigError(dangling)
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        exists = target.exists()
    except OSError as error:
        raise ConfigError(f"Cannot use {path} ({error.strerror}): choose another path.") from None
    if exists and not overwrite:
        raise ConfigError(f"{path} already exists: pass --force to replace it.")
    try:
        permissions.make_private_dirs(target.parent)
        refuse_if_others_can_change(path)
        _remove_stale_temporaries(target)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        descriptor = os.open(
            temporary,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
            0o600,
        )
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise ConfigError(
            f"Cannot write {path} ({error.strerror}): choose a writable place with --config "
            "or fix the directory's permissions."
        ) from None


def _remove_stale_temporaries(target: Path) -> None:
    """Delete `.config.toml.PID.tmp` files whose writer is gone (a SIGKILLed `init`)."""
    prefix, suffix = f".{target.name}.", ".tmp"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        number = name[len(prefix) : -len(suffix)]
        if not (name.startswith(prefix) and name.endswith(suffix) and number.isdigit()):
            continue
        pid = int(number)
        if pid != os.getpid() and _process_alive(pid):
            continue  # another `init` writing right now
        entry = target.parent / name
        with contextlib.suppress(OSError):
            info = os.lstat(entry)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.unlink(entry)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def sender_zone(config: Config | None) -> ZoneInfo:
    """The sender's zone: `sender.timezone`, else the system's."""
    from feedback_mailer.base import timing

    if config is not None and config.sender.timezone:
        return timing.zone(config.sender.timezone)
    return timing.system_zone()
